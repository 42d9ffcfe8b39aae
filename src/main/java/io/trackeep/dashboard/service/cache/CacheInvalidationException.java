package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.service.redis.RedisAccessException;

/**
 * An invalidation that did not finish, or whose {@code cache.invalidated} event could not be
 * published. Says how many keys had been removed by then, so nothing is partially done in
 * silence; running the same invalidation again completes it.
 */
public final class CacheInvalidationException extends RedisAccessException {

    private final long removed;
    private final boolean keysComplete;

    CacheInvalidationException(String what, long removed, boolean keysComplete, RedisAccessException cause) {
        super(cause.kind(), what + (keysComplete
                ? ": removed " + removed + " keys but could not announce it: "
                : ": stopped after removing " + removed + " keys: ") + cause.getMessage(), cause);
        this.removed = removed;
        this.keysComplete = keysComplete;
    }

    /** Keys removed before the failure. */
    public long removed() { return removed; }

    /** True when every key was removed and only the announcement failed. */
    public boolean keysComplete() { return keysComplete; }
}
