package io.trackeep.dashboard.monitor.census;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts the keyspace by kind with SCAN, a little at a time: each {@link #advance()} sends at most
 * {@code callsPerTick} SCAN calls of {@code COUNT scanCount} and stops early when its time budget
 * is spent, so the dashboard's load per tick does not grow with the keyspace and no single
 * command holds Redis for long. A pass over the whole keyspace spans as many ticks as it needs;
 * meanwhile the last complete pass stays available.
 *
 * <p>Not thread-safe: shared through {@link CensusTracker}, which serialises access.
 * Memory is bounded: counters per kind, per limiter (at most {@link #MAX_IDS} limiters) and at
 * most {@link #MAX_IDS} leaderboard ids, whatever the keyspace size.
 */
public final class KeyspaceCensus {

    /** Cap on distinct limiter names and leaderboard ids kept per pass. */
    public static final int MAX_IDS = 1_000;

    private final RedisConnections redis;
    private final KeySchema keys;
    private final Clock clock;
    private final int scanCount;
    private final int callsPerTick;
    private final Duration timeBudget;

    private ScanCursor cursor = ScanCursor.INITIAL;
    private Pass pass;
    private CensusSnapshot lastComplete;

    public KeyspaceCensus(RedisConnections redis, int scanCount, int callsPerTick, Duration timeBudget, Clock clock) {
        this.redis = redis;
        this.keys = redis.keys();
        this.scanCount = scanCount;
        this.callsPerTick = callsPerTick;
        this.timeBudget = timeBudget;
        this.clock = clock;
    }

    /**
     * Defaults for a dashboard tick: up to 40 calls of COUNT 250, at most 25 ms. COUNT 250 keeps a
     * single SCAN well under a millisecond of server time (measured with {@code bench census}).
     */
    public KeyspaceCensus(RedisConnections redis) {
        this(redis, 250, 40, Duration.ofMillis(25), Clock.systemUTC());
    }

    /** Scans the next slice of the keyspace; returns the current view (see {@link #current()}). */
    public CensusSnapshot advance() {
        if (pass == null) {
            long dbsize = RedisErrors.call("Counting keys", () -> redis.sync().dbsize());
            pass = new Pass(clock.instant(), dbsize);
            cursor = ScanCursor.INITIAL;
        }
        long deadline = System.nanoTime() + timeBudget.toNanos();
        ScanArgs args = ScanArgs.Builder.limit(scanCount);
        for (int i = 0; i < callsPerTick && System.nanoTime() < deadline; i++) {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = RedisErrors.call("Scanning keys", () -> redis.sync().scan(from, args));
            for (String key : page.getKeys()) {
                pass.add(key, keys);
            }
            cursor = page;
            if (page.isFinished()) {
                lastComplete = pass.snapshot(clock.instant());
                pass = null;
                break;
            }
        }
        return current();
    }

    /**
     * The last complete pass when there is one, else the running pass's partial figures
     * (or null before the first {@link #advance()}).
     */
    public CensusSnapshot current() {
        if (lastComplete != null) {
            return lastComplete;
        }
        return pass == null ? null : pass.snapshot(null);
    }

    /** The running pass's partial figures, or null when no pass is running. */
    public CensusSnapshot running() {
        return pass == null ? null : pass.snapshot(null);
    }

    /** Mutable accumulator of one pass; only the monitor thread touches it. */
    private static final class Pass {
        private final Instant startedAt;
        private final long databaseKeys;
        private final Map<KeyKind, Long> counts = new EnumMap<>(KeyKind.class);
        private final Map<String, Long> limiterClients = new HashMap<>();
        private final Set<String> leaderboards = new LinkedHashSet<>();
        private long scanned;

        Pass(Instant startedAt, long databaseKeys) {
            this.startedAt = startedAt;
            this.databaseKeys = databaseKeys;
        }

        void add(String key, KeySchema schema) {
            scanned++;
            KeyKind kind = KeyKind.of(key, schema);
            counts.merge(kind, 1L, Long::sum);
            if (kind == KeyKind.RATE_LIMIT) {
                schema.parseRateLimitKey(key).ifPresent(k -> {
                    if (limiterClients.containsKey(k.limiter()) || limiterClients.size() < MAX_IDS) {
                        limiterClients.merge(k.limiter(), 1L, Long::sum);
                    }
                });
            } else if (kind == KeyKind.LEADERBOARD && leaderboards.size() < MAX_IDS) {
                schema.parseLeaderboardId(key).ifPresent(leaderboards::add);
            }
        }

        CensusSnapshot snapshot(Instant completedAt) {
            return new CensusSnapshot(startedAt, completedAt, scanned, databaseKeys, counts, limiterClients, leaderboards);
        }
    }
}
