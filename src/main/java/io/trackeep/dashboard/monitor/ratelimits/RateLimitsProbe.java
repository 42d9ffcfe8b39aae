package io.trackeep.dashboard.monitor.ratelimits;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.census.KeyKind;
import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.Limits;
import io.trackeep.dashboard.service.ratelimit.MinuteCounts;
import io.trackeep.dashboard.service.ratelimit.RateLimiter;
import io.trackeep.dashboard.service.ratelimit.RateLimitStats;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.stats.StatsWindow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads every limiter for the Rate limits panel and the {@code ratelimit list} / {@code snapshot}
 * commands: the limits in force (defaults overlaid with {@code P:config:ratelimits}, one HGETALL),
 * client counts from the shared keyspace census, the clients closest to their limit (sampled by
 * {@link ClientSampler}, bounded per tick), and the per-minute allowed/blocked counters of the
 * last {@value #HISTORY_MINUTES} minutes (one pipelined batch of HMGET for all defined limiters,
 * of the last minutes only once the window has read the older ones).
 *
 * <p><b>Go-only data.</b> Limiters found only in the keyspace (no limit defined here) are listed
 * with their client count, the algorithm guessed from the type of their keys, and a null limit;
 * their clients cannot be ranked. A key under {@code P:rl:} that names no limiter and client is
 * skipped and counted ({@link RateLimitsSnapshot#unrecognisedKeys()}); a client key whose stored
 * times lie far outside any window has an unknown reset time ({@link ResetTime}). Without per-minute counters (the Go backend writes none)
 * {@link RateLimitsSnapshot#countersAvailable()} is false.
 *
 * <p><b>Failures.</b> {@link #collect} throws
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis cannot be read; the
 * panel then keeps its last figures, marked stale. A new connection starts the sampling afresh.
 */
public final class RateLimitsProbe implements Probe<RateLimitsSnapshot>, AutoCloseable {

    /** Clients kept per limiter. */
    public static final int TOP = 10;
    /** Minutes of allowed/blocked history. */
    public static final int HISTORY_MINUTES = 15;
    /** Bound on census ticks and sampling ticks of a one-off collection. */
    static final int MAX_ONE_OFF_TICKS = 5_000;

    private final CensusTracker census;
    private final SamplingBudget budget;
    private final StatsWindow counters = RateLimitStats.window();
    private RedisConnections connection;
    private RateLimits rateLimits;
    private ClientSampler sampler;

    public RateLimitsProbe(CensusTracker census) {
        this(census, SamplingBudget.perTick());
    }

    public RateLimitsProbe(CensusTracker census, SamplingBudget budget) {
        this.census = census;
        this.budget = budget;
    }

    /**
     * Everything at once, for the command line: completes a census pass and a sampling pass over
     * every rate-limit key (each bounded by {@value #MAX_ONE_OFF_TICKS} ticks), then collects.
     */
    public static RateLimitsSnapshot collectOnce(RedisConnections redis, CensusTracker census) {
        census.complete(redis, MAX_ONE_OFF_TICKS);
        try (RateLimitsProbe probe = new RateLimitsProbe(census, SamplingBudget.oneOff())) {
            RateLimitsSnapshot s = probe.collect(redis);
            for (int i = 0; i < MAX_ONE_OFF_TICKS && s.sampling().completedPasses() == 0; i++) {
                s = probe.collect(redis);
            }
            return s;
        }
    }

    @Override
    public synchronized RateLimitsSnapshot collect(RedisConnections redis) {
        use(redis);
        Limits limits = rateLimits.refresh();
        Map<String, RateLimiter> limiters = new LinkedHashMap<>();
        limits.definitions().keySet().forEach(name -> limiters.put(name, rateLimits.forName(name)));
        ClientSampler.Tick tick = sampler.advance(redis, limiters);
        CensusSnapshot counted = census.current(redis);

        TreeSet<String> foundOnly = new TreeSet<>(tick.limitersSeen());
        if (counted != null) {
            foundOnly.addAll(counted.rateLimitClients().keySet());
        }
        foundOnly.removeAll(limiters.keySet());

        List<LimiterStatus> statuses = new ArrayList<>();
        boolean countersAvailable = false;
        Map<String, List<MinuteCounts>> history = rateLimits.stats()
                .lastMinutes(List.copyOf(limits.definitions().keySet()), HISTORY_MINUTES, counters);
        for (Map.Entry<String, LimitDefinition> e : limits.definitions().entrySet()) {
            List<MinuteCounts> minutes = history.get(e.getKey());
            countersAvailable |= minutes.stream().anyMatch(m -> m.allowed() > 0 || m.blocked() > 0);
            statuses.add(new LimiterStatus(e.getKey(), e.getValue().algorithm(), clients(counted, e.getKey()),
                    e.getValue().limit(), tick.top().getOrDefault(e.getKey(), List.of()), e.getValue(),
                    counted != null && counted.complete(), minutes));
        }
        for (String name : foundOnly) {
            LimitAlgorithm guessed = tick.guessedAlgorithms().get(name);
            statuses.add(new LimiterStatus(name, guessed, clients(counted, name), null, List.of(), null,
                    counted != null && counted.complete(), List.of()));
        }
        return new RateLimitsSnapshot(Instant.now(), statuses, countersAvailable,
                new RateLimitsSnapshot.Sampling(tick.completedPasses(), tick.peeked(), tick.unreadable(), tick.refused()),
                limits.malformed(), counted != null && counted.complete(),
                counted == null ? 0 : counted.unrecognised(KeyKind.RATE_LIMIT));
    }

    /** Stops the stats thread of the rate-limit service used for reading. */
    @Override
    public synchronized void close() {
        if (rateLimits != null) {
            rateLimits.close();
            rateLimits = null;
        }
        connection = null;
    }

    private void use(RedisConnections redis) {
        if (redis != connection) {
            close();
            connection = redis;
            rateLimits = new RateLimits(redis);
            sampler = new ClientSampler(budget, TOP);
        }
    }

    /** Client keys of a limiter by the census; 0 once the census has looked without finding any, null before it looked. */
    private static Long clients(CensusSnapshot counted, String limiter) {
        if (counted == null) {
            return null;
        }
        return counted.rateLimitClients().getOrDefault(limiter, 0L);
    }
}
