package io.trackeep.dashboard.service.ratelimit;

import io.trackeep.dashboard.service.redis.RedisConnections;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One named limiter (e.g. {@code general}) applied per client. Every check is one atomic round
 * trip to Redis (a Lua script using the server's clock); requests it denies are not counted.
 *
 * <p>When Redis cannot be asked, the limiter's {@link FailureMode} decides and the
 * {@link Decision} is marked degraded; any other Redis error (WRONGTYPE, ...) is thrown as a
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException}.
 */
public interface RateLimiter {

    /** The limiter's name, the {@code <limiter>} of {@code P:rl:<limiter>:<client>}. */
    String name();

    /** The limit this limiter applies now. */
    LimitDefinition definition();

    /** Counts one request of {@code client} if the limit admits it; blocks for one round trip. */
    default Decision check(String client) {
        return await(checkAsync(client));
    }

    /** {@link #check} without blocking: requests issued back to back travel pipelined. */
    CompletionStage<Decision> checkAsync(String client);

    /**
     * What {@link #check} would answer now, without counting anything or writing to Redis.
     * Not subject to the failure mode: an unreachable Redis is thrown.
     */
    default Decision peek(String client) {
        return await(peekAsync(client));
    }

    /** {@link #peek} without blocking: peeks at many clients travel pipelined (the dashboard samples them). */
    CompletionStage<Decision> peekAsync(String client);

    /** A limiter of the definition's algorithm. Stats go to {@code stats}. */
    static RateLimiter of(RedisConnections redis, String name, LimitDefinition definition, FailureMode failureMode,
                          RateLimitStats stats) {
        return switch (definition.algorithm()) {
            case SLIDING_WINDOW -> new SlidingWindowLimiter(redis, name, definition, failureMode, stats);
            case TOKEN_BUCKET -> new TokenBucketLimiter(redis, name, definition, failureMode, stats);
            case FIXED_WINDOW -> new FixedWindowLimiter(redis, name, definition, failureMode, stats);
        };
    }

    /** Waits for a decision; its failure is thrown as it is (a RedisAccessException), not wrapped. */
    private static Decision await(CompletionStage<Decision> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
