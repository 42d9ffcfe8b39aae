package io.trackeep.dashboard.ui.chart;

import io.trackeep.dashboard.ui.format.Times;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A line chart of per-minute figures (hits, allowed requests, ...) over a short window, the
 * minutes shown in the user's time zone. The history is bounded by its source (one point per
 * minute of the window); each update replaces the points of the existing series in place, so
 * colours and legend stay put. Not animated and without symbols, as a live chart must be.
 */
public final class PerMinuteChart {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final NumberAxis minutes = new NumberAxis();
    private final NumberAxis values = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(minutes, values);
    private final Map<String, XYChart.Series<Number, Number>> series = new LinkedHashMap<>();

    /**
     * @param valueLabel the y axis label ("requests / min", "hit rate %")
     * @param format     tick labels of the y axis
     */
    public PerMinuteChart(String valueLabel, Function<Number, String> format) {
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.getStyleClass().add("per-minute-chart");
        minutes.setAutoRanging(false);
        minutes.setMinorTickVisible(false);
        minutes.setTickUnit(5);
        minutes.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number minute) {
                return HH_MM.format(Instant.ofEpochSecond(minute.longValue() * 60).atZone(ZoneId.systemDefault()));
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        values.setLabel(valueLabel);
        values.setMinorTickVisible(false);
        values.setForceZeroInRange(true);
        values.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return format.apply(n);
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        minutes.setLabel("minute (" + Times.zoneLabel() + ")");
    }

    public LineChart<Number, Number> node() {
        return chart;
    }

    /** Fixes the y axis to {@code [0, upper]} (a percentage chart), instead of following the data. */
    public void fixValueRange(double upper, double tick) {
        values.setAutoRanging(false);
        values.setLowerBound(0);
        values.setUpperBound(upper);
        values.setTickUnit(tick);
    }

    /**
     * Shows {@code data}: series name → one value per minute of {@code window} (oldest first); a
     * null value leaves that minute out (nothing measured). Series not named are removed.
     */
    public void show(List<Instant> window, Map<String, List<Double>> data) {
        if (!window.isEmpty()) {
            minutes.setLowerBound(epochMinute(window.get(0)));
            minutes.setUpperBound(epochMinute(window.get(window.size() - 1)));
        }
        series.keySet().retainAll(data.keySet());
        chart.getData().removeIf(s -> !series.containsValue(s));
        data.forEach((name, points) -> {
            XYChart.Series<Number, Number> s = series.computeIfAbsent(name, n -> {
                XYChart.Series<Number, Number> created = new XYChart.Series<>();
                created.setName(n);
                chart.getData().add(created);
                return created;
            });
            List<XYChart.Data<Number, Number>> shown = new ArrayList<>(points.size());
            for (int i = 0; i < points.size() && i < window.size(); i++) {
                if (points.get(i) != null) {
                    shown.add(new XYChart.Data<>(epochMinute(window.get(i)), points.get(i)));
                }
            }
            s.getData().setAll(shown);
        });
    }

    /** The values of one series as shown (for tests). */
    public List<Number> values(String name) {
        XYChart.Series<Number, Number> s = series.get(name);
        return s == null ? List.of() : s.getData().stream().map(XYChart.Data::getYValue).toList();
    }

    private static long epochMinute(Instant t) {
        return t.getEpochSecond() / 60;
    }
}
