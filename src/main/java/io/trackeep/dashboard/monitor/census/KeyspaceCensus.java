package io.trackeep.dashboard.monitor.census;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.trackeep.dashboard.service.health.CommandStats;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.redis.RedisNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Counts the keyspace by kind with SCAN, a little at a time: each {@link #advance()} sends at most
 * {@code callsPerTick} SCAN calls and stops when its time budget is spent, so the dashboard's load
 * per tick does not grow with the keyspace. A pass over the whole keyspace spans as many ticks as
 * it needs; meanwhile the last complete pass stays available.
 *
 * <p>Its pace is set by the server's answers, not by a fixed pause ({@link CensusPace}): every
 * round trip (each SCAN, each batch of a detail's reads) is timed, and once a tick each master's
 * {@code INFO commandstats} says how much of those round trips was the server's time. SCAN's
 * {@code COUNT} grows while that time stays under 0.3 ms a round trip and shrinks when
 * two in a row are slower, and the census leaves a gap after each round trip, at least as long as
 * the server's time for it (half the server's time at most) and longer, up to 200 ms, while the
 * server is slow to answer. A gap that runs past the tick's
 * budget is waited only to the end of the budget: the next tick starts after it.
 *
 * <p>The keyspace is the masters' keys together ({@link RedisConnections#masters()}): one server,
 * or every master of a Cluster, each walked with its own cursor, all of them in each round trip
 * (one SCAN per master, sent together), on one shared budget per tick; the figures are the sums, and {@link CensusSnapshot#keysPerMaster()}
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
    private final CensusPace pace;
    private final Ticker ticker;
    private final int callsPerTick;
    private final Duration timeBudget;
    private final CensusDetail.Pacing pacing = new Pacing();
    // Each master's last INFO commandstats, by node id, for the pace's account of the server's time; stops being asked
    // for when INFO is refused (the pace then goes by round trips alone).
    private final Map<String, Map<String, CommandStats.Totals>> accounts = new HashMap<>();
    private boolean accountRefused;
    // When the last round trip ended (ticker time; valid once one was made), and when the running tick's budget ends.
    private boolean roundTripMade;
    private long lastRoundTripEnd;
    private long tickDeadline;

    // The running pass: one walk per master, in the masters' order; null between passes.
    private Map<String, Walk> walks;
    private Instant passStartedAt;
    private CensusSnapshot lastComplete;
    // The running pass's details (with walks); which details are asked for, and each one's last complete figures.
    private final Map<CensusDetail<?>, CensusDetail.Pass<?>> details = new LinkedHashMap<>();
    private final Map<CensusDetail<?>, Instant> asked = new HashMap<>();
    private final Map<CensusDetail<?>, Object> lastDetails = new HashMap<>();

    /**
     * @param pace         sizes the batches and the gaps between round trips
     * @param callsPerTick the most round trips of SCAN (one SCAN per master each) and detail steps per {@link #advance()}
     * @param timeBudget   how long an {@link #advance()} may go on, its waits included (it may overrun by one round trip)
     * @param clock        when passes start and end
     * @param ticker       times the round trips and waits the gaps
     */
    public KeyspaceCensus(RedisConnections redis, CensusPace pace, int callsPerTick, Duration timeBudget, Clock clock,
                          Ticker ticker) {
        this.redis = redis;
        this.keys = redis.keys();
        this.pace = pace;
        this.callsPerTick = callsPerTick;
        this.timeBudget = timeBudget;
        this.clock = clock;
        this.ticker = ticker;
    }

    /** SCAN calls of a fixed {@code COUNT scanCount}, back to back within a tick (tests that count calls). */
    public KeyspaceCensus(RedisConnections redis, int scanCount, int callsPerTick, Duration timeBudget, Clock clock) {
        this(redis, CensusPace.fixed(scanCount, CensusPace.Listener.NONE), callsPerTick, timeBudget, clock, Ticker.SYSTEM);
    }

    /** A dashboard tick with this pace: up to 40 calls, at most 25 ms of the refresh thread. */
    public KeyspaceCensus(RedisConnections redis, CensusPace pace) {
        this(redis, pace, 40, Duration.ofMillis(25), Clock.systemUTC(), Ticker.SYSTEM);
    }

    /** A dashboard tick paced by the server's answers ({@link CensusPace#adaptive()}). */
    public KeyspaceCensus(RedisConnections redis) {
        this(redis, CensusPace.adaptive());
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

    /** True when some pass has completed. */
    public boolean completedOnce() {
        return lastComplete != null;
    }

    /** Scans the next slice of the keyspace; returns the current view (see {@link #current()}). */
    public CensusSnapshot advance() {
        tick();
        return current();
    }

    /**
     * Scans the next slice of the keyspace without making a view of it: for a caller that runs
     * many ticks and looks only at the end (a detail's partial figures cost a tally of all it saw).
     */
    public void tick() {
        tickDeadline = ticker.nanoTime() + timeBudget.toNanos();
        if (walks == null) {
            walks = new LinkedHashMap<>();
            passStartedAt = clock.instant();
            asked.values().removeIf(at -> passStartedAt.isAfter(at.plus(DETAIL_KEPT)));
            details.clear();
            asked.keySet().forEach(d -> details.put(d, d.start(redis, pacing)));
        }
        if (!follow(redis.masters()) && !details.isEmpty()) {
            walks = null; // the masters changed under a pass with details: see the class comment
            tick();
            return;
        }
        accountServerTime();
        tickDeadline = ticker.nanoTime() + timeBudget.toNanos(); // the budget is for the walk: a pass's first DBSIZEs come on top
        int calls = 0;
        while (calls < callsPerTick && ticker.nanoTime() < tickDeadline) {
            boolean keyspaceDone = walks.values().stream().allMatch(Walk::finished);
            if (stepDetails(keyspaceDone)) {
                calls++;
                continue;
            }
            if (keyspaceDone) {
                complete();
                break;
            }
            step(walks.values().stream().filter(w -> !w.finished()).toList());
            calls++;
        }
        if (walks != null && details.isEmpty() && walks.values().stream().allMatch(Walk::finished)) {
            complete(); // the last SCAN of a pass without details ends it in the same tick
        }
    }

    /**
     * One SCAN on each master whose walk is not finished, sent together: one round trip however
     * many masters there are, each master running its own command (a Cluster's masters are as many
     * servers; walked one after the other they took a round trip each). The details are shown the
     * keys of all the pages at once, so their reads go to the masters together too.
     */
    private void step(List<Walk> open) {
        // COUNT may change from call to call of one iteration: SCAN's guarantees do not depend on it
        ScanArgs args = ScanArgs.Builder.limit(pace.size(CensusPace.SCAN));
        List<KeyScanCursor<String>> pages = pacing.roundTrip("SCAN", CensusPace.SCAN, () -> {
            List<CompletableFuture<KeyScanCursor<String>>> calls = new ArrayList<>(open.size());
            for (Walk w : open) {
                calls.add(RedisErrors.call("Scanning keys on " + w.node.address(),
                        () -> redis.nodeAsync(w.node.address()).scan(w.cursor, args).toCompletableFuture()));
            }
            List<KeyScanCursor<String>> replies = new ArrayList<>(open.size());
            for (int i = 0; i < open.size(); i++) {
                CompletableFuture<KeyScanCursor<String>> call = calls.get(i);
                replies.add(RedisErrors.call("Scanning keys on " + open.get(i).node.address(), call::join));
            }
            return replies;
        });
        List<String> found = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            open.get(i).took(pages.get(i));
            found.addAll(pages.get(i).getKeys());
        }
        details.values().forEach(d -> d.scanned(found));
    }

    /**
     * Hands the pace the server's account of its commands since the last tick: each master's
     * {@code INFO commandstats}, asked together (one round trip, not paced: it costs the server a
     * few microseconds), summed over the masters of each host. Masters on one host share its CPU:
     * three masters that each spend a third of their time on the census keep that host as busy as
     * one server at its whole time (a local Cluster on a 2-core laptop, or a production host that
     * runs several). A failed reading leaves the pace as it was; a refused one is not asked again.
     */
    private void accountServerTime() {
        if (!pace.wantsServerAccount() || accountRefused) {
            return;
        }
        Map<String, CompletableFuture<String>> calls = new LinkedHashMap<>();
        for (Walk w : walks.values()) {
            calls.put(w.node.id(), redis.nodeAsync(w.node.address()).info("commandstats").toCompletableFuture());
        }
        accounts.keySet().retainAll(calls.keySet());
        Map<String, Map<String, CommandStats.Totals>> sincePerHost = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, CompletableFuture<String>> call : calls.entrySet()) {
                Map<String, CommandStats.Totals> now = CommandStats.parse(
                        RedisErrors.call("Reading command statistics", call.getValue()::join));
                Map<String, CommandStats.Totals> before = accounts.put(call.getKey(), now);
                if (before != null) {
                    Map<String, CommandStats.Totals> host = sincePerHost.computeIfAbsent(walks.get(call.getKey()).node.host(),
                            h -> new HashMap<>());
                    CommandStats.since(before, now).forEach((command, t) -> host.merge(command, t, CommandStats.Totals::plus));
                }
            }
        } catch (RedisAccessException e) {
            accountRefused = e.kind() == RedisAccessException.Kind.NOT_PERMITTED;
            accounts.clear();
            return;
        }
        if (!sincePerHost.isEmpty()) {
            pace.serverAccount(sincePerHost.values());
        }
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
                started.databaseKeys = pacing.roundTrip("DBSIZE", null,
                        () -> redis.onNode(master.address(), "Counting keys", r -> r.dbsize()));
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

    /** The census's pace for its own round trips and its details'. */
    private final class Pacing implements CensusDetail.Pacing {

        @Override
        public int size(CensusPace.Batch batch) {
            return pace.size(batch);
        }

        /** Waits the rest of the gap after the last round trip (never past the tick's budget), then times this one. */
        @Override
        public <R> R roundTrip(String commands, CensusPace.Batch batch, Supplier<R> call) {
            if (roundTripMade) {
                long wait = Math.min(lastRoundTripEnd + pace.gapNanos(), tickDeadline) - ticker.nanoTime();
                if (wait > 0) {
                    ticker.sleepNanos(wait);
                }
            }
            long start = ticker.nanoTime();
            try {
                return call.get();
            } finally {
                lastRoundTripEnd = ticker.nanoTime();
                roundTripMade = true;
                pace.took(commands, batch, lastRoundTripEnd - start); // a failed one too: a timeout is a slow answer
            }
        }
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

        boolean finished() { return finished; }

        /** Takes in the page its last SCAN returned. */
        void took(KeyScanCursor<String> page) {
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
            } else if (kind == KeyKind.OTHER_PREFIXED) {
                KeyKind meant = KeyKind.meantFor(key, keys);
                if (meant != null) {
                    unrecognised.merge(meant, 1L, Long::sum);
                }
            }
        }
    }
}
