package io.trackeep.dashboard.service.cache;

import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Per-minute hit/miss counters of each cache family in {@code P:stats:cache:<family>:<yyyyMMddHHmm>}
 * hashes (fields {@code hits}, {@code misses}), kept 48 hours.
 *
 * <p>Counting never makes a lookup wait: the HINCRBY is queued on the shared connection and its
 * reply is not awaited; the first count of each field in a minute also sets the 48 h EXPIRE, so a
 * lookup costs one extra command, not two. When Redis is down the counts of that moment are lost
 * (and logged at debug level); the lookups themselves are unaffected.
 *
 * <p>Reading pipelines one HMGET per minute (one round trip for a whole window) and throws
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis cannot answer. A
 * field that is not a number (written by someone else) counts as 0.
 */
public final class CacheCounters {

    /** How long a minute's counters are kept. */
    public static final Duration RETENTION = Duration.ofHours(48);
    /** The longest window that can be read: everything older has expired. */
    public static final int MAX_MINUTES = (int) RETENTION.toMinutes();

    private static final Logger log = LoggerFactory.getLogger(CacheCounters.class);
    private static final String FEATURE = "cache";
    private static final String HITS = "hits";
    private static final String MISSES = "misses";

    private final RedisConnections redis;
    private final KeySchema keys;
    private final Clock clock;

    public CacheCounters(RedisConnections redis) {
        this(redis, Clock.systemUTC());
    }

    public CacheCounters(RedisConnections redis, Clock clock) {
        this.redis = redis;
        this.keys = redis.keys();
        this.clock = clock;
    }

    /** Counts one lookup without waiting for Redis; a bypass counts as a miss. */
    void count(CacheFamily family, CacheStatus status) {
        String key = keys.stats(FEATURE, family.id(), clock.instant());
        String field = status == CacheStatus.HIT ? HITS : MISSES;
        try {
            RedisClusterAsyncCommands<String, String> async = redis.async();
            // EXPIRE only with the first count of a field in a minute: one command per lookup, not two.
            async.hincrby(key, field, 1).thenAccept(n -> {
                if (n == 1) {
                    async.expire(key, RETENTION.toSeconds()).exceptionally(e -> ignored(e));
                }
            }).exceptionally(e -> ignored(e));
        } catch (RuntimeException e) {
            // Lettuce rejects at once while disconnected; the lookup must not fail for a statistic.
            ignored(e);
        }
    }

    /** Counters of the last {@code minutes} minutes (1 to {@link #MAX_MINUTES}), the current one included. */
    public CacheCounterSeries read(CacheFamily family, int minutes) {
        return readAll(minutes).get(family);
    }

    /** Counters of every family over the last {@code minutes} minutes, in one round trip. */
    public Map<CacheFamily, CacheCounterSeries> readAll(int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("minutes must be within 1.." + MAX_MINUTES + ", got " + minutes);
        }
        Instant last = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<Instant> window = new ArrayList<>(minutes);
        for (int i = minutes - 1; i >= 0; i--) {
            window.add(last.minus(i, ChronoUnit.MINUTES));
        }
        return RedisErrors.call("Reading cache hit/miss counters", () -> {
            RedisClusterAsyncCommands<String, String> async = redis.async();
            Map<CacheFamily, List<CompletableFuture<List<KeyValue<String, String>>>>> replies = new EnumMap<>(CacheFamily.class);
            for (CacheFamily family : CacheFamily.values()) {
                List<CompletableFuture<List<KeyValue<String, String>>>> perMinute = new ArrayList<>(minutes);
                for (Instant minute : window) {
                    // A key of another type under our name (WRONGTYPE) counts as zero for that minute.
                    perMinute.add(async.hmget(keys.stats(FEATURE, family.id(), minute), HITS, MISSES).toCompletableFuture()
                            .exceptionally(e -> isWrongType(e) ? List.of() : rethrow(e)));
                }
                replies.put(family, perMinute);
            }
            CompletableFuture.allOf(replies.values().stream().flatMap(List::stream)
                    .toArray(CompletableFuture[]::new)).join();
            Map<CacheFamily, CacheCounterSeries> result = new EnumMap<>(CacheFamily.class);
            replies.forEach((family, perMinute) -> {
                List<MinuteCounts> counts = new ArrayList<>(minutes);
                for (int i = 0; i < minutes; i++) {
                    List<KeyValue<String, String>> fields = perMinute.get(i).join();
                    counts.add(fields.isEmpty() ? new MinuteCounts(window.get(i), 0, 0)
                            : new MinuteCounts(window.get(i), number(fields.get(0)), number(fields.get(1))));
                }
                result.put(family, new CacheCounterSeries(family, counts));
            });
            return Collections.unmodifiableMap(result);
        });
    }

    private static long number(KeyValue<String, String> field) {
        String value = field.getValueOrElse(null);
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value)); // a negative counter is not ours: count nothing
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isWrongType(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null && cause.getMessage().startsWith("WRONGTYPE");
    }

    private static <T> T rethrow(Throwable e) {
        throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
    }

    private static <T> T ignored(Throwable e) {
        log.debug("Cache counter not written: {}", e.toString());
        return null;
    }
}
