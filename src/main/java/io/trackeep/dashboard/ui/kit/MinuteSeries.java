package io.trackeep.dashboard.ui.kit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a per-minute chart draws ({@link TimeChart#showMinutes}): the minutes of the window (oldest
 * first, the last one the current minute), each series' value per minute (null: nothing measured
 * that minute) and the time it was read (the current minute is not over until then + 60 s).
 */
public record MinuteSeries(List<Instant> window, Map<String, List<Double>> series, Instant now) {

    /** Nothing to draw. */
    public static final MinuteSeries EMPTY = new MinuteSeries(List.of(), Map.of(), Instant.EPOCH);
}
