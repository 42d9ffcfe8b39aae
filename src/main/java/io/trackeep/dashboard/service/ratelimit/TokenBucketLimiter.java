package io.trackeep.dashboard.service.ratelimit;

import io.trackeep.dashboard.service.redis.LuaScript;
import io.trackeep.dashboard.service.redis.RedisConnections;

/**
 * Token bucket in a hash {@code P:rl:<limiter>:<client>}: up to {@code capacity} requests at
 * once, then {@code refillPerSec} per second. Refills by the Redis server's clock, not each
 * backend's own (the Go code's defect), in microseconds.
 *
 * <p>Compatible with the Go backend's keys: {@code tokens} is a decimal and {@code last_refill}
 * stays whole unix seconds; the precise time goes to an extra field {@code last_refill_us} that
 * Go ignores and that is disregarded once Go has written {@code last_refill} after it. A denied
 * request writes nothing. The key expires after 3600 s, or after the time to refill an empty
 * bucket when that is longer (an expired key reads as a full bucket).
 */
public final class TokenBucketLimiter extends ScriptedLimiter {

    static final long MIN_TTL_SECONDS = 3600;
    private static final LuaScript SCRIPT = LuaScript.load(TokenBucketLimiter.class, "token_bucket.lua");

    public TokenBucketLimiter(RedisConnections redis, String name, LimitDefinition definition, FailureMode failureMode,
                              RateLimitStats stats) {
        super(redis, name, definition, failureMode, stats, LimitAlgorithm.TOKEN_BUCKET, SCRIPT,
                Long.toString(definition.capacity()), Double.toString(definition.refillPerSec()),
                Long.toString(Math.max(MIN_TTL_SECONDS, (long) Math.ceil(definition.capacity() / definition.refillPerSec()))));
    }
}
