package io.trackeep.dashboard.service.ratelimit;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.stats.StatsWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Per-minute {@code allowed}/{@code blocked} counters of every limiter, in the hashes
 * {@code P:stats:ratelimit:<limiter>:<yyyyMMddHHmm>} (UTC, by the Redis server's clock where a
 * decision had it), which expire 48 h after their last update.
 *
 * <p>Recording never adds a round trip to a decision: counts are summed in memory and sent every
 * flush interval (1 s by default) as pipelined {@code HINCRBY} + {@code EXPIRE}, fire and
 * forget. (They cannot go inside the decision script: in Cluster the stats key is in another
 * slot.) When Redis is unreachable, a failed flush puts its counts back and the next flush
 * retries them, so stats are late but not lost; counts older than 48 h are dropped. At most one
 * flush interval of counts is lost when the process dies.
 */
public final class RateLimitStats implements AutoCloseable {

    public static final Duration RETENTION = Duration.ofHours(48);
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    static final String FEATURE = "ratelimit";
    private static final Logger log = LoggerFactory.getLogger(RateLimitStats.class);
    private static final long WARN_EVERY_NANOS = 30_000_000_000L;

    /** A limiter's minute, as whole minutes since the epoch. */
    private record Bucket(String limiter, long minute) {
        Instant start() {
            return Instant.ofEpochSecond(minute * 60);
        }
    }

    // one per counter, so that counting a decision allocates nothing but a new minute's bucket
    private static final BiFunction<Bucket, long[], long[]> COUNT_ALLOWED = (b, counts) -> add(counts, 0, 1);
    private static final BiFunction<Bucket, long[], long[]> COUNT_BLOCKED = (b, counts) -> add(counts, 1, 1);

    private final RedisConnections redis;
    private final KeySchema keys;
    // [allowed, blocked] per limiter and minute; compute() makes add and take-out atomic per entry
    private final Map<Bucket, long[]> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    /** Starts flushing every {@code flushInterval} on a daemon thread; {@link #close()} stops it. */
    public RateLimitStats(RedisConnections redis, Duration flushInterval) {
        this.redis = redis;
        this.keys = redis.keys();
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ratelimit-stats");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(10, flushInterval.toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    public RateLimitStats(RedisConnections redis) {
        this(redis, DEFAULT_FLUSH_INTERVAL);
    }

    /** Counts one decision taken at {@code at}; memory only, sent with the next flush. */
    public void record(String limiter, boolean allowed, Instant at) {
        record(limiter, allowed, at.toEpochMilli());
    }

    /** Counts one decision taken at {@code epochMillis}; memory only, sent with the next flush. */
    public void record(String limiter, boolean allowed, long epochMillis) {
        pending.compute(new Bucket(limiter, Math.floorDiv(epochMillis, 60_000L)), allowed ? COUNT_ALLOWED : COUNT_BLOCKED);
    }

    private static long[] add(long[] counts, int index, long amount) {
        long[] c = counts == null ? new long[2] : counts;
        c[index] += amount;
        return c;
    }

    /**
     * Sends the pending counts now and waits until Redis has them (for tests and shutdown);
     * throws {@link io.trackeep.dashboard.service.redis.RedisAccessException} if it cannot, the
     * counts then staying pending.
     */
    public void flush() {
        RedisErrors.call("Writing rate-limit stats", () -> send().join());
    }

    /**
     * {@code allowed}/{@code blocked} of the last {@code minutes} minutes up to the current one
     * (by this machine's clock), oldest first; minutes without decisions read as zero. One
     * pipelined batch of HMGET.
     */
    public List<MinuteCounts> lastMinutes(String limiter, int minutes) {
        return lastMinutes(List.of(limiter), minutes, window()).get(limiter);
    }

    /**
     * The same for several limiters in one round trip, with a window kept between calls (a panel's
     * refresh), so minutes that can no longer change are not read again.
     */
    public Map<String, List<MinuteCounts>> lastMinutes(List<String> limiters, int minutes, StatsWindow window) {
        if (minutes < 1 || minutes > RETENTION.toMinutes()) {
            throw new IllegalArgumentException("minutes must be 1.." + RETENTION.toMinutes() + ", got " + minutes);
        }
        Map<String, List<MinuteCounts>> result = new LinkedHashMap<>();
        window.read(redis, limiters, minutes, Instant.now()).forEach((limiter, counts) -> result.put(limiter,
                counts.stream().map(m -> new MinuteCounts(m.minute(), m.first(), m.second())).toList()));
        return result;
    }

    /** A window over the limiters' counters, to keep for repeated {@link #lastMinutes(List, int, StatsWindow)}. */
    public static StatsWindow window() {
        return new StatsWindow(FEATURE, "allowed", "blocked");
    }

    /** Flushes what is pending (best effort) and stops the flush thread. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(2, TimeUnit.SECONDS);
            send().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Rate-limit stats not written at close: {}", RedisErrors.translate("Writing rate-limit stats", e).getMessage());
        }
    }

    private void flushQuietly() {
        try {
            send().whenComplete((ok, error) -> {
                if (error != null) {
                    warn(error);
                }
            });
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    private CompletableFuture<Void> send() {
        Instant oldest = Instant.now().minus(RETENTION);
        RedisClusterAsyncCommands<String, String> async = redis.async();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (Bucket bucket : List.copyOf(pending.keySet())) {
            long[] counts = pending.remove(bucket);
            if (counts == null || bucket.start().isBefore(oldest)) {
                continue;
            }
            String key = keys.stats(FEATURE, bucket.limiter(), bucket.start());
            sent.add(increment(async, bucket, key, "allowed", 0, counts[0]));
            sent.add(increment(async, bucket, key, "blocked", 1, counts[1]));
            sent.add(async.expire(key, RETENTION.toSeconds()).toCompletableFuture());
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<?> increment(RedisClusterAsyncCommands<String, String> async, Bucket bucket, String key,
                                           String field, int index, long amount) {
        if (amount == 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Long> reply;
        try {
            reply = async.hincrby(key, field, amount).toCompletableFuture();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.whenComplete((value, error) -> {
            if (error != null) {
                putBack(bucket, index, amount); // retried by the next flush
            }
        });
    }

    private void putBack(Bucket bucket, int index, long amount) {
        pending.compute(bucket, (b, counts) -> add(counts, index, amount));
    }

    private void warn(Throwable error) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate-limit stats kept in memory for now: {}", RedisErrors.translate("Writing rate-limit stats", error).getMessage());
        }
    }
}
