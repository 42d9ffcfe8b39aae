package io.trackeep.dashboard.service.cache;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.events.AdminEvent;
import io.trackeep.dashboard.service.events.AdminEvents;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Removes cache entries: one key, one user's entries, one family, or everything, and announces
 * each invalidation as a {@code cache.invalidated} {@link AdminEvent} so every backend drops
 * local copies. Each method returns how many entries were removed.
 *
 * <p>Never uses KEYS: entries are found with SCAN MATCH (COUNT {@value #SCAN_COUNT}) or, for a
 * user's hashed response entries, SSCAN of the per-user index, and removed with UNLINK in batches
 * of at most {@value #UNLINK_BATCH} keys, so no single command holds Redis for long whatever the
 * family's size. Index members that are not response-entry keys are never deleted, so a foreign
 * or tampered index cannot make an invalidation delete other data.
 *
 * <p>Refused on a read-only profile. <b>When Redis fails</b> part-way, the method throws
 * {@link CacheInvalidationException} with the count removed so far (and still tries to announce
 * the partial invalidation); repeating the call finishes the job.
 */
public final class CacheInvalidator {

    /** SCAN/SSCAN COUNT hint: the work Redis does per call. */
    public static final int SCAN_COUNT = 1000;
    /** Most keys in one UNLINK. */
    public static final int UNLINK_BATCH = 500;

    private final RedisConnections redis;
    private final KeySchema keys;
    private final AdminEvents events;
    private final String actor;

    /**
     * @param actor who invalidates, as it appears in the event (an admin name, a service name)
     */
    public CacheInvalidator(RedisConnections redis, String actor) {
        this.redis = redis;
        this.keys = redis.keys();
        this.events = new AdminEvents(redis);
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /**
     * Removes one entry of any family.
     *
     * @return 1 if it existed, else 0
     * @throws IllegalArgumentException when {@code key} is not a cache entry key
     */
    public long invalidateKey(String key) {
        CacheFamily family = CacheFamily.ofKey(keys, key)
                .orElseThrow(() -> new IllegalArgumentException("Not a cache entry key: " + key));
        return run("Invalidating cache key", key, Map.of("scope", "key", "family", family.id()),
                removal -> removal.unlink(family, List.of(key), null));
    }

    /**
     * Removes one user's entries of every family: response entries through the user's index
     * (the only way to find hashed keys), search and analytics entries by SCAN of their per-user
     * pattern. Other users' entries and anonymous responses stay.
     */
    public long invalidateUser(long userId) {
        return run("Invalidating the cache of user " + userId, "user:" + userId,
                Map.of("scope", "user", "user_id", userId), removal -> {
                    removal.unlinkIndexed(userId);
                    for (CacheFamily family : CacheFamily.values()) {
                        family.userPattern(keys, userId).ifPresent(pattern -> removal.unlinkMatching(family, pattern));
                    }
                });
    }

    /** Removes every entry of a family; for the response family also the per-user index sets. */
    public long invalidateFamily(CacheFamily family) {
        return run("Invalidating the " + family.id() + " cache", family.id(),
                Map.of("scope", "family", "family", family.id()), removal -> removeFamily(removal, family));
    }

    /** Removes every entry of every family, and the per-user index sets. */
    public long invalidateAll() {
        return run("Invalidating all caches", "all", Map.of("scope", "all"), removal -> {
            for (CacheFamily family : CacheFamily.values()) {
                removeFamily(removal, family);
            }
        });
    }

    private void removeFamily(Removal removal, CacheFamily family) {
        removal.unlinkMatching(family, family.pattern(keys));
        if (family == CacheFamily.RESPONSE) {
            // Every member is gone now; the index sets are not entries and are not counted.
            removal.unlinkMatching(null, keys.cacheUserIndexPattern());
        }
    }

    private long run(String what, String target, Map<String, Object> scope, Job job) {
        redis.requireWritable(what);
        Removal removal = new Removal();
        try {
            job.run(removal);
        } catch (RuntimeException e) {
            RedisAccessException cause = RedisErrors.translate(what, e);
            try {
                events.publish(event(target, scope, removal, false));
            } catch (RuntimeException ignored) {
                // Redis is failing already; the exception below reports the partial result.
            }
            throw new CacheInvalidationException(what, removal.total(), false, cause);
        }
        try {
            events.publish(event(target, scope, removal, true));
        } catch (RuntimeException e) {
            throw new CacheInvalidationException(what, removal.total(), true, RedisErrors.translate(what, e));
        }
        return removal.total();
    }

    private AdminEvent event(String target, Map<String, Object> scope, Removal removal, boolean complete) {
        Map<String, Object> details = new LinkedHashMap<>(scope);
        details.put("removed", removal.total());
        Map<String, Long> perFamily = new LinkedHashMap<>();
        removal.perFamily.forEach((family, n) -> perFamily.put(family.id(), n));
        details.put("families", perFamily);
        details.put("complete", complete);
        return AdminEvent.of(AdminEvent.CACHE_INVALIDATED, target, actor, details);
    }

    @FunctionalInterface
    private interface Job {
        void run(Removal removal);
    }

    /** Counts what one invalidation has removed so far, per family. */
    private final class Removal {

        private final Map<CacheFamily, Long> perFamily = new EnumMap<>(CacheFamily.class);

        long total() {
            return perFamily.values().stream().mapToLong(Long::longValue).sum();
        }

        /** SCAN MATCH pattern, UNLINK what it finds in bounded batches; counts under {@code family} (null: not counted). */
        void unlinkMatching(CacheFamily family, String pattern) {
            ScanArgs args = ScanArgs.Builder.matches(pattern).limit(SCAN_COUNT);
            List<String> batch = new ArrayList<>(UNLINK_BATCH);
            ScanCursor cursor = ScanCursor.INITIAL;
            KeyScanCursor<String> page;
            do {
                page = redis.sync().scan(cursor, args);
                for (String key : page.getKeys()) {
                    batch.add(key);
                    if (batch.size() == UNLINK_BATCH) {
                        unlink(family, batch, null);
                        batch.clear();
                    }
                }
                cursor = page;
            } while (!page.isFinished());
            unlink(family, batch, null);
        }

        /** SSCAN the user's index, UNLINK its response entries and drop them from the index. */
        void unlinkIndexed(long userId) {
            String index = keys.cacheUserIndex(userId);
            ScanArgs args = ScanArgs.Builder.limit(SCAN_COUNT);
            List<String> batch = new ArrayList<>(UNLINK_BATCH);
            ScanCursor cursor = ScanCursor.INITIAL;
            ValueScanCursor<String> page;
            do {
                page = redis.sync().sscan(index, cursor, args);
                for (String member : page.getValues()) {
                    if (!keys.isResponseCacheKey(member)) {
                        continue;
                    }
                    batch.add(member);
                    if (batch.size() == UNLINK_BATCH) {
                        unlink(CacheFamily.RESPONSE, batch, index);
                        batch.clear();
                    }
                }
                cursor = page;
            } while (!page.isFinished());
            unlink(CacheFamily.RESPONSE, batch, index);
        }

        /**
         * UNLINK (and SREM from {@code index}, when given, in the same round trip). Members are
         * removed from the index individually rather than deleting the index, so an entry stored
         * for the user meanwhile stays findable.
         */
        void unlink(CacheFamily family, List<String> batch, String index) {
            if (batch.isEmpty()) {
                return;
            }
            String[] names = batch.toArray(String[]::new);
            RedisClusterAsyncCommands<String, String> async = redis.async();
            CompletableFuture<Long> unlinked = async.unlink(names).toCompletableFuture();
            CompletableFuture<Long> dropped = index == null ? CompletableFuture.completedFuture(0L)
                    : async.srem(index, names).toCompletableFuture();
            long removed = unlinked.join();
            if (family != null) {
                perFamily.merge(family, removed, Long::sum);
            }
            dropped.join();
        }
    }
}
