package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.LocalDate;
import java.util.Map;

/**
 * Rate-limit and cache keys written with raw commands exactly as the Go backend writes them
 * (docs/ARCHITECTURE.md §6), and without anything this project adds: no {@code P:config:ratelimits},
 * no {@code P:stats:*} counters, no {@code P:cache:user:<uid>} index.
 */
public final class GoLimitCacheFixtures {

    private final RedisConnections redis;
    private final KeySchema keys;

    public GoLimitCacheFixtures(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
    }

    public long serverSecond() {
        return Long.parseLong(redis.sync().time().get(0));
    }

    /** Sliding window as Go writes it: ZADD key <second> "<second>" per request (distinct seconds), EXPIRE window. */
    public String slidingWindow(String limiter, String client, int requests, long windowSeconds) {
        String key = keys.rateLimit(limiter, client);
        long now = serverSecond();
        for (int i = 0; i < requests; i++) {
            redis.sync().zadd(key, now - i, Long.toString(now - i));
        }
        redis.sync().expire(key, windowSeconds);
        return key;
    }

    /** Fixed window as Go writes it: INCR, EXPIRE window on the first request. */
    public String fixedWindow(String limiter, String client, int count, long windowSeconds) {
        String key = keys.rateLimit(limiter, client);
        for (int i = 0; i < count; i++) {
            redis.sync().incr(key);
        }
        redis.sync().expire(key, windowSeconds);
        return key;
    }

    /** Token bucket as Go writes it: HSET tokens <decimal> last_refill <unix seconds>, EXPIRE 3600. */
    public String tokenBucket(String limiter, String client, String tokens) {
        String key = keys.rateLimit(limiter, client);
        redis.sync().hset(key, Map.of("tokens", tokens, "last_refill", Long.toString(serverSecond())));
        redis.sync().expire(key, 3600);
        return key;
    }

    /** A response entry as Go writes it: SET P:cache:<md5> body EX 300, no per-user index. */
    public String responseEntry(String path, String rawQuery, Long userId) {
        String key = keys.responseCache(path, rawQuery, userId);
        redis.sync().setex(key, 300, "{\"data\":[1,2,3]}");
        return key;
    }

    /** A search entry as Go writes it: SET P:search:<uid>:<hash> body EX 300. */
    public String searchEntry(long userId, String query) {
        String key = keys.searchCache(userId, keys.searchCacheHash(query));
        redis.sync().setex(key, 300, "{\"results\":[]}");
        return key;
    }

    /** An analytics entry as Go writes it: SET P:analytics:dashboard:<uid>:<start>:<end> body EX 900. */
    public String analyticsEntry(long userId, LocalDate start, LocalDate end) {
        String key = keys.analyticsCache(userId, start, end);
        redis.sync().setex(key, 900, "{\"total\":12}");
        return key;
    }
}
