package io.trackeep.dashboard.service.session;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.stats.StatsWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Logins and kills counted when they happen, per minute, by this project's session store:
 * {@code P:stats:session:store:<yyyyMMddHHmm>} hashes with the fields {@code created} and
 * {@code killed}, kept 48 hours. A session that ends later still counts in the minute of its
 * login, unlike a count of the {@code created_at} of the sessions still alive. The Go backend does
 * not write them, so they hold only the logins made through this project's store.
 *
 * <p>Counting never makes a login wait or fail: the HINCRBY and EXPIRE are queued with the
 * login's own commands and their replies are not awaited (a failure is logged at debug level).
 * Reading is {@link StatsWindow}'s.
 */
public final class SessionCounters {

    /** How long a minute's counters are kept. */
    public static final Duration RETENTION = Duration.ofHours(48);
    static final String FEATURE = "session";
    static final String NAME = "store";
    static final String CREATED = "created";
    static final String KILLED = "killed";

    private static final Logger log = LoggerFactory.getLogger(SessionCounters.class);

    private SessionCounters() {
    }

    /** A window over the counters, to keep between reads (see {@link StatsWindow}). */
    public static StatsWindow window() {
        return new StatsWindow(FEATURE, CREATED, KILLED);
    }

    /**
     * The last {@code minutes} minutes up to the one containing {@code now}, oldest first:
     * {@link StatsWindow.Minute#first()} logins, {@link StatsWindow.Minute#second()} sessions killed.
     */
    public static List<StatsWindow.Minute> read(RedisConnections redis, StatsWindow window, int minutes, Instant now) {
        return window.read(redis, List.of(NAME), minutes, now).get(NAME);
    }

    /** Queues the count of {@code n} logins or kills at {@code at} on the shared connection, without waiting. */
    static void count(RedisConnections redis, String field, long n, Instant at) {
        if (n <= 0) {
            return;
        }
        KeySchema keys = redis.keys();
        String key = keys.stats(FEATURE, NAME, at);
        try {
            RedisClusterAsyncCommands<String, String> async = redis.async();
            async.hincrby(key, field, n).exceptionally(SessionCounters::ignored);
            async.expire(key, RETENTION.toSeconds()).exceptionally(SessionCounters::ignored);
        } catch (RuntimeException e) {
            ignored(e); // Lettuce rejects at once while disconnected; a statistic must not fail a login
        }
    }

    private static <T> T ignored(Throwable e) {
        log.debug("Session counter not written: {}", e.toString());
        return null;
    }
}
