package io.trackeep.dashboard.monitor.overview;

import io.trackeep.dashboard.service.health.HealthReport;
import io.trackeep.dashboard.service.health.KeyspaceLookups;
import io.trackeep.dashboard.service.health.StatsInfo;
import io.trackeep.dashboard.service.redis.OwnTraffic;

import java.time.Duration;
import java.util.Objects;

/**
 * Rates over the recent window of the {@link ServerProbe} (about a minute): steadier than one
 * refresh interval, more current than the totals since the server started. Null where the two
 * checks cannot be compared (first check, restart in between, counter missing) or, for the hit
 * rate, where nobody but this program looked a key up.
 *
 * @param window            how far apart the two checks were; {@link Duration#ZERO} when there is no rate
 * @param lookups           others' keyspace lookups in the window (this program's own left out); null when unknown
 * @param evictedPerMinute  keys evicted per minute in the window
 * @param expiredPerSecond  keys expired per second in the window
 * @param ownPerSecond      commands per second this program sent in the window (part of the server's ops/s); null when not counted
 */
public record RecentRates(Duration window, KeyspaceLookups lookups, Double evictedPerMinute, Double expiredPerSecond,
                          Double ownPerSecond) {

    public static final RecentRates NONE = new RecentRates(Duration.ZERO, null, null, null, null);

    /** Others' hits / lookups in the window, 0..1; null without lookups or when unknown. */
    public Double hitRate() {
        return lookups == null ? null : lookups.hitRate();
    }

    /** The rates from {@code before} to {@code now}; {@link #NONE} unless both are UP, of the same server run and in time order. */
    public static RecentRates between(HealthReport before, HealthReport now) {
        if (!comparable(before, now)) {
            return NONE;
        }
        Duration window = Duration.between(before.checkedAt(), now.checkedAt());
        double seconds = window.toNanos() / 1e9;
        StatsInfo a = before.info().stats();
        StatsInfo b = now.info().stats();
        Long evicted = delta(a.evictedKeys(), b.evictedKeys());
        Long expired = delta(a.expiredKeys(), b.expiredKeys());
        OwnTraffic own = now.own().since(before.own());
        return new RecentRates(window, KeyspaceLookups.between(before, now), evicted == null ? null : evicted * 60 / seconds,
                expired == null ? null : expired / seconds, own.counted() ? own.commands() / seconds : null);
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
