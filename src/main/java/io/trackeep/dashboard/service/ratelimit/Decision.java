package io.trackeep.dashboard.service.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * The answer to one rate-limit check (the shape of go-redis/redis_rate's result), with every
 * time measured by the Redis server's clock.
 *
 * @param allowed    whether the request may proceed
 * @param limit      requests per window (token bucket: capacity)
 * @param remaining  requests still admitted now, after this one
 * @param retryAfter when denied, how long until one more request is admitted; zero when allowed
 * @param resetAfter how long until the client's state is back to empty (full bucket); {@link #NO_EXPIRY} when a
 *                   look without counting finds a fixed-window counter that has no expiry (its EXPIRE was lost:
 *                   the Go backend never resets it; a check here gives it one)
 * @param resetAt    server time of that reset; {@code X-RateLimit-Reset} is its epoch second
 * @param degraded   true when Redis could not be asked and {@link FailureMode} decided instead;
 *                   {@code remaining}, {@code resetAfter} and {@code resetAt} are then estimates
 */
public record Decision(boolean allowed, long limit, long remaining, Duration retryAfter, Duration resetAfter,
                       Instant resetAt, boolean degraded) {

    /** The {@code resetAfter} of a counter without expiry: it is never empty again by itself. */
    public static final Duration NO_EXPIRY = Duration.ofMillis(-1);

    /** How long a fail-closed denial tells the caller to wait before trying again. */
    static final Duration DEGRADED_RETRY = Duration.ofSeconds(1);

    /** The reply {allowed, limit, remaining, retry-after ms, reset-after ms, server time ms} of the scripts. */
    static Decision fromScript(long allowed, long limit, long remaining, long retryMs, long resetMs, long nowMs) {
        return new Decision(allowed == 1L, limit, remaining, Duration.ofMillis(Math.max(0, retryMs)), Duration.ofMillis(resetMs),
                Instant.ofEpochMilli(nowMs + resetMs), false);
    }

    static Decision degraded(FailureMode mode, long limit) {
        boolean allow = mode == FailureMode.OPEN;
        return new Decision(allow, limit, allow ? limit : 0, allow ? Duration.ZERO : DEGRADED_RETRY,
                Duration.ZERO, Instant.now(), true);
    }

    /** Server time at which the decision was taken (local time for a degraded one). */
    public Instant decidedAt() {
        return resetAt.minus(resetAfter);
    }

    /** Value for {@code X-RateLimit-Reset}: unix seconds, rounded up. */
    public long resetEpochSecond() {
        return resetAt.plusMillis(999).getEpochSecond();
    }
}
