package io.trackeep.dashboard.service.cache;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.stats.StatsWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-minute hit/miss counters of each cache family in {@code P:stats:cache:<family>:<yyyyMMddHHmm>}
 * hashes (fields {@code hits}, {@code misses}), kept 48 hours.
 *
 * <p>Counting never makes a lookup wait: the HINCRBY is queued on the shared connection and its
 * reply is not awaited; the first count of each field in a minute also sets the 48 h EXPIRE, so a
 * lookup costs one extra command, not two. When Redis is down the counts of that moment are lost
 * (and logged at debug level); the lookups themselves are unaffected.
 *
 * <p>Reading is {@link StatsWindow}'s: one pipelined round trip for a whole window, a field that is
 * not a number (written by someone else) counting as 0, and
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis cannot answer.
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
        return readAll(minutes, window());
    }

    /**
     * Like {@link #readAll(int)}, with a window kept between calls (a panel's refresh), so minutes
     * that can no longer change are not read again.
     */
    public Map<CacheFamily, CacheCounterSeries> readAll(int minutes, StatsWindow window) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("minutes must be within 1.." + MAX_MINUTES + ", got " + minutes);
        }
        List<String> families = Arrays.stream(CacheFamily.values()).map(CacheFamily::id).toList();
        Map<String, List<StatsWindow.Minute>> read = window.read(redis, families, minutes, clock.instant());
        Map<CacheFamily, CacheCounterSeries> result = new EnumMap<>(CacheFamily.class);
        for (CacheFamily family : CacheFamily.values()) {
            result.put(family, new CacheCounterSeries(family, read.get(family.id()).stream()
                    .map(m -> new MinuteCounts(m.minute(), m.first(), m.second())).toList()));
        }
        return Collections.unmodifiableMap(result);
    }

    /** A window over the cache counters, to keep for repeated {@link #readAll(int, StatsWindow)}. */
    public static StatsWindow window() {
        return new StatsWindow(FEATURE, HITS, MISSES);
    }

    private static <T> T ignored(Throwable e) {
        log.debug("Cache counter not written: {}", e.toString());
        return null;
    }
}
