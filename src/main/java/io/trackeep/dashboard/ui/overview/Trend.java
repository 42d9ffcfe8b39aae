package io.trackeep.dashboard.ui.overview;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import java.util.Objects;

/**
 * The bounded history of one Overview chart: points of (time in epoch seconds, value), at most
 * {@link OverviewViewModel#HISTORY} old and at most {@code maxPoints} many, whatever the refresh
 * interval, so a chart never grows without end. Changes are made in one step per refresh (one
 * add, one range removal), so the chart redraws once. FX thread only.
 */
public final class Trend {

    private final String id;
    private final String title;
    private final String unit;
    private final int maxPoints;
    private final ObservableList<XYChart.Data<Number, Number>> points = FXCollections.observableArrayList();

    /**
     * @param id    stable id ({@code ops})
     * @param title what is drawn ({@code Operations per second})
     * @param unit  the y axis unit ({@code ops/s}, {@code MiB}, {@code %})
     */
    public Trend(String id, String title, String unit, int maxPoints) {
        this.id = Objects.requireNonNull(id);
        this.title = Objects.requireNonNull(title);
        this.unit = Objects.requireNonNull(unit);
        this.maxPoints = maxPoints;
    }

    /** Appends a point and drops those before {@code windowStart} or beyond the cap. */
    void add(double epochSeconds, double value, double windowStart) {
        points.add(new XYChart.Data<>(epochSeconds, value));
        trim(windowStart);
    }

    /** Drops points before {@code windowStart} (also when nothing new arrives, so the chart keeps moving). */
    void trim(double windowStart) {
        int drop = 0;
        while (drop < points.size() && points.get(drop).getXValue().doubleValue() < windowStart) {
            drop++;
        }
        drop = Math.max(drop, points.size() - maxPoints);
        if (drop > 0) {
            points.remove(0, drop);
        }
    }

    void clear() {
        points.clear();
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    /** The points in time order; a chart series can show this list directly. */
    public ObservableList<XYChart.Data<Number, Number>> points() {
        return points;
    }
}
