package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.redis.OwnTraffic;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The keyspace lookups of everyone but this program over a window: the server's
 * {@code keyspace_hits}/{@code keyspace_misses} differences minus the hits and misses this
 * program's own reads caused in the same window ({@link OwnTraffic}, counted exactly on the
 * monitoring connection). The one definition behind every hit rate the dashboard shows or
 * alerts on, so that watching Redis does not move it.
 *
 * @param hits    others' hits in the window
 * @param misses  others' misses in the window
 * @param exact   false when some of this program's reads in the window could not be counted
 *                (then the figures may still include a few of them)
 * @param window  how long the window is; null when it runs from the server's start
 */
public record KeyspaceLookups(long hits, long misses, boolean exact, Duration window) {

    /** Between two UP reports of the same server run, in time order; null when they cannot be compared. */
    public static KeyspaceLookups between(HealthReport before, HealthReport now) {
        if (before == null || now == null || !before.isUp() || !now.isUp()
                || !Objects.equals(before.info().server().runId(), now.info().server().runId())
                || !before.checkedAt().isBefore(now.checkedAt())) {
            return null;
        }
        StatsInfo a = before.info().stats();
        StatsInfo b = now.info().stats();
        if (a.keyspaceHits() == null || a.keyspaceMisses() == null || b.keyspaceHits() == null || b.keyspaceMisses() == null
                || b.keyspaceHits() < a.keyspaceHits() || b.keyspaceMisses() < a.keyspaceMisses()) {
            return null; // a counter missing, or reset in between (CONFIG RESETSTAT)
        }
        OwnTraffic own = now.own().since(before.own());
        return of(b.keyspaceHits() - a.keyspaceHits(), b.keyspaceMisses() - a.keyspaceMisses(), own,
                Duration.between(before.checkedAt(), now.checkedAt()));
    }

    /**
     * Since the server started: the server's totals minus this program's reads on its current
     * connection. Reads of earlier runs of this or other monitors cannot be told apart and stay in.
     * Null when INFO did not report the counters.
     */
    public static KeyspaceLookups sinceStart(HealthReport now) {
        return now == null || !now.isUp() ? null : sinceStart(now.info().stats(), now.own());
    }

    /** Since the server started, from INFO stats marked with this program's own traffic at that point. */
    public static KeyspaceLookups sinceStart(StatsInfo stats, OwnTraffic own) {
        if (stats.keyspaceHits() == null || stats.keyspaceMisses() == null) {
            return null;
        }
        return of(stats.keyspaceHits(), stats.keyspaceMisses(), own, null);
    }

    /**
     * The sum over several servers (a Cluster's masters) of their lookups since each started; null
     * when any of them did not report its counters: a sum without one would be wrong, not smaller.
     */
    public static KeyspaceLookups sum(List<KeyspaceLookups> each) {
        if (each.isEmpty() || each.contains(null)) {
            return null;
        }
        long hits = 0;
        long misses = 0;
        boolean exact = true;
        for (KeyspaceLookups k : each) {
            hits += k.hits();
            misses += k.misses();
            exact &= k.exact();
        }
        return new KeyspaceLookups(hits, misses, exact, each.get(0).window());
    }

    private static KeyspaceLookups of(long hits, long misses, OwnTraffic own, Duration window) {
        if (!own.counted()) {
            return new KeyspaceLookups(hits, misses, true, window);
        }
        // never below zero: a read of ours the server had not counted yet cannot make others' lookups negative
        return new KeyspaceLookups(Math.max(0, hits - own.hits()), Math.max(0, misses - own.misses()), own.exact(), window);
    }

    public long total() {
        return hits + misses;
    }

    /** hits / (hits + misses), or null when nobody but this program looked a key up: "no lookups", not 0 %. */
    public Double hitRate() {
        return HitRate.of(hits, misses);
    }
}
