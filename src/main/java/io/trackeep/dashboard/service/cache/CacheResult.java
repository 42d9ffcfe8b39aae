package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.service.redis.RedisAccessException;

import java.util.Objects;

/**
 * The answer of {@link CacheStore#getOrLoad}.
 *
 * @param value   the cached or loaded value; null only when the loader returned null
 * @param status  hit, miss or bypass
 * @param failure what went wrong with Redis, set only for {@link CacheStatus#BYPASS}
 */
public record CacheResult(String value, CacheStatus status, RedisAccessException failure) {

    public CacheResult {
        Objects.requireNonNull(status, "status");
        if ((status == CacheStatus.BYPASS) != (failure != null)) {
            throw new IllegalArgumentException("A failure goes with BYPASS and only with BYPASS");
        }
    }

    static CacheResult hit(String value) {
        return new CacheResult(value, CacheStatus.HIT, null);
    }

    static CacheResult miss(String value) {
        return new CacheResult(value, CacheStatus.MISS, null);
    }

    static CacheResult bypass(String value, RedisAccessException failure) {
        return new CacheResult(value, CacheStatus.BYPASS, failure);
    }
}
