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
 * <p>{@link CensusDetail}s asked for with {@link #want} do more with the keys a pass finds (the
 * sessions' values, for instance); their reads run within the same calls and time budget, so a
 * pass with details takes more ticks, not more load per tick. A detail is done in the passes that
 * start within {@link #DETAIL_KEPT} of the last time it was asked for. A detail cannot take back
 * what a master's walk showed it, so when the masters change during a pass with details, the
 * whole pass starts over.
 *
 * <p>Not thread-safe: shared through {@link CensusTracker}, which serialises access.
 * Memory is bounded: counters per kind, per limiter (at most {@link #MAX_IDS} limiters) and at
 * most {@link #MAX_IDS} leaderboard ids per master, whatever the keyspace size, plus what each
 * detail keeps.
 */
public final class KeyspaceCensus {

    /** Cap on distinct limiter names and leaderboard ids kept per pass (and master). */
    public static final int MAX_IDS = 1_000;
    /** How long after it was last asked for a detail is still done by new passes. */
    public static final Duration DETAIL_KEPT = Duration.ofMinutes(5);

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
    // The running pass's details (with walks); which details are asked for, and each one's last complete figures.
    private final Map<CensusDetail<?>, CensusDetail.Pass<?>> details = new LinkedHashMap<>();
    private final Map<CensusDetail<?>, Instant> asked = new HashMap<>();
    private final Map<CensusDetail<?>, Object> lastDetails = new HashMap<>();

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

    /**
     * Asks for a detail: the passes that start within {@link #DETAIL_KEPT} do it. A running pass
     * without it starts over (its partial counts are dropped; the last complete pass stays).
     */
    public void want(CensusDetail<?> detail) {
        asked.put(detail, clock.instant());
        if (walks != null && !details.containsKey(detail)) {
            walks = null;
        }
    }

    /** True when a pass that did this detail has completed. */
    public boolean completedWith(CensusDetail<?> detail) {
        return lastDetails.containsKey(detail);
    }

    /** Scans the next slice of the keyspace; returns the current view (see {@link #current()}). */
    public CensusSnapshot advance() {
        if (walks == null) {
            walks = new LinkedHashMap<>();
            passStartedAt = clock.instant();
            asked.values().removeIf(at -> passStartedAt.isAfter(at.plus(DETAIL_KEPT)));
            details.clear();
            asked.keySet().forEach(d -> details.put(d, d.start(redis)));
        }
        if (!follow(redis.masters()) && !details.isEmpty()) {
            walks = null; // the masters changed under a pass with details: see the class comment
            return advance();
        }
        long deadline = System.nanoTime() + timeBudget.toNanos();
        ScanArgs args = ScanArgs.Builder.limit(scanCount);
        int calls = 0;
        while (calls < callsPerTick && System.nanoTime() < deadline) {
            boolean keyspaceDone = walks.values().stream().allMatch(Walk::finished);
            if (stepDetails(keyspaceDone)) {
                calls++;
                continue;
            }
            if (keyspaceDone) {
                complete();
                break;
            }
            walks.values().stream().filter(w -> !w.finished()).findFirst().orElseThrow().step(args);
            calls++;
        }
        if (walks != null && details.isEmpty() && walks.values().stream().allMatch(Walk::finished)) {
            complete(); // the last SCAN of a pass without details ends it in the same tick
        }
        return current();
    }

    /** One slice of some detail's remaining work; false when none had any. */
    private boolean stepDetails(boolean keyspaceDone) {
        for (CensusDetail.Pass<?> d : details.values()) {
            if (d.step(keyspaceDone)) {
                return true;
            }
        }
        return false;
    }

    private void complete() {
        Instant end = clock.instant();
        lastComplete = snapshot(end);
        details.forEach((d, p) -> lastDetails.put(d, p.figures(end, 1.0)));
        details.clear();
        walks = null;
    }

    /**
     * Keeps the walks of masters that are still the same nodes; starts one for each new master,
     * with its DBSIZE (one call per master and pass), so progress is known for the whole keyspace.
     *
     * @return false when a walk that had begun was dropped or replaced, or a master was added to a
     *         pass under way (some keys were or will be seen by no walk, or twice)
     */
    private boolean follow(List<RedisNode> masters) {
        boolean same = true;
        boolean begun = !walks.isEmpty();
        Map<String, Walk> next = new LinkedHashMap<>();
        for (RedisNode master : masters) {
            Walk walk = walks.get(master.id());
            if (walk == null || !walk.node.address().equals(master.address())) {
                same &= !begun;
                walk = new Walk(master);
                Walk started = walk;
                started.databaseKeys = redis.onNode(master.address(), "Counting keys", r -> r.dbsize());
            }
            next.put(master.id(), walk);
        }
        same &= next.keySet().containsAll(walks.keySet());
        walks = next;
        return same;
    }

    /**
     * The last complete pass when there is one, else the running pass's partial figures
     * (or null before the first {@link #advance()}); with each detail's figures from the last
     * pass that completed with it, else from the running pass.
     */
    public CensusSnapshot current() {
        CensusSnapshot base = lastComplete != null ? lastComplete : running();
        if (base == null) {
            return null;
        }
        Map<CensusDetail<?>, Object> figures = new HashMap<>(lastDetails);
        if (walks != null) {
            double progress = snapshot(null).progress();
            details.forEach((d, p) -> figures.computeIfAbsent(d, x -> p.figures(null, progress)));
        }
        return base.withDetails(figures);
    }

    /** The running pass's partial figures (key counts only), or null when no pass is running. */
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
        Map<KeyKind, Long> unrecognised = new EnumMap<>(KeyKind.class);
        for (Walk w : walks.values()) {
            w.unrecognised.forEach((kind, n) -> unrecognised.merge(kind, n, Long::sum));
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
                perMaster, Map.of(), unrecognised);
    }

    /** One master's walk in the running pass: its cursor and what it has counted; only the monitor thread touches it. */
    private final class Walk {
        private final RedisNode node;
        private final Map<KeyKind, Long> counts = new EnumMap<>(KeyKind.class);
        private final Map<String, Long> limiterClients = new HashMap<>();
        private final Set<String> leaderboards = new LinkedHashSet<>();
        private final Map<KeyKind, Long> unrecognised = new EnumMap<>(KeyKind.class);
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
            details.values().forEach(d -> d.scanned(page.getKeys()));
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
            } else if (kind == KeyKind.OTHER_PREFIXED) {
                KeyKind meant = KeyKind.meantFor(key, keys);
                if (meant != null) {
                    unrecognised.merge(meant, 1L, Long::sum);
                }
            }
        }
    }
}
