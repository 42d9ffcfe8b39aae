package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.service.keys.KeySchema;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One cache entry's address: its family, its Redis key and the user it belongs to (null for a
 * response cached for anonymous requests). Build it with the factories, which take the key from
 * {@link KeySchema}, byte-compatible with the Go backend.
 *
 * @param family   the cache family
 * @param redisKey the Redis key of the entry
 * @param userId   owner of the entry, or null when none (response family only)
 */
public record CacheKey(CacheFamily family, String redisKey, Long userId) {

    public CacheKey {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(redisKey, "redisKey");
        if (userId == null && family != CacheFamily.RESPONSE) {
            throw new IllegalArgumentException(family.id() + " cache entries always belong to a user");
        }
    }

    /** A GET response: {@code P:cache:<md5>} of path, raw query and user, exactly as the Go backend builds it. */
    public static CacheKey response(KeySchema keys, String path, String rawQuery, Long userId) {
        return new CacheKey(CacheFamily.RESPONSE, keys.responseCache(path, rawQuery, userId), userId);
    }

    /** A search response: {@code P:search:<uid>:<md5 of query>} (see {@link KeySchema#searchCacheHash}). */
    public static CacheKey search(KeySchema keys, long userId, String query) {
        return new CacheKey(CacheFamily.SEARCH, keys.searchCache(userId, keys.searchCacheHash(query)), userId);
    }

    /** Dashboard analytics of a date range: {@code P:analytics:dashboard:<uid>:<start>:<end>}. */
    public static CacheKey analytics(KeySchema keys, long userId, LocalDate start, LocalDate end) {
        return new CacheKey(CacheFamily.ANALYTICS, keys.analyticsCache(userId, start, end), userId);
    }
}
