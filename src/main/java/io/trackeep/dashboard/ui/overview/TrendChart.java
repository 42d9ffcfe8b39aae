package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.ui.format.Times;
import javafx.beans.value.ObservableDoubleValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * One Overview chart: the title and the current value above a line chart of a {@link Trend} over
 * the last 15 minutes. The chart draws the trend's list directly (one change per refresh),
 * without animation or point symbols, so it stays cheap at thousands of points.
 */
final class TrendChart extends VBox {

    /** Tick spacings to choose from, in seconds: three or four labels whatever the span, so they never overlap. */
    private static final double[] TICKS = {10, 15, 30, 60, 120, 180, 300};
    private static final int MAX_TICKS = 3;

    TrendChart(Trend trend, ObservableStringValue current, ObservableDoubleValue from, ObservableDoubleValue to) {
        getStyleClass().addAll("trend-card", "trend-" + trend.id());
        setId("trend-" + trend.id());
        Label title = new Label(trend.title());
        title.getStyleClass().add("trend-title");
        Label value = new Label();
        value.getStyleClass().add("trend-value");
        value.textProperty().bind(current);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(title, grow, value);
        header.getStyleClass().add("trend-header");

        NumberAxis time = new NumberAxis();
        time.setAutoRanging(false);
        time.lowerBoundProperty().bind(from);
        time.upperBoundProperty().bind(to);
        time.setMinorTickVisible(false);
        Runnable fitTicks = () -> {
            double span = to.get() - from.get();
            double unit = TICKS[TICKS.length - 1];
            for (double t : TICKS) {
                if (span / t <= MAX_TICKS) {
                    unit = t;
                    break;
                }
            }
            if (unit != time.getTickUnit() || time.getTickLabelFormatter() == null) {
                time.setTickUnit(unit);
                time.setTickLabelFormatter(new ClockLabels(unit < 60));
            }
        };
        from.addListener((obs, o, n) -> fitTicks.run());
        to.addListener((obs, o, n) -> fitTicks.run());
        fitTicks.run();
        NumberAxis values = new NumberAxis();
        values.setForceZeroInRange(true);
        values.setMinorTickVisible(false);
        if (trend.unit().equals("%")) {
            values.setAutoRanging(false);
            values.setLowerBound(0);
            values.setUpperBound(100);
            values.setTickUnit(25);
        }
        LineChart<Number, Number> chart = new LineChart<>(time, values);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setHorizontalZeroLineVisible(false);
        chart.setVerticalGridLinesVisible(false);
        chart.getStyleClass().add("trend-chart");
        chart.getData().add(new XYChart.Series<>(trend.points()));
        Tooltip.install(chart, new Tooltip(trend.title() + " (" + trend.unit() + "), one point per refresh, last 15 minutes"));
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().addAll(header, chart);
    }

    /** Epoch seconds as the time of day in the user's zone ({@code 14:05}, or {@code 14:05:30} with seconds). */
    private static final class ClockLabels extends StringConverter<Number> {
        private final DateTimeFormatter format;

        ClockLabels(boolean seconds) {
            format = DateTimeFormatter.ofLocalizedTime(seconds ? FormatStyle.MEDIUM : FormatStyle.SHORT)
                    .withLocale(Locale.getDefault(Locale.Category.FORMAT)).withZone(Times.zone());
        }

        @Override
        public String toString(Number epochSeconds) {
            return format.format(Instant.ofEpochMilli(Math.round(epochSeconds.doubleValue() * 1000)));
        }

        @Override
        public Number fromString(String s) {
            throw new UnsupportedOperationException("labels only");
        }
    }
}
