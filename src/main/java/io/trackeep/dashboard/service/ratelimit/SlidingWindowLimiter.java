package io.trackeep.dashboard.service.ratelimit;

import io.lettuce.core.protocol.CommandArgs;
import io.trackeep.dashboard.service.redis.LuaScript;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sliding window over a sorted set {@code P:rl:<limiter>:<client>}: one member per admitted
 * request in the last window, so at most {@code limit} requests in any window of that length.
 *
 * <p>Compatible with the Go backend's keys: scores are unix seconds (here with a microsecond
 * fraction), so Go's {@code ZREMRANGEBYSCORE}/{@code ZCOUNT} in whole seconds still work on
 * what this class writes, and members Go wrote (the second as member and score) are counted
 * and expire like the Go code expects. Unlike the Go code, every request gets its own member
 * ({@code <seconds.micros>-<process id><sequence>}), so a burst within one second or one
 * microsecond is counted in full, and check-and-add is one atomic script.
 *
 * <p>The key expires exactly when its newest member leaves the window.
 */
public final class SlidingWindowLimiter extends ScriptedLimiter {

    private static final LuaScript SCRIPT = LuaScript.load(SlidingWindowLimiter.class, "sliding_window.lua");
    // Members stay unique across processes sharing a key, even within one server microsecond.
    private static final String PROCESS_ID = randomId();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    public SlidingWindowLimiter(RedisConnections redis, String name, LimitDefinition definition, FailureMode failureMode,
                                RateLimitStats stats) {
        super(redis, name, definition, failureMode, stats, LimitAlgorithm.SLIDING_WINDOW, SCRIPT,
                Long.toString(definition.limit()), Long.toString(definition.windowMs()));
    }

    /** The member an admitted request adds; "-" when only looking. */
    @Override
    void addCallArguments(CommandArgs<String, String> args, boolean consume) {
        args.add(consume ? PROCESS_ID + Long.toString(SEQUENCE.incrementAndGet(), 36) : "-");
    }

    private static String randomId() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
