package io.trackeep.dashboard.ui.kit;

import javafx.scene.chart.ValueAxis;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;

/**
 * A time axis in epoch seconds whose ticks fall on whole multiples of the tick unit (":00",
 * ":05"). {@link javafx.scene.chart.NumberAxis} (final) counts its ticks from the lower bound,
 * which a moving window puts anywhere, so its labels would read 18:42, 18:47, 18:52 one second
 * and nothing the next. Never auto-ranges: the chart sets the window.
 */
final class ClockAxis extends ValueAxis<Number> {

    private double tickUnit = 60;

    ClockAxis() {
        setAutoRanging(false);
    }

    double getTickUnit() { return tickUnit; }

    void setTickUnit(double unit) {
        tickUnit = unit;
        invalidateRange();
        requestAxisLayout();
    }

    /** The whole multiples of {@code unit} from {@code lower} to {@code upper}; just {@code lower} for a degenerate range. */
    static List<Number> ticks(double lower, double upper, double unit) {
        List<Number> ticks = new ArrayList<>();
        if (unit <= 0 || upper <= lower || (upper - lower) / unit > 1000) {
            ticks.add(lower);
            return ticks;
        }
        for (double t = Math.ceil(lower / unit) * unit; t <= upper; t += unit) {
            ticks.add(t);
        }
        return ticks;
    }

    @Override
    protected List<Number> calculateTickValues(double length, Object range) {
        double[] r = (double[]) range;
        return ticks(r[0], r[1], tickUnit);
    }

    @Override
    protected List<Number> calculateMinorTickMarks() {
        return List.of();
    }

    /** The range as this axis keeps it: lower bound, upper bound, scale. */
    @Override
    protected Object getRange() {
        double length = getSide() != null && getSide().isVertical() ? getHeight() : getWidth();
        return new double[] {getLowerBound(), getUpperBound(), calculateNewScale(length, getLowerBound(), getUpperBound())};
    }

    @Override
    protected void setRange(Object range, boolean animate) {
        double[] r = (double[]) range;
        setLowerBound(r[0]);
        setUpperBound(r[1]);
        currentLowerBound.set(r[0]);
        setScale(r[2]);
    }

    @Override
    protected String getTickMarkLabel(Number value) {
        StringConverter<Number> format = getTickLabelFormatter();
        return format == null ? value.toString() : format.toString(value);
    }
}
