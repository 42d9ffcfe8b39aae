package io.trackeep.dashboard.ui.kit;

import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.panel.EmptyState;
import javafx.beans.value.ObservableDoubleValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Pane;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The one time-series chart of the window: time on the x axis (epoch seconds) labelled as the
 * time of day in the user's zone, the same way in every panel ({@code 14:05}; {@code 14:05:30}
 * when the ticks are less than a minute apart), three or four labels whatever the span. Not
 * animated and without symbols, as a live chart must be. Either bound to a {@link Trend} (one
 * point per refresh; a gap in the data is a gap in the line) or shown per minute
 * ({@link #showMinutes}: the unfinished current minute is left out, it would read as a drop).
 */
public final class TimeChart {

    /** Tick spacings to choose from, in seconds. */
    private static final double[] TICKS = {10, 15, 30, 60, 120, 180, 300, 600, 900, 1800, 3600};
    private static final int MAX_TICKS = 4;

    private final ClockAxis time = new ClockAxis();
    private final NumberAxis values = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, values);
    private final Map<String, XYChart.Series<Number, Number>> named = new LinkedHashMap<>();

    /**
     * @param styleClass the chart's style class ("trend-chart", "per-minute-chart")
     * @param format     tick labels of the value axis, or null for the default
     */
    public TimeChart(String styleClass, Function<Number, String> format) {
        chart.getStyleClass().add(styleClass);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setHorizontalZeroLineVisible(false);
        chart.setVerticalGridLinesVisible(false);
        chart.setMinHeight(0);
        time.setAutoRanging(false);
        time.setMinorTickVisible(false);
        values.setForceZeroInRange(true);
        values.setMinorTickVisible(false);
        if (format != null) {
            values.setTickLabelFormatter(labels(format));
        }
        window(0, 60);
    }

    public LineChart<Number, Number> node() { return chart; }

    /** Labels the value axis ("requests / min"). */
    public TimeChart valueLabel(String label) {
        values.setLabel(label);
        return this;
    }

    /** Fixes the value axis to {@code [0, upper]} (a percentage), instead of following the data. */
    public TimeChart fixValueRange(double upper, double tick) {
        values.setAutoRanging(false);
        values.setLowerBound(0);
        values.setUpperBound(upper);
        values.setTickUnit(tick);
        return this;
    }

    /** Lets the value axis follow the data again after {@link #fixValueRange}. */
    public TimeChart followValues() {
        values.setAutoRanging(true);
        return this;
    }

    /** Shows the time from {@code from} to {@code to} (epoch seconds). */
    public void window(double from, double to) {
        time.setLowerBound(from);
        time.setUpperBound(Math.max(to, from + 1));
        double span = to - from;
        double unit = TICKS[TICKS.length - 1];
        for (double t : TICKS) {
            if (span / t <= MAX_TICKS) {
                unit = t;
                break;
            }
        }
        if (unit != time.getTickUnit() || time.getTickLabelFormatter() == null) {
            time.setTickUnit(unit);
            time.setTickLabelFormatter(clock(unit));
        }
    }

    /** Follows a moving window. */
    public void bindWindow(ObservableDoubleValue from, ObservableDoubleValue to) {
        from.addListener((obs, o, n) -> window(from.get(), to.get()));
        to.addListener((obs, o, n) -> window(from.get(), to.get()));
        window(from.get(), to.get());
    }

    /** Draws a trend: its segments are the chart's series, updated as the trend changes. */
    public void show(Trend trend) {
        chart.setLegendVisible(false);
        chart.setData(trend.segments());
    }

    /**
     * Shows per-minute figures: series name → one value per minute of the window; a null value
     * leaves that minute out (nothing measured), and so does the current minute, which is not
     * over. Series not named are removed; the others keep their place, colour and legend entry.
     */
    public void showMinutes(MinuteSeries figures) {
        List<Instant> minutes = figures.window();
        Map<String, List<Double>> data = figures.series();
        Instant now = figures.now();
        if (!minutes.isEmpty()) {
            window(minutes.get(0).getEpochSecond(), minutes.get(minutes.size() - 1).getEpochSecond());
        }
        named.keySet().retainAll(data.keySet());
        chart.getData().removeIf(s -> !named.containsValue(s));
        data.forEach((name, points) -> {
            XYChart.Series<Number, Number> s = named.computeIfAbsent(name, n -> {
                XYChart.Series<Number, Number> created = new XYChart.Series<>();
                created.setName(n);
                chart.getData().add(created);
                return created;
            });
            List<XYChart.Data<Number, Number>> shown = new ArrayList<>(points.size());
            for (int i = 0; i < points.size() && i < minutes.size(); i++) {
                boolean finished = !minutes.get(i).plusSeconds(60).isAfter(now);
                if (points.get(i) != null && finished) {
                    shown.add(new XYChart.Data<>(minutes.get(i).getEpochSecond(), points.get(i)));
                }
            }
            s.getData().setAll(shown);
        });
    }

    /**
     * Draws {@code chart}'s minutes in {@code area} ({@code .per-minute-chart}), with {@code unavailable}
     * ({@code .chart-empty}) in the chart's place, saying why, while the chart is not available: a
     * panel's chart of per-minute counters that may not exist (the Go backend writes none).
     */
    public TimeChart showIn(Pane area, ObservableValue<MinuteChart> shown, EmptyState unavailable) {
        ObservableValue<Boolean> available = shown.map(MinuteChart::available);
        chart.visibleProperty().bind(available);
        shown.addListener((obs, old, now) -> {
            if (!now.minutes().equals(old.minutes())) {
                showMinutes(now.minutes());
            }
        });
        unavailable.titleProperty().bind(shown.map(MinuteChart::title));
        unavailable.messageProperty().bind(shown.map(MinuteChart::note));
        unavailable.getStyleClass().add("chart-empty");
        unavailable.visibleProperty().bind(available.map(a -> !a));
        area.getChildren().setAll(chart, unavailable);
        return this;
    }

    /**
     * Epoch seconds as the time of day in the user's zone, on whole multiples of {@code unit} only:
     * the axis also marks its bounds, which fall anywhere ("14:52:47") and would crowd the labels.
     */
    private static StringConverter<Number> clock(double unit) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedTime(unit < 60 ? FormatStyle.MEDIUM : FormatStyle.SHORT)
                .withLocale(Locale.getDefault(Locale.Category.FORMAT)).withZone(Times.zone());
        return labels(t -> {
            long second = Math.round(t.doubleValue());
            return Math.abs(t.doubleValue() - second) > 0.01 || second % (long) unit != 0 ? ""
                    : format.format(Instant.ofEpochSecond(second));
        });
    }

    private static StringConverter<Number> labels(Function<Number, String> format) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return format.apply(n);
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("labels only");
            }
        };
    }
}
