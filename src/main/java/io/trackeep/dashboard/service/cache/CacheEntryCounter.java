package io.trackeep.dashboard.service.cache;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Counts cache entries before an invalidation, so that its confirmation can say what will go
 * ("12 response, 3 search, 1 analytics"), but only where that is cheap.
 *
 * <p>A user's response entries are counted through the per-user index: SCARD, and for an index
 * of at most {@value #MAX_INDEX_CHECK} members an EXISTS per member (pipelined) so that expired
 * entries still listed are not counted. Search and analytics entries, and whole families, need
 * a SCAN of the keyspace (one pass, COUNT {@value #SCAN_COUNT}, every family classified at once);
 * it is done only when the keyspace holds at most {@code maxKeyspace} keys (DBSIZE), otherwise
 * those families are left out of the count ("not counted") instead of holding up the admin.
 *
 * <p>Throws {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis fails.
 */
public final class CacheEntryCounter {

    /** Largest keyspace scanned to count entries: 100 SCAN calls at most. */
    public static final long DEFAULT_MAX_KEYSPACE = 100_000;
    static final int SCAN_COUNT = 1000;
    static final int MAX_INDEX_CHECK = 1000;

    /**
     * Entries per family.
     *
     * @param counts       families that were counted → entries; a family asked for and missing was not counted
     * @param keyspaceKeys DBSIZE when counting, to say why a family was not counted
     */
    public record EntryCount(Map<CacheFamily, Long> counts, long keyspaceKeys) {

        public EntryCount {
            counts = Collections.unmodifiableMap(counts.isEmpty() ? new EnumMap<>(CacheFamily.class) : new EnumMap<>(counts));
        }

        public OptionalLong of(CacheFamily family) {
            Long n = counts.get(family);
            return n == null ? OptionalLong.empty() : OptionalLong.of(n);
        }

        /** Sum of the families that were counted. */
        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final RedisConnections redis;
    private final KeySchema keys;
    private final long maxKeyspace;

    public CacheEntryCounter(RedisConnections redis) {
        this(redis, DEFAULT_MAX_KEYSPACE);
    }

    public CacheEntryCounter(RedisConnections redis, long maxKeyspace) {
        this.redis = redis;
        this.keys = redis.keys();
        this.maxKeyspace = maxKeyspace;
    }

    /** Entries of {@code families}; those that would need too large a scan are left out. */
    public EntryCount countFamilies(Collection<CacheFamily> families) {
        return RedisErrors.call("Counting cache entries", () -> {
            long dbsize = redis.sync().dbsize();
            Map<CacheFamily, Long> counts = new EnumMap<>(CacheFamily.class);
            if (dbsize <= maxKeyspace && !families.isEmpty()) {
                counts.putAll(scan(EnumSet.copyOf(families), null));
            }
            return new EntryCount(counts, dbsize);
        });
    }

    /**
     * One user's entries: response entries from the per-user index (always), search and analytics
     * entries by scanning when the keyspace is small enough. Response entries the Go backend
     * stored are not in any index and cannot be counted (or found) by user.
     */
    public EntryCount countUser(long userId) {
        return RedisErrors.call("Counting cache entries of user " + userId, () -> {
            long dbsize = redis.sync().dbsize();
            Map<CacheFamily, Long> counts = new EnumMap<>(CacheFamily.class);
            counts.put(CacheFamily.RESPONSE, indexedResponses(userId));
            if (dbsize <= maxKeyspace) {
                counts.putAll(scan(EnumSet.of(CacheFamily.SEARCH, CacheFamily.ANALYTICS), userId));
            }
            return new EntryCount(counts, dbsize);
        });
    }

    private long indexedResponses(long userId) {
        String index = keys.cacheUserIndex(userId);
        long size = redis.sync().scard(index);
        if (size == 0 || size > MAX_INDEX_CHECK) {
            return size; // a large index: its size, which may include a few expired entries
        }
        List<String> members = redis.sync().smembers(index).stream().filter(keys::isResponseCacheKey).toList();
        RedisClusterAsyncCommands<String, String> async = redis.async();
        List<CompletableFuture<Long>> exists = members.stream().map(m -> async.exists(m).toCompletableFuture()).toList();
        return exists.stream().mapToLong(CompletableFuture::join).sum();
    }

    /** One SCAN pass over the keyspace, every key classified; {@code userId} null counts everyone's. */
    private Map<CacheFamily, Long> scan(Set<CacheFamily> families, Long userId) {
        Map<CacheFamily, Long> counts = new EnumMap<>(CacheFamily.class);
        families.forEach(f -> counts.put(f, 0L));
        ScanArgs args = ScanArgs.Builder.limit(SCAN_COUNT); // no MATCH: the keyspace is small, and every family is classified at once
        ScanCursor cursor = ScanCursor.INITIAL;
        KeyScanCursor<String> page;
        do {
            page = redis.sync().scan(cursor, args);
            for (String key : page.getKeys()) {
                CacheFamily.ofKey(keys, key)
                        .filter(families::contains)
                        .filter(f -> userId == null || f.userIdOf(keys, key).filter(userId::equals).isPresent())
                        .ifPresent(f -> counts.merge(f, 1L, Long::sum));
            }
            cursor = page;
        } while (!page.isFinished());
        return counts;
    }
}
