package io.trackeep.dashboard.service.cache;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Get-or-load over the three cache families, as the backends' middleware uses it.
 *
 * <ul>
 *   <li><b>TTL with jitter:</b> an entry lives its family's TTL plus up to
 *       {@link CacheOptions#maxJitter()} of it, so entries filled together expire apart.</li>
 *   <li><b>Single flight:</b> concurrent callers of the same key in this JVM share one lookup:
 *       one GET and, on a miss, one run of the loader; the others wait for its result. (Across
 *       processes two backends may still both load; that costs work, not correctness.)</li>
 *   <li><b>Per-user index:</b> a response entry stored for a user is added to
 *       {@code P:cache:user:<uid>}, whose TTL is renewed to outlive every entry in it, so
 *       {@link CacheInvalidator#invalidateUser} finds the user's hashed keys exactly.</li>
 *   <li><b>Counters:</b> every lookup counts a hit or a miss in {@link CacheCounters}, without
 *       waiting for Redis.</li>
 * </ul>
 *
 * <p><b>When Redis fails</b> (down, timeout, error answer, read-only profile), {@link #getOrLoad}
 * does not fail: the cache is an optimisation, so it runs the loader and returns
 * {@link CacheStatus#BYPASS} with the failure. It does not try to store after a failed read when
 * Redis is unreachable or slow (that would only add a second timeout). {@link #put}, an
 * explicit write, throws {@link RedisAccessException} instead.
 */
public final class CacheStore {

    private static final Logger log = LoggerFactory.getLogger(CacheStore.class);
    private static final int INDEX_PRUNE_SAMPLE = 20;

    private final RedisConnections redis;
    private final KeySchema keys;
    private final CacheOptions options;
    private final CacheCounters counters;
    private final ConcurrentHashMap<String, CompletableFuture<CacheResult>> inFlight = new ConcurrentHashMap<>();

    public CacheStore(RedisConnections redis) {
        this(redis, CacheOptions.defaults());
    }

    public CacheStore(RedisConnections redis, CacheOptions options) {
        this.redis = redis;
        this.keys = redis.keys();
        this.options = options;
        this.counters = new CacheCounters(redis, options.clock());
    }

    /**
     * Returns the cached value of {@code key}, or runs {@code loader}, stores its value and
     * returns it. A null from the loader means "nothing to cache" (an error answer, say): it is
     * returned as a MISS and not stored. An exception from the loader reaches this caller and
     * every caller that waited for the same load; nothing is stored. The loader runs on the
     * calling thread and must not look up its own key (it would wait for itself).
     */
    public CacheResult getOrLoad(CacheKey key, Supplier<String> loader) {
        CompletableFuture<CacheResult> mine = new CompletableFuture<>();
        CompletableFuture<CacheResult> running = inFlight.putIfAbsent(key.redisKey(), mine);
        CacheResult result;
        if (running == null) {
            try {
                result = lookUpOrLoad(key, loader);
                mine.complete(result);
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                // Removed only after the value is stored: a caller arriving later finds it in Redis.
                inFlight.remove(key.redisKey(), mine);
            }
        } else {
            result = awaitOther(running);
        }
        counters.count(key.family(), result.status());
        return result;
    }

    /**
     * Stores a value with its family's TTL plus jitter (and indexes a user's response entry).
     *
     * @throws RedisAccessException when Redis cannot store it, or the profile is read-only
     */
    public void put(CacheKey key, String value) {
        if (value == null) {
            throw new IllegalArgumentException("A cache entry needs a value");
        }
        store(key, value);
    }

    /** Jittered TTL in milliseconds: {@code ttl * (1 + u)}, u uniform in [0, maxJitter]. */
    long entryTtlMillis(CacheFamily family) {
        long base = family.ttl().toMillis();
        long jitter = (long) (base * options.maxJitter() * ThreadLocalRandom.current().nextDouble());
        return base + jitter;
    }

    /** Outlives every entry that can be in the index: the longest jittered TTL plus a margin. */
    long indexTtlSeconds() {
        long longestEntryMs = (long) Math.ceil(CacheFamily.RESPONSE.ttl().toMillis() * (1 + options.maxJitter()));
        return longestEntryMs / 1000 + 2;
    }

    private CacheResult lookUpOrLoad(CacheKey key, Supplier<String> loader) {
        RedisAccessException readFailure = null;
        try {
            String cached = RedisErrors.call("Reading cache entry", () -> redis.sync().get(key.redisKey()));
            if (cached != null) {
                return CacheResult.hit(cached);
            }
        } catch (RedisAccessException e) {
            readFailure = e;
        }
        String value = loader.get();
        if (readFailure != null && readFailure.isUnavailable()) {
            return CacheResult.bypass(value, readFailure);
        }
        if (value == null) {
            return readFailure == null ? CacheResult.miss(null) : CacheResult.bypass(null, readFailure);
        }
        try {
            // Also after an error answer on the read (WRONGTYPE from a foreign value): SET repairs the entry.
            store(key, value);
        } catch (RedisAccessException e) {
            return CacheResult.bypass(value, e);
        }
        return CacheResult.miss(value);
    }

    /** SET with PX, and for a user's response entry SADD + EXPIRE of the index: one round trip. */
    private void store(CacheKey key, String value) {
        redis.requireWritable("Storing a cache entry");
        boolean indexed = key.family() == CacheFamily.RESPONSE && key.userId() != null;
        RedisErrors.call("Storing cache entry", () -> {
            RedisClusterAsyncCommands<String, String> async = redis.async();
            List<CompletableFuture<?>> replies = new ArrayList<>(3);
            replies.add(async.set(key.redisKey(), value, SetArgs.Builder.px(entryTtlMillis(key.family()))).toCompletableFuture());
            CompletableFuture<Long> added = null;
            if (indexed) {
                String index = keys.cacheUserIndex(key.userId());
                added = async.sadd(index, key.redisKey()).toCompletableFuture();
                replies.add(added);
                replies.add(async.expire(index, indexTtlSeconds()).toCompletableFuture());
            }
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();
            if (added != null && added.join() == 1 && ThreadLocalRandom.current().nextDouble() < options.indexPruneChance()) {
                pruneIndex(key.userId());
            }
            return null;
        });
    }

    /**
     * Removes from a user's index a random sample of members whose entry has expired. Runs in the
     * background; a failure only delays the cleanup to a later store.
     */
    private void pruneIndex(long userId) {
        String index = keys.cacheUserIndex(userId);
        RedisClusterAsyncCommands<String, String> async = redis.async();
        async.srandmember(index, INDEX_PRUNE_SAMPLE).toCompletableFuture()
                .thenCompose(members -> {
                    List<CompletableFuture<Long>> exists = members.stream()
                            .map(m -> async.exists(m).toCompletableFuture()).toList();
                    return CompletableFuture.allOf(exists.toArray(CompletableFuture[]::new)).thenCompose(done -> {
                        List<String> gone = new ArrayList<>();
                        for (int i = 0; i < members.size(); i++) {
                            if (exists.get(i).join() == 0) {
                                gone.add(members.get(i));
                            }
                        }
                        return gone.isEmpty() ? CompletableFuture.completedFuture(0L)
                                : async.srem(index, gone.toArray(String[]::new)).toCompletableFuture();
                    });
                })
                .exceptionally(e -> {
                    log.debug("Pruning a cache user index failed: {}", e.toString());
                    return 0L;
                });
    }

    private static CacheResult awaitOther(CompletableFuture<CacheResult> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            // The loader failed in the caller that ran it: this caller sees the same failure.
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
