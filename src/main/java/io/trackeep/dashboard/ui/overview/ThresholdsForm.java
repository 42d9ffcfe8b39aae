package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.service.health.AlertThresholds;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.Locale;

/**
 * The thresholds dialog as data: one text per threshold in the units people think in (percent,
 * milliseconds, seconds, keys per minute), checked as they are typed. {@link #problemProperty()}
 * names the first field that is wrong and why; {@link #result()} gives the thresholds only when
 * all fields are right. FX thread only.
 */
public final class ThresholdsForm {

    private final StringProperty memoryPercent = new SimpleStringProperty();
    private final StringProperty minHitRatePercent = new SimpleStringProperty();
    private final StringProperty clientsPercent = new SimpleStringProperty();
    private final StringProperty slowCommandMillis = new SimpleStringProperty();
    private final StringProperty replicationLagSeconds = new SimpleStringProperty();
    private final StringProperty evictionsPerMinute = new SimpleStringProperty();
    private final StringBinding problem;
    private final BooleanBinding valid;

    public ThresholdsForm(AlertThresholds initial) {
        problem = Bindings.createStringBinding(this::findProblem, memoryPercent, minHitRatePercent, clientsPercent,
                slowCommandMillis, replicationLagSeconds, evictionsPerMinute);
        valid = problem.isEmpty();
        load(initial);
    }

    /** Fills the fields from {@code t}. */
    public void load(AlertThresholds t) {
        memoryPercent.set(number(t.memoryFraction() * 100));
        minHitRatePercent.set(number(t.minHitRate() * 100));
        clientsPercent.set(number(t.clientsFraction() * 100));
        slowCommandMillis.set(number(t.slowCommand().toNanos() / 1e6));
        replicationLagSeconds.set(number(t.replicationLag().toMillis() / 1e3));
        evictionsPerMinute.set(Long.toString(t.evictionsPerMinute()));
    }

    public void restoreDefaults() {
        load(AlertThresholds.DEFAULTS);
    }

    /** The thresholds the fields describe. @throws IllegalStateException while a field is wrong */
    public AlertThresholds result() {
        if (!valid.get()) {
            throw new IllegalStateException(problem.get());
        }
        return new AlertThresholds(parse(memoryPercent) / 100, parse(minHitRatePercent) / 100, parse(clientsPercent) / 100,
                Duration.ofNanos(Math.round(parse(slowCommandMillis) * 1e6)),
                Duration.ofMillis(Math.round(parse(replicationLagSeconds) * 1e3)), Math.round(parse(evictionsPerMinute)));
    }

    private String findProblem() {
        String p = percent("Memory", memoryPercent);
        p = p != null ? p : percent("Hit rate", minHitRatePercent);
        p = p != null ? p : percent("Clients", clientsPercent);
        p = p != null ? p : atLeastZero("Slow command", slowCommandMillis, 60_000, false);
        p = p != null ? p : atLeastZero("Replication lag", replicationLagSeconds, 86_400, false);
        p = p != null ? p : atLeastZero("Evictions per minute", evictionsPerMinute, 1e12, true);
        return p == null ? "" : p;
    }

    private static String percent(String name, StringProperty field) {
        Double v = tryParse(field.get());
        if (v == null) {
            return name + ": enter a percentage from 0 to 100";
        }
        return v < 0 || v > 100 ? name + ": " + field.get().strip() + " is not between 0 and 100 %" : null;
    }

    private static String atLeastZero(String name, StringProperty field, double max, boolean whole) {
        Double v = tryParse(field.get());
        if (v == null || (whole && v != Math.rint(v))) {
            return name + ": enter " + (whole ? "a whole number" : "a number") + " of 0 or more";
        }
        if (v < 0) {
            return name + ": must be 0 or more";
        }
        return v > max ? name + ": " + field.get().strip() + " is too large" : null;
    }

    /** Accepts a decimal point or a decimal comma, so both "0.5" and "0,5" work. */
    private static Double tryParse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text.strip().replace(',', '.'));
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double parse(StringProperty field) {
        return tryParse(field.get());
    }

    private static String number(double v) {
        double rounded = Math.round(v * 1000) / 1000.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : String.format(Locale.ROOT, "%s", rounded);
    }

    public StringProperty memoryPercentProperty() {
        return memoryPercent;
    }

    public StringProperty minHitRatePercentProperty() {
        return minHitRatePercent;
    }

    public StringProperty clientsPercentProperty() {
        return clientsPercent;
    }

    public StringProperty slowCommandMillisProperty() {
        return slowCommandMillis;
    }

    public StringProperty replicationLagSecondsProperty() {
        return replicationLagSeconds;
    }

    public StringProperty evictionsPerMinuteProperty() {
        return evictionsPerMinute;
    }

    /** Empty while every field is right; else the first problem. */
    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
