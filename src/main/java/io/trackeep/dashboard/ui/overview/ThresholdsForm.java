package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.ui.kit.Check;
import io.trackeep.dashboard.ui.kit.CheckedInput;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The thresholds dialog as data: one text per threshold in the units people think in (percent,
 * milliseconds, seconds, keys per minute), checked as they are typed. {@link #checkProperty()}
 * holds the thresholds while every field is right, else the first field that is wrong and why;
 * {@link #result()} gives the thresholds only when all fields are right. FX thread only.
 */
public final class ThresholdsForm {

    /** The thresholds, in the order the dialog lists them and the problem line looks at them. */
    public enum Field {
        MEMORY_PERCENT(t -> percent("Memory", t)),
        MIN_HIT_RATE_PERCENT(t -> percent("Hit rate", t)),
        CLIENTS_PERCENT(t -> percent("Clients", t)),
        SLOW_COMMAND_MILLIS(t -> atLeastZero("Slow command", t, 60_000, false)),
        REPLICATION_LAG_SECONDS(t -> atLeastZero("Replication lag", t, 86_400, false)),
        EVICTIONS_PER_MINUTE(t -> atLeastZero("Evictions per minute", t, 1e12, true));

        private final Function<String, Check<Double>> check;

        Field(Function<String, Check<Double>> check) {
            this.check = check;
        }
    }

    private final Map<Field, CheckedInput<Double>> fields = new EnumMap<>(Field.class);
    private final ObjectBinding<Check<AlertThresholds>> check;

    public ThresholdsForm(AlertThresholds initial) {
        for (Field f : Field.values()) {
            fields.put(f, new CheckedInput<>(f.check));
        }
        check = Bindings.createObjectBinding(this::judge,
                fields.values().stream().map(CheckedInput::checkProperty).toArray(Observable[]::new));
        load(initial);
    }

    /** Fills the fields from {@code t}. */
    public void load(AlertThresholds t) {
        set(Field.MEMORY_PERCENT, number(t.memoryFraction() * 100));
        set(Field.MIN_HIT_RATE_PERCENT, number(t.minHitRate() * 100));
        set(Field.CLIENTS_PERCENT, number(t.clientsFraction() * 100));
        set(Field.SLOW_COMMAND_MILLIS, number(t.slowCommand().toNanos() / 1e6));
        set(Field.REPLICATION_LAG_SECONDS, number(t.replicationLag().toMillis() / 1e3));
        set(Field.EVICTIONS_PER_MINUTE, Long.toString(t.evictionsPerMinute()));
    }

    public void restoreDefaults() {
        load(AlertThresholds.DEFAULTS);
    }

    /** The thresholds the fields describe. @throws IllegalStateException while a field is wrong */
    public AlertThresholds result() {
        return check.get().value().orElseThrow(() -> new IllegalStateException(check.get().message()));
    }

    /** The first field that is wrong, in field order; else the thresholds. */
    private Check<AlertThresholds> judge() {
        // read every field's check: a property not read since it changed tells no one of its next change
        List<Check<Double>> checks = fields.values().stream().map(f -> f.checkProperty().get()).toList();
        String problem = checks.stream().map(Check::message).filter(m -> !m.isEmpty()).findFirst().orElse("");
        return problem.isEmpty() ? Check.valid(thresholds(), "") : Check.problem(problem);
    }

    private AlertThresholds thresholds() {
        return new AlertThresholds(value(Field.MEMORY_PERCENT) / 100, value(Field.MIN_HIT_RATE_PERCENT) / 100,
                value(Field.CLIENTS_PERCENT) / 100, Duration.ofNanos(Math.round(value(Field.SLOW_COMMAND_MILLIS) * 1e6)),
                Duration.ofMillis(Math.round(value(Field.REPLICATION_LAG_SECONDS) * 1e3)), Math.round(value(Field.EVICTIONS_PER_MINUTE)));
    }

    private void set(Field f, String text) {
        fields.get(f).textProperty().set(text);
    }

    private double value(Field f) {
        return fields.get(f).value().orElseThrow();
    }

    private static Check<Double> percent(String name, String typed) {
        Double v = tryParse(typed);
        if (v == null) {
            return Check.problem(name + ": enter a percentage from 0 to 100");
        }
        return v < 0 || v > 100 ? Check.problem(name + ": " + typed + " is not between 0 and 100 %") : Check.valid(v, "");
    }

    private static Check<Double> atLeastZero(String name, String typed, double max, boolean whole) {
        Double v = tryParse(typed);
        if (v == null || (whole && v != Math.rint(v))) {
            return Check.problem(name + ": enter " + (whole ? "a whole number" : "a number") + " of 0 or more");
        }
        if (v < 0) {
            return Check.problem(name + ": must be 0 or more");
        }
        return v > max ? Check.problem(name + ": " + typed + " is too large") : Check.valid(v, "");
    }

    /** Accepts a decimal point or a decimal comma, so both "0.5" and "0,5" work. */
    private static Double tryParse(String typed) {
        if (typed.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(typed.replace(',', '.'));
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String number(double v) {
        double rounded = Math.round(v * 1000) / 1000.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : String.format(Locale.ROOT, "%s", rounded);
    }

    /** What the admin typed for {@code f}, in the unit its name says. */
    public StringProperty textProperty(Field f) {
        return fields.get(f).textProperty();
    }

    /** The thresholds while every field is right; else the first problem. */
    public ObjectBinding<Check<AlertThresholds>> checkProperty() { return check; }
}
