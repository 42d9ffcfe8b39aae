package io.trackeep.dashboard.service.lock;

import io.lettuce.core.ScriptOutputType;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.LuaScript;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Named locks in Redis with fencing numbers, for work that one instance at a time should do
 * (index cleanup, a scheduled census). A lock is a lease: {@code P:lock:{name}} holds a random
 * token with a time to live (SET NX PX), and each acquisition also increments
 * {@code P:lock:{name}:fence}, atomically in one script (both keys share a hash slot).
 *
 * <p>A lease can run out while its holder still works (a long GC pause, a slow network). Mutual
 * exclusion therefore holds only while the holder finishes within its TTL or {@link #extend}s
 * in time; where that matters, the protected resource must reject work carrying a
 * {@link Lock#fence()} lower than one it has already seen. The fence counter never expires; it
 * restarts at 1 only if someone deletes it (FLUSHALL).
 *
 * <p>When Redis is unreachable or answers an error, every method throws a
 * {@link RedisAccessException}: an acquisition never succeeds without Redis (fails closed), and a
 * lock whose release failed is freed by its TTL. {@link #acquire} does not wait through an
 * outage; it throws at once. Locks are not admin actions, so a read-only profile does not refuse them.
 */
public final class FencedLocks {

    private static final LuaScript ACQUIRE = LuaScript.load(FencedLocks.class, "acquire.lua");
    private static final LuaScript RELEASE = LuaScript.load(FencedLocks.class, "release.lua");
    private static final LuaScript EXTEND = LuaScript.load(FencedLocks.class, "extend.lua");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FIRST_BACKOFF_MS = 2;
    private static final long MAX_BACKOFF_MS = 50;

    private final RedisConnections redis;
    private final KeySchema keys;

    public FencedLocks(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
    }

    /** Takes the lock if it is free now (one round trip). Empty when someone else holds it. */
    public Optional<Lock> tryAcquire(String name, Duration ttl) {
        long ttlMs = ttlMillis(ttl);
        String lockKey = keys.lock(name);
        String token = newToken();
        Long fence = RedisErrors.call("Acquiring lock " + name,
                () -> ACQUIRE.run(redis.sync(), ScriptOutputType.INTEGER,
                        new String[]{lockKey, keys.lockFence(name)}, token, Long.toString(ttlMs)));
        return fence == 0 ? Optional.empty() : Optional.of(new Lock(name, token, fence, Duration.ofMillis(ttlMs)));
    }

    /**
     * Takes the lock, retrying with a short randomized backoff (2 to 50 ms) while someone else
     * holds it, for at most {@code waitTimeout}. Empty when it was not free in that time.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public Optional<Lock> acquire(String name, Duration ttl, Duration waitTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        long backoff = FIRST_BACKOFF_MS;
        while (true) {
            Optional<Lock> lock = tryAcquire(name, ttl);
            long leftNanos = deadline - System.nanoTime();
            if (lock.isPresent() || leftNanos <= 0) {
                return lock;
            }
            long leftMs = Math.max(1, (leftNanos + 999_999) / 1_000_000); // round up: never give up before the deadline
            // jitter spreads waiters out so they do not retry in lockstep
            Thread.sleep(Math.min(leftMs, ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1)));
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    /** Releases the lock if {@code lock} still owns it. False when it had expired (and maybe been taken by another). */
    public boolean release(Lock lock) {
        Long released = RedisErrors.call("Releasing lock " + lock.name(),
                () -> RELEASE.run(redis.sync(), ScriptOutputType.INTEGER, new String[]{keys.lock(lock.name())}, lock.token()));
        return released == 1;
    }

    /**
     * Gives the lock a new time to live, counted from now, if {@code lock} still owns it. Returns
     * the lock with the new TTL (same token and fence), or empty when it no longer owns it.
     */
    public Optional<Lock> extend(Lock lock, Duration ttl) {
        long ttlMs = ttlMillis(ttl);
        Long extended = RedisErrors.call("Extending lock " + lock.name(),
                () -> EXTEND.run(redis.sync(), ScriptOutputType.INTEGER, new String[]{keys.lock(lock.name())},
                        lock.token(), Long.toString(ttlMs)));
        return extended == 1
                ? Optional.of(new Lock(lock.name(), lock.token(), lock.fence(), Duration.ofMillis(ttlMs)))
                : Optional.empty();
    }

    private static long ttlMillis(Duration ttl) {
        if (ttl == null || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("A lock needs a time to live of at least 1 ms, got " + ttl);
        }
        return ttl.toMillis();
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
