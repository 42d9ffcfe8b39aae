package io.trackeep.dashboard.service.health;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Per-family cache hit rates from the project's own per-minute counters: the hashes
 * {@code P:stats:cache:<family>:<yyyyMMddHHmm>} (UTC minute) with fields {@code hits} and
 * {@code misses}, written by the cache feature. Only reads; a Redis without these hashes (a Go
 * backend) simply shows zero lookups.
 *
 * <p>One pipelined HMGET per family and minute, all in one round trip. A counter hash of the
 * wrong type or with a non-numeric field counts as zero for that minute. When Redis is
 * unreachable the call throws {@link RedisAccessException}.
 */
public final class CacheHitRates {

    /** The cache families of DESIGN.md section 5. */
    public static final List<String> FAMILIES = List.of("response", "search", "analytics");
    /** The counters expire after 48 h, so older minutes cannot exist. */
    public static final int MAX_MINUTES = 48 * 60;

    private final RedisConnections redis;
    private final KeySchema keys;
    private final Clock clock;

    public CacheHitRates(RedisConnections redis) {
        this(redis, Clock.systemUTC());
    }

    /** {@code clock} decides the current minute; it should agree with the writers' clocks. */
    public CacheHitRates(RedisConnections redis, Clock clock) {
        this.redis = redis;
        this.keys = redis.keys();
        this.clock = clock;
    }

    /** The last {@code minutes} minutes (the current, partial one last) of every family in {@link #FAMILIES}. */
    public List<CacheFamilyHits> lastMinutes(int minutes) {
        return lastMinutes(FAMILIES, minutes);
    }

    public List<CacheFamilyHits> lastMinutes(List<String> families, int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("minutes must be 1.." + MAX_MINUTES + ", got " + minutes);
        }
        Instant current = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<Instant> range = new ArrayList<>(minutes);
        for (int i = minutes - 1; i >= 0; i--) {
            range.add(current.minus(Duration.ofMinutes(i)));
        }
        List<List<CompletableFuture<List<KeyValue<String, String>>>>> replies = new ArrayList<>();
        RedisErrors.call("Reading cache statistics", () -> {
            for (String family : families) {
                List<CompletableFuture<List<KeyValue<String, String>>>> perMinute = new ArrayList<>(minutes);
                for (Instant minute : range) {
                    RedisFuture<List<KeyValue<String, String>>> f =
                            redis.async().hmget(keys.stats("cache", family, minute), "hits", "misses");
                    perMinute.add(f.toCompletableFuture());
                }
                replies.add(perMinute);
            }
            return null;
        });
        List<CacheFamilyHits> result = new ArrayList<>(families.size());
        for (int fam = 0; fam < families.size(); fam++) {
            List<MinuteHits> counts = new ArrayList<>(minutes);
            for (int m = 0; m < minutes; m++) {
                List<KeyValue<String, String>> fields = await(replies.get(fam).get(m));
                counts.add(new MinuteHits(range.get(m), field(fields, 0), field(fields, 1)));
            }
            result.add(new CacheFamilyHits(families.get(fam), counts));
        }
        return List.copyOf(result);
    }

    /** The reply, or null for a key Redis could not read as a hash; unreachability is thrown. */
    private static List<KeyValue<String, String>> await(CompletableFuture<List<KeyValue<String, String>>> reply) {
        try {
            return reply.join();
        } catch (RuntimeException e) { // CompletionException, or CancellationException when the connection closed
            RedisAccessException error = RedisErrors.translate("Reading cache statistics", e);
            if (error.kind() == RedisAccessException.Kind.COMMAND_FAILED) {
                return null; // WRONGTYPE: someone else's key under our name; count nothing for that minute
            }
            throw error;
        }
    }

    private static long field(List<KeyValue<String, String>> fields, int index) {
        if (fields == null || fields.size() <= index || !fields.get(index).hasValue()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(fields.get(index).getValue().strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
