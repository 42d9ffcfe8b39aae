package io.trackeep.dashboard.service.cache;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Per-minute hits and misses of one family over a window, oldest minute first, the current
 * (still running) minute last. Minutes without counters are present with zeros.
 */
public record CacheCounterSeries(CacheFamily family, List<MinuteCounts> minutes) {

    public CacheCounterSeries {
        minutes = List.copyOf(minutes);
    }

    public long hits() {
        return minutes.stream().mapToLong(MinuteCounts::hits).sum();
    }

    public long misses() {
        return minutes.stream().mapToLong(MinuteCounts::misses).sum();
    }

    /** Hits over lookups in the window; empty when there were no lookups. */
    public OptionalDouble hitRate() {
        long lookups = hits() + misses();
        return lookups == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) hits() / lookups);
    }
}
