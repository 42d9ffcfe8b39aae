package io.trackeep.dashboard.service.ratelimit;

import io.trackeep.dashboard.service.redis.LuaScript;
import io.trackeep.dashboard.service.redis.RedisConnections;

/**
 * Fixed window over an integer string {@code P:rl:<limiter>:<client>} (INCR, expiring one
 * window after the client's first request), as the Go backend keeps login and search limits.
 *
 * <p>Unlike the Go code, a denied request is not counted (a client that keeps hammering is
 * admitted again when its window ends): the script counts first and takes the count back when
 * it is over the limit, atomically, so an admitted request costs one command less than reading
 * first. A counter found without expiry (INCR done, EXPIRE lost) gets one instead of blocking
 * forever. A counter that is not an integer is reported as WRONGTYPE.
 */
public final class FixedWindowLimiter extends ScriptedLimiter {

    private static final LuaScript SCRIPT = LuaScript.load(FixedWindowLimiter.class, "fixed_window.lua");

    public FixedWindowLimiter(RedisConnections redis, String name, LimitDefinition definition, FailureMode failureMode,
                              RateLimitStats stats) {
        super(redis, name, definition, failureMode, stats, LimitAlgorithm.FIXED_WINDOW, SCRIPT,
                Long.toString(definition.limit()), Long.toString(definition.windowMs()));
    }
}
