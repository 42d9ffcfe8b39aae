package io.trackeep.dashboard.service.stats;

import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads the project's per-minute counter hashes {@code P:stats:<feature>:<name>:<yyyyMMddHHmm>}
 * (two numeric fields, e.g. {@code hits}/{@code misses}) over a window of minutes for several
 * names, in one pipelined batch of HMGET.
 *
 * <p>Minutes that ended at least {@value #SETTLED_MINUTES} minutes ago no longer change (writers
 * flush within seconds), so a window read again and again, as the panels do every tick, remembers
 * them for {@link #REMEMBERED} and asks Redis only for the last minutes: about 2 HMGET per name
 * per tick instead of one per minute of the window. That keeps the dashboard's load low and
 * keeps it from inflating the server's keyspace misses (every HMGET of a minute without counts is
 * one), which would drag the very hit rate it shows. Counts flushed very late into an old minute
 * (a writer's backlog after an outage) appear within {@link #REMEMBERED}.
 *
 * <p>A field that is not a number from 0 to {@link #MOST_PER_MINUTE}, or a key of another type, counts as 0: a statistic
 * shows nothing rather than failing. Throws
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis cannot answer.
 * Thread-safe (synchronized): one read at a time.
 */
public final class StatsWindow {

    /** Counts of one name in one minute. */
    public record Minute(Instant minute, long first, long second) {
    }

    static final int SETTLED_MINUTES = 2;
    /**
     * More than any server counts in a minute (10^12: 16 billion a second); a larger value is not
     * a writer's count, and summing a few of them over the window overflowed into a negative
     * miss count and a hit rate of 10^17 %.
     */
    static final long MOST_PER_MINUTE = 1_000_000_000_000L;
    static final Duration REMEMBERED = Duration.ofMinutes(1);

    private record Remembered(Minute counts, Instant readAt) {
    }

    private final String feature;
    private final String firstField;
    private final String secondField;
    private final Map<String, Remembered> settled = new HashMap<>(); // by key; guarded by this
    private RedisConnections connection;

    public StatsWindow(String feature, String firstField, String secondField) {
        this.feature = feature;
        this.firstField = firstField;
        this.secondField = secondField;
    }

    /**
     * The last {@code minutes} minutes up to the one containing {@code now}, oldest first, for
     * each name (in the order given); a minute without counts reads as zeros.
     */
    public synchronized Map<String, List<Minute>> read(RedisConnections redis, List<String> names, int minutes, Instant now) {
        if (redis != connection) {
            connection = redis;
            settled.clear();
        }
        KeySchema keys = redis.keys();
        Instant current = now.truncatedTo(ChronoUnit.MINUTES);
        Instant oldest = current.minus(minutes - 1L, ChronoUnit.MINUTES);
        Instant settledBefore = current.minus(SETTLED_MINUTES - 1L, ChronoUnit.MINUTES);
        settled.values().removeIf(r -> r.counts().minute().isBefore(oldest) || !now.isBefore(r.readAt().plus(REMEMBERED)));

        RedisClusterAsyncCommands<String, String> async = redis.async();
        Map<String, CompletableFuture<List<KeyValue<String, String>>>> asked = new HashMap<>();
        Map<String, List<String>> keysByName = new LinkedHashMap<>();
        RedisErrors.call("Sending reads of " + feature + " counters", () -> {
            for (String name : names) {
                List<String> window = new ArrayList<>(minutes);
                for (int i = 0; i < minutes; i++) {
                    String key = keys.stats(feature, name, oldest.plus(i, ChronoUnit.MINUTES));
                    window.add(key);
                    if (!settled.containsKey(key) && !asked.containsKey(key)) {
                        asked.put(key, async.hmget(key, firstField, secondField).toCompletableFuture()
                                .exceptionally(e -> isWrongType(e) ? List.of() : rethrow(e)));
                    }
                }
                keysByName.put(name, window);
            }
            return null;
        });
        RedisErrors.call("Reading " + feature + " counters",
                () -> CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new)).join());

        Map<String, List<Minute>> result = new LinkedHashMap<>();
        keysByName.forEach((name, window) -> {
            List<Minute> counts = new ArrayList<>(minutes);
            for (int i = 0; i < minutes; i++) {
                String key = window.get(i);
                Instant minute = oldest.plus(i, ChronoUnit.MINUTES);
                Remembered known = settled.get(key);
                Minute m = known != null ? known.counts() : counts(minute, asked.get(key).join());
                if (known == null && minute.isBefore(settledBefore)) {
                    settled.put(key, new Remembered(m, now));
                }
                counts.add(m);
            }
            result.put(name, List.copyOf(counts));
        });
        return result;
    }

    private static Minute counts(Instant minute, List<KeyValue<String, String>> fields) {
        return fields.size() < 2 ? new Minute(minute, 0, 0) : new Minute(minute, number(fields.get(0)), number(fields.get(1)));
    }

    private static long number(KeyValue<String, String> field) {
        if (!field.hasValue()) {
            return 0;
        }
        try {
            long n = Long.parseLong(field.getValue());
            return n < 0 || n > MOST_PER_MINUTE ? 0 : n; // a negative or impossible counter is not ours: count nothing
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isWrongType(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null && cause.getMessage().startsWith("WRONGTYPE");
    }

    private static <T> T rethrow(Throwable e) {
        throw e instanceof RuntimeException re ? re : new CompletionException(e);
    }
}
