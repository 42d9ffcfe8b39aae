package io.trackeep.dashboard.monitor.census;

import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Duration;
import java.util.function.Function;

/**
 * The one keyspace census of the dashboard, shared by every panel that needs counts by scanning
 * (sessions without the index, limiter clients, cache families, leaderboard ids), so the SCAN
 * load does not multiply with the panels. Whoever asks first in a tick advances it; later askers
 * within {@code minGap} get the same figures. A new connection starts a new census.
 *
 * <p>Synchronized because panels of the window and the command line may ask from different
 * threads; each call is bounded by the census's per-tick budget.
 */
public final class CensusTracker {

    private final Duration minGap;
    private final Function<RedisConnections, KeyspaceCensus> newCensus;
    private RedisConnections connection;
    private KeyspaceCensus census;
    private long lastAdvance;

    public CensusTracker(Duration minGap) {
        this(minGap, KeyspaceCensus::new);
    }

    /** With censuses made by {@code newCensus} (for instance with a smaller budget per tick). */
    public CensusTracker(Duration minGap, Function<RedisConnections, KeyspaceCensus> newCensus) {
        this.minGap = minGap;
        this.newCensus = newCensus;
    }

    public CensusTracker() {
        this(Duration.ofMillis(500));
    }

    /**
     * The census figures for this connection: the last complete pass, or the running pass's
     * partial figures until one completes. Advances the scan when it is due.
     */
    public synchronized CensusSnapshot current(RedisConnections redis) {
        use(redis);
        return advanceIfDue();
    }

    /** The same, with a detail done by the census (see {@link KeyspaceCensus#want}). */
    public synchronized CensusSnapshot current(RedisConnections redis, CensusDetail<?> detail) {
        use(redis);
        census.want(detail);
        return advanceIfDue();
    }

    private void use(RedisConnections redis) {
        if (redis != connection) {
            connection = redis;
            census = newCensus.apply(redis);
            lastAdvance = 0;
        }
    }

    private CensusSnapshot advanceIfDue() {
        long now = System.nanoTime();
        if (lastAdvance == 0 || now - lastAdvance >= minGap.toNanos()) {
            lastAdvance = now;
            return census.advance();
        }
        return census.current();
    }

    /** Runs the census to the end of a pass (bounded by {@code maxTicks}), for the command line. */
    public synchronized CensusSnapshot complete(RedisConnections redis, int maxTicks) {
        current(redis);
        for (int i = 0; i < maxTicks && !census.completedOnce(); i++) {
            census.tick();
        }
        return census.current();
    }

    /** Runs the census to the end of a pass that does {@code detail} (bounded by {@code maxTicks}), for the command line. */
    public synchronized CensusSnapshot complete(RedisConnections redis, int maxTicks, CensusDetail<?> detail) {
        current(redis, detail);
        for (int i = 0; i < maxTicks && !census.completedWith(detail); i++) {
            census.tick(); // no view per tick: a detail's partial figures cost a tally of all it saw
        }
        return census.current();
    }
}
