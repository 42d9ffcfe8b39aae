package io.trackeep.dashboard.monitor.overview;

import io.trackeep.dashboard.service.health.HealthReport;
import io.trackeep.dashboard.service.health.StatsInfo;

import java.time.Duration;
import java.util.Objects;

/**
 * Rates over the recent window of the {@link ServerProbe} (about a minute): steadier than one
 * refresh interval, more current than the totals since the server started. Null where the two
 * checks cannot be compared (first check, restart in between, counter missing) or, for the hit
 * rate, where there were no lookups.
 *
 * @param window            how far apart the two checks were; {@link Duration#ZERO} when there is no rate
 * @param hitRate           keyspace hits / lookups in the window, 0..1
 * @param evictedPerMinute  keys evicted per minute in the window
 * @param expiredPerSecond  keys expired per second in the window
 */
public record RecentRates(Duration window, Double hitRate, Double evictedPerMinute, Double expiredPerSecond) {

    public static final RecentRates NONE = new RecentRates(Duration.ZERO, null, null, null);

    /** The rates from {@code before} to {@code now}; {@link #NONE} unless both are UP, of the same server run and in time order. */
    public static RecentRates between(HealthReport before, HealthReport now) {
        if (!comparable(before, now)) {
            return NONE;
        }
        Duration window = Duration.between(before.checkedAt(), now.checkedAt());
        double seconds = window.toNanos() / 1e9;
        StatsInfo a = before.info().stats();
        StatsInfo b = now.info().stats();
        Long hits = delta(a.keyspaceHits(), b.keyspaceHits());
        Long misses = delta(a.keyspaceMisses(), b.keyspaceMisses());
        Double hitRate = hits == null || misses == null || hits + misses == 0 ? null : (double) hits / (hits + misses);
        Long evicted = delta(a.evictedKeys(), b.evictedKeys());
        Long expired = delta(a.expiredKeys(), b.expiredKeys());
        return new RecentRates(window, hitRate, evicted == null ? null : evicted * 60 / seconds,
                expired == null ? null : expired / seconds);
    }

    static boolean comparable(HealthReport before, HealthReport now) {
        return before != null && now != null && before.isUp() && now.isUp()
                && Objects.equals(before.info().server().runId(), now.info().server().runId())
                && before.checkedAt().isBefore(now.checkedAt());
    }

    /** now - then, or null when either is missing or the counter went down (CONFIG RESETSTAT). */
    private static Long delta(Long then, Long now) {
        return then == null || now == null || now < then ? null : now - then;
    }
}
