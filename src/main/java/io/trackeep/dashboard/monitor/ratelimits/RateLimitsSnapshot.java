package io.trackeep.dashboard.monitor.ratelimits;

import com.fasterxml.jackson.annotation.JsonValue;
import io.trackeep.dashboard.service.ratelimit.Limits;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Rate limits panel's figures at one moment. As JSON it is the {@code rateLimits} array of
 * {@code snapshot --json}: one {@link LimiterStatus} per limiter; the other fields serve the window.
 *
 * @param collectedAt       when it was collected (this workstation's clock)
 * @param limiters          limiters with a defined limit first (defaults, then {@code P:config:ratelimits}),
 *                          then limiters found only in the keyspace, by name
 * @param countersAvailable whether any limiter has per-minute allowed/blocked counters in the
 *                          last {@link RateLimitsProbe#HISTORY_MINUTES} minutes (the Go backend writes none)
 * @param sampling          how far the sampling of clients has come
 * @param malformedLimits   entries of {@code P:config:ratelimits} that were ignored
 * @param censusComplete    whether the client counts come from a complete census pass
 * @param unrecognisedKeys  keys under {@code P:rl:} that name no limiter and client (no client, a
 *                          limiter with '*'): skipped, counted by the census
 */
public record RateLimitsSnapshot(Instant collectedAt, @JsonValue List<LimiterStatus> limiters, boolean countersAvailable,
                                 Sampling sampling, List<Limits.MalformedLimit> malformedLimits, boolean censusComplete,
                                 long unrecognisedKeys) {

    public RateLimitsSnapshot {
        limiters = List.copyOf(limiters);
        malformedLimits = List.copyOf(malformedLimits);
    }

    public RateLimitsSnapshot(Instant collectedAt, List<LimiterStatus> limiters, boolean countersAvailable,
                              Sampling sampling, List<Limits.MalformedLimit> malformedLimits, boolean censusComplete) {
        this(collectedAt, limiters, countersAvailable, sampling, malformedLimits, censusComplete, 0);
    }

    public Optional<LimiterStatus> limiter(String name) {
        return limiters.stream().filter(l -> l.limiter().equals(name)).findFirst();
    }

    /**
     * Progress of the client sampling (see {@link ClientSampler}).
     *
     * @param completedPasses full passes over {@code P:rl:*} since the panel started watching
     * @param peeked          client keys read in the last tick
     * @param unreadable      of those, keys whose value is not of their limiter's type
     * @param refused         why clients cannot be read at all (this Redis user may not run the
     *                        limiters' scripts), or null
     */
    public record Sampling(long completedPasses, int peeked, int unreadable, String refused) {

        public Sampling(long completedPasses, int peeked, int unreadable) {
            this(completedPasses, peeked, unreadable, null);
        }
    }
}
