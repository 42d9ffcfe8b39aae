package io.trackeep.dashboard.ui.kit;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bounded history of one live chart: points of (time in epoch seconds, value), kept while
 * newer than the chart's window start and at most {@code maxPoints} many, whatever the refresh
 * interval, so a chart never grows without end. A gap in the data (Redis down or stalled, the
 * refresh paused) starts a new segment, so the chart shows the gap instead of a straight line
 * across it. Changes are made in one step per refresh, so the chart redraws once. FX thread only.
 */
public final class Trend {

    /** A pause longer than this many typical steps (and at least {@link #MIN_GAP_SECONDS}) is a gap. */
    static final double GAP_STEPS = 3;
    static final double MIN_GAP_SECONDS = 3;

    private final String id;
    private final String title;
    private final String unit;
    private final int maxPoints;
    private final ObservableList<XYChart.Series<Number, Number>> segments = FXCollections.observableArrayList();
    private double lastTime = Double.NaN;
    private double lastStep = Double.NaN;
    private boolean broken;

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

    /** Appends a point (in a new segment after a gap) and drops those before {@code windowStart} or beyond the cap. */
    public void add(double epochSeconds, double value, double windowStart) {
        if (!Double.isNaN(lastTime)) {
            double step = epochSeconds - lastTime;
            if (!Double.isNaN(lastStep) && step > Math.max(MIN_GAP_SECONDS, GAP_STEPS * lastStep)) {
                broken = true;
            }
            lastStep = step;
        }
        if (broken || segments.isEmpty()) {
            segments.add(new XYChart.Series<>());
            broken = false;
        }
        segments.get(segments.size() - 1).getData().add(new XYChart.Data<>(epochSeconds, value));
        lastTime = epochSeconds;
        trim(windowStart);
    }

    /** Nothing could be measured now (Redis down, a value unknown): the next point starts a new segment. */
    public void gap() {
        broken = true;
        lastStep = Double.NaN;
    }

    /** Drops points before {@code windowStart} (also when nothing new arrives, so the chart keeps moving). */
    public void trim(double windowStart) {
        int excess = size() - maxPoints;
        while (!segments.isEmpty()) {
            ObservableList<XYChart.Data<Number, Number>> first = segments.get(0).getData();
            int drop = 0;
            while (drop < first.size() && (first.get(drop).getXValue().doubleValue() < windowStart || drop < excess)) {
                drop++;
            }
            excess -= drop;
            if (drop == first.size()) {
                segments.remove(0);
            } else {
                if (drop > 0) {
                    first.remove(0, drop);
                }
                break;
            }
        }
    }

    public void clear() {
        segments.clear();
        lastTime = Double.NaN;
        lastStep = Double.NaN;
        broken = false;
    }

    public String id() { return id; }

    public String title() { return title; }

    public String unit() { return unit; }

    /** The segments in time order, each a series of a chart; a new one begins after every gap. */
    public ObservableList<XYChart.Series<Number, Number>> segments() { return segments; }

    /** All points, in time order. */
    public List<XYChart.Data<Number, Number>> points() {
        List<XYChart.Data<Number, Number>> all = new ArrayList<>();
        segments.forEach(s -> all.addAll(s.getData()));
        return all;
    }

    private int size() {
        return segments.stream().mapToInt(s -> s.getData().size()).sum();
    }
}
