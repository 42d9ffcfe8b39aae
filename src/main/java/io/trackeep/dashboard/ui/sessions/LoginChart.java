package io.trackeep.dashboard.ui.sessions;

import io.trackeep.dashboard.monitor.sessions.LoginRate;
import io.trackeep.dashboard.ui.format.Times;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/**
 * Logins per minute over the last 15 minutes: one point per minute (so never more than 15), no
 * animation, no symbols; the x axis in the user's time zone.
 */
final class LoginChart {

    private static final long MINUTE_MS = 60_000;

    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final AreaChart<Number, Number> chart = new AreaChart<>(x, y);
    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();

    LoginChart(ObservableList<LoginRate.MinuteCount> minutes) {
        chart.setId("loginChart");
        chart.getStyleClass().add("login-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setHorizontalGridLinesVisible(true);
        chart.setVerticalGridLinesVisible(false);
        chart.setMinHeight(0);
        chart.setMinWidth(0); // a narrow card shrinks the plot instead of cutting its right side off
        x.setAutoRanging(false);
        x.setTickUnit(5);
        x.setMinorTickVisible(false);
        DateTimeFormatter hhmm = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withZone(Times.zone());
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number minute) {
                return hhmm.format(Instant.ofEpochMilli(minute.longValue() * MINUTE_MS));
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        y.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return v == Math.rint(v) ? Long.toString((long) v) : ""; // logins are whole numbers
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        chart.getData().add(series);
        minutes.addListener((ListChangeListener<LoginRate.MinuteCount>) c -> show(minutes));
        show(minutes);
    }

    AreaChart<Number, Number> node() {
        return chart;
    }

    private void show(ObservableList<LoginRate.MinuteCount> minutes) {
        if (minutes.isEmpty()) {
            series.getData().clear();
            return;
        }
        long first = minutes.get(0).minute().toEpochMilli() / MINUTE_MS;
        long last = minutes.get(minutes.size() - 1).minute().toEpochMilli() / MINUTE_MS;
        x.setLowerBound(first);
        x.setUpperBound(last);
        long max = minutes.stream().mapToLong(LoginRate.MinuteCount::logins).max().orElse(0);
        y.setAutoRanging(max > 4);
        if (max <= 4) {
            y.setLowerBound(0);
            y.setUpperBound(4); // a quiet minute is not a full-height spike
            y.setTickUnit(2);
        }
        boolean sameMinutes = series.getData().size() == minutes.size()
                && series.getData().get(0).getXValue().longValue() == first;
        for (int i = 0; i < minutes.size(); i++) {
            long minute = minutes.get(i).minute().toEpochMilli() / MINUTE_MS;
            long logins = minutes.get(i).logins();
            if (sameMinutes) {
                series.getData().get(i).setYValue(logins);
            } else if (i == 0) {
                series.getData().setAll(new XYChart.Data<>(minute, logins));
            } else {
                series.getData().add(new XYChart.Data<>(minute, logins));
            }
        }
    }
}
