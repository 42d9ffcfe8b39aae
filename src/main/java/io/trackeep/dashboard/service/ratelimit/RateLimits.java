package io.trackeep.dashboard.service.ratelimit;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.events.AdminEvent;
import io.trackeep.dashboard.service.events.AdminEvents;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rate-limiting feature for one Redis: limiters by name that follow live limit changes,
 * the admin actions of the Rate limits panel, and the per-minute stats.
 *
 * <p><b>Live limits.</b> {@link #forName} returns a limiter that applies the limit currently
 * stored in {@code P:config:ratelimits} (or the default). The limits are cached and re-read in
 * the background once they are older than {@link RateLimitOptions#configRefresh()} (5 s by
 * default), so a change made anywhere reaches every process within about that time and a check
 * never waits for the re-read; a change made through this object applies here at once. Only
 * the very first use reads the limits while the caller waits. When they cannot be read, the
 * limits last read (at first the defaults) stay in force and the reason is logged.
 *
 * <p><b>Redis unreachable.</b> Checks decide by {@link RateLimitOptions#failureMode()} and are
 * marked degraded; admin actions and reads throw
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException}. Admin actions are refused on
 * a read-only connection.
 */
public final class RateLimits implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    private final RedisConnections redis;
    private final RateLimitOptions options;
    private final RateLimitRegistry registry;
    private final RateLimitStats stats;
    private final AdminEvents events;
    private final Map<String, LiveLimiter> limiters = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Limits limits;
    private volatile long loadedAtNanos;
    private volatile Set<Limits.MalformedLimit> reportedMalformed = Set.of();

    public RateLimits(RedisConnections redis, RateLimitOptions options) {
        this.redis = redis;
        this.options = options;
        this.registry = new RateLimitRegistry(redis);
        this.stats = new RateLimitStats(redis, options.statsFlush());
        this.events = new AdminEvents(redis);
    }

    public RateLimits(RedisConnections redis) {
        this(redis, RateLimitOptions.defaults());
    }

    /**
     * The limiter {@code name} with its current limit. Throws {@link IllegalArgumentException}
     * when no limit is defined for that name (neither a default nor an entry in Redis).
     */
    public RateLimiter forName(String name) {
        if (current().find(name).isEmpty()) {
            throw new IllegalArgumentException("No rate limit defined for limiter '" + name + "'");
        }
        return limiters.computeIfAbsent(name, LiveLimiter::new);
    }

    /** The limits in force here (cached; see the class comment). */
    public Limits limits() {
        return current();
    }

    /** Reads the limits now and applies them here at once. */
    public Limits refresh() {
        Limits fresh = registry.load();
        apply(fresh);
        return fresh;
    }

    /** Changes a limit (see {@link RateLimitRegistry#set}) and applies it here at once. */
    public void changeLimit(String limiter, LimitDefinition definition, String actor) {
        registry.set(limiter, definition, actor);
        refresh();
    }

    /** Puts a limiter back to its default (see {@link RateLimitRegistry#restoreDefault}) and applies it here at once. */
    public void restoreDefault(String limiter, String actor) {
        registry.restoreDefault(limiter, actor);
        refresh();
    }

    /** How much of its limit {@code client} has used, without counting a request. */
    public Usage usage(String limiter, String client) {
        return Usage.of(limiter, client, forName(limiter).peek(client));
    }

    /**
     * Forgets {@code client}'s state for {@code limiter} (DEL), so its next request starts afresh,
     * then publishes {@code ratelimit.reset}: two round trips, so that a DEL the server refuses (a
     * read-only replica) announces nothing. Returns whether there was state to forget.
     */
    public boolean reset(String limiter, String client, String actor) {
        redis.requireWritable("Resetting rate limit " + limiter + " of " + client);
        String key = redis.keys().rateLimit(limiter, client);
        return RedisErrors.call("Resetting " + key, () -> {
            RedisClusterAsyncCommands<String, String> async = redis.async();
            long count = async.del(key).toCompletableFuture().join();
            events.publishAsync(async, AdminEvent.of(AdminEvent.RATE_LIMIT_RESET,
                    limiter + ":" + client, actor, Map.of("limiter", limiter, "client", client))).toCompletableFuture().join();
            return count > 0;
        });
    }

    public RateLimitStats stats() { return stats; }

    public RateLimitOptions options() { return options; }

    /** Sends pending stats and stops their flush thread; the connections stay open. */
    @Override
    public void close() {
        stats.close();
    }

    private Limits current() {
        Limits l = limits;
        if (l == null) {
            synchronized (this) {
                if (limits == null) {
                    try {
                        apply(registry.load());
                    } catch (RedisAccessException e) {
                        log.warn("Using the default rate limits until the configured ones can be read: {}", e.getMessage());
                        apply(new Limits(RateLimitRegistry.DEFAULTS, List.of()));
                    }
                }
                return limits;
            }
        }
        if (System.nanoTime() - loadedAtNanos > options.configRefresh().toNanos() && refreshing.compareAndSet(false, true)) {
            refreshInBackground();
        }
        return l;
    }

    private void refreshInBackground() {
        try {
            registry.loadAsync().whenComplete((fresh, error) -> {
                refreshing.set(false);
                if (error == null) {
                    apply(fresh);
                } else {
                    loadedAtNanos = System.nanoTime(); // try again after another interval, not on every check
                    log.warn("Keeping the current rate limits: {}", RedisErrors.translate("Reading rate limits", error).getMessage());
                }
            });
        } catch (RuntimeException e) {
            refreshing.set(false);
            loadedAtNanos = System.nanoTime();
        }
    }

    private void apply(Limits fresh) {
        Set<Limits.MalformedLimit> malformed = Set.copyOf(fresh.malformed());
        if (!malformed.isEmpty() && !malformed.equals(reportedMalformed)) {
            malformed.forEach(m -> log.warn("Ignoring malformed rate limit '{}' in {}: {}", m.limiter(),
                    redis.keys().rateLimitConfig(), m.reason()));
        }
        reportedMalformed = malformed;
        limits = fresh;
        loadedAtNanos = System.nanoTime();
    }

    /** A limiter by name that rebuilds its algorithm object when its definition changes. */
    private final class LiveLimiter implements RateLimiter {

        private final String name;
        private volatile RateLimiter delegate;

        LiveLimiter(String name) {
            this.name = name;
        }

        @Override
        public String name() { return name; }

        @Override
        public LimitDefinition definition() {
            return delegate().definition();
        }

        @Override
        public CompletionStage<Decision> checkAsync(String client) {
            return delegate().checkAsync(client);
        }

        @Override
        public CompletionStage<Decision> peekAsync(String client) {
            return delegate().peekAsync(client);
        }

        private RateLimiter delegate() {
            RateLimiter d = delegate;
            LimitDefinition wanted = current().find(name).orElse(null);
            if (d != null && (wanted == null || wanted.equals(d.definition()))) {
                return d; // a limiter removed from the hash keeps its last limit
            }
            d = RateLimiter.of(redis, name, wanted, options.failureMode(), stats);
            delegate = d;
            return d;
        }
    }
}
