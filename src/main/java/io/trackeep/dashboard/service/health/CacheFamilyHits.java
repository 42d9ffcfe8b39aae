package io.trackeep.dashboard.service.health;

import java.util.List;

/**
 * Hits and misses of one cache family ({@code response}, {@code search}, {@code analytics})
 * minute by minute, oldest first; minutes without a counter hash count as zero.
 */
public record CacheFamilyHits(String family, List<MinuteHits> minutes) {

    public CacheFamilyHits {
        minutes = List.copyOf(minutes);
    }

    public long hits() {
        return minutes.stream().mapToLong(MinuteHits::hits).sum();
    }

    public long misses() {
        return minutes.stream().mapToLong(MinuteHits::misses).sum();
    }

    /** Over all the minutes; null without any lookup. */
    public Double hitRate() {
        return HitRate.of(hits(), misses());
    }
}
