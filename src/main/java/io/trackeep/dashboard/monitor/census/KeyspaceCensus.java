package io.trackeep.dashboard.monitor.census;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the keyspace by kind with SCAN, a little at a time: each {@link #advance()} sends at most
 * {@code callsPerTick} SCAN calls of {@code COUNT scanCount} and stops early when its time budget
 * is spent, so the dashboard's load per tick does not grow with the keyspace and no single
 * command holds Redis for long. A pass over the whole keyspace spans as many ticks as it needs;
 * meanwhile the last complete pass stays available.
 *
 * <p>The keyspace is the masters' keys together ({@link RedisConnections#masters()}): one server,
 * or every master of a Cluster, each walked with its own cursor, one after the other, on one
 * shared budget per tick; the figures are the sums, and {@link CensusSnapshot#keysPerMaster()}
 * gives each master's share. When the masters change during a pass (a failover, a master added),
 * only the walks of masters that are new or no longer the same node start over: the others keep
 * their cursor and their counts, and a master that left takes its counts with it.
 *
 * <p>Not thread-safe: shared through {@link CensusTracker}, which serialises access.
 * Memory is bounded: counters per kind, per limiter (at most {@link #MAX_IDS} limiters) and at
 * most {@link #MAX_IDS} leaderboard ids per master, whatever the keyspace size.
 */
public final class KeyspaceCensus {

    /** Cap on distinct limiter names and leaderboard ids kept per pass (and master). */
    public static final int MAX_IDS = 1_000;

    private final RedisConnections redis;
    private final KeySchema keys;
    private final Clock clock;
    private final int scanCount;
    private final int callsPerTick;
    private final Duration timeBudget;

    // The running pass: one walk per master, in the masters' order; null between passes.
    private Map<String, Walk> walks;
    private Instant passStartedAt;
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
        if (walks == null) {
            walks = new LinkedHashMap<>();
            passStartedAt = clock.instant();
        }
        follow(redis.masters());
        long deadline = System.nanoTime() + timeBudget.toNanos();
        ScanArgs args = ScanArgs.Builder.limit(scanCount);
        int calls = 0;
        for (Walk walk : walks.values()) {
            while (!walk.finished() && calls < callsPerTick && System.nanoTime() < deadline) {
                walk.step(args);
                calls++;
            }
            if (calls >= callsPerTick || System.nanoTime() >= deadline) {
                break;
            }
        }
        if (walks.values().stream().allMatch(Walk::finished)) {
            lastComplete = snapshot(clock.instant());
            walks = null;
        }
        return current();
    }

    /**
     * Keeps the walks of masters that are still the same nodes; starts one for each new master,
     * with its DBSIZE (one call per master and pass), so progress is known for the whole keyspace.
     */
    private void follow(List<RedisNode> masters) {
        Map<String, Walk> next = new LinkedHashMap<>();
        for (RedisNode master : masters) {
            Walk walk = walks.get(master.id());
            if (walk == null || !walk.node.address().equals(master.address())) {
                walk = new Walk(master);
                Walk started = walk;
                started.databaseKeys = redis.onNode(master.address(), "Counting keys", r -> r.dbsize());
            }
            next.put(master.id(), walk);
        }
        walks = next;
    }

    /**
     * The last complete pass when there is one, else the running pass's partial figures
     * (or null before the first {@link #advance()}).
     */
    public CensusSnapshot current() {
        if (lastComplete != null) {
            return lastComplete;
        }
        return walks == null ? null : snapshot(null);
    }

    /** The running pass's partial figures, or null when no pass is running. */
    public CensusSnapshot running() {
        return walks == null ? null : snapshot(null);
    }

    private CensusSnapshot snapshot(Instant completedAt) {
        long scanned = 0;
        long databaseKeys = 0;
        Map<KeyKind, Long> counts = new EnumMap<>(KeyKind.class);
        Map<String, Long> limiterClients = new HashMap<>();
        Set<String> leaderboards = new LinkedHashSet<>();
        Map<String, Long> perMaster = new LinkedHashMap<>();
        for (Walk w : walks.values()) {
            scanned += w.scanned;
            databaseKeys += w.databaseKeys;
            w.counts.forEach((kind, n) -> counts.merge(kind, n, Long::sum));
            w.limiterClients.forEach((limiter, n) -> {
                if (limiterClients.containsKey(limiter) || limiterClients.size() < MAX_IDS) {
                    limiterClients.merge(limiter, n, Long::sum);
                }
            });
            for (String id : w.leaderboards) {
                if (leaderboards.size() < MAX_IDS) {
                    leaderboards.add(id);
                }
            }
            perMaster.put(w.node.address(), w.scanned);
        }
        return new CensusSnapshot(passStartedAt, completedAt, scanned, databaseKeys, counts, limiterClients, leaderboards,
                perMaster);
    }

    /** One master's walk in the running pass: its cursor and what it has counted; only the monitor thread touches it. */
    private final class Walk {
        private final RedisNode node;
        private final Map<KeyKind, Long> counts = new EnumMap<>(KeyKind.class);
        private final Map<String, Long> limiterClients = new HashMap<>();
        private final Set<String> leaderboards = new LinkedHashSet<>();
        private ScanCursor cursor = ScanCursor.INITIAL;
        private long databaseKeys;
        private long scanned;
        private boolean finished;

        Walk(RedisNode node) {
            this.node = node;
        }

        boolean finished() {
            return finished;
        }

        void step(ScanArgs args) {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = redis.onNode(node.address(), "Scanning keys", r -> r.scan(from, args));
            for (String key : page.getKeys()) {
                add(key);
            }
            cursor = page;
            finished = page.isFinished();
        }

        private void add(String key) {
            scanned++;
            KeyKind kind = KeyKind.of(key, keys);
            counts.merge(kind, 1L, Long::sum);
            if (kind == KeyKind.RATE_LIMIT) {
                keys.parseRateLimitKey(key).ifPresent(k -> {
                    if (limiterClients.containsKey(k.limiter()) || limiterClients.size() < MAX_IDS) {
                        limiterClients.merge(k.limiter(), 1L, Long::sum);
                    }
                });
            } else if (kind == KeyKind.LEADERBOARD && leaderboards.size() < MAX_IDS) {
                keys.parseLeaderboardId(key).ifPresent(leaderboards::add);
            }
        }
    }
}
