package io.trackeep.dashboard.service.health;

import java.time.Instant;

/** Cache lookups counted in one minute ({@code P:stats:cache:<family>:<yyyyMMddHHmm>}). */
public record MinuteHits(Instant minute, long hits, long misses) {

    /** hits / (hits + misses), or null for a minute without lookups. */
    public Double hitRate() {
        return HitRate.of(hits, misses);
    }
}
