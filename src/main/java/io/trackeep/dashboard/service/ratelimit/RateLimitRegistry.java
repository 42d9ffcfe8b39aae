package io.trackeep.dashboard.service.ratelimit;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.events.AdminEvent;
import io.trackeep.dashboard.service.events.AdminEvents;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The limits of every limiter, kept in the hash {@code P:config:ratelimits} (limiter name →
 * {@link LimitDefinition} JSON) so they show as "used of limit" and can be changed live.
 * Limiters without an entry use {@link #DEFAULTS}, the limits the Go backend applies; an entry
 * that is not valid JSON or not a valid limit is reported in {@link Limits#malformed()} and the
 * default applies, so a bad edit never takes a limiter down.
 *
 * <p>Reading throws {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis
 * cannot be asked ({@link RateLimits} then keeps the limits it had). Changes are refused on a
 * read-only connection and announced as {@code ratelimit.changed} on {@code P:admin:events}.
 */
public final class RateLimitRegistry {

    /** The limits of docs/ARCHITECTURE.md §6, in the order the dashboard lists them. */
    public static final Map<String, LimitDefinition> DEFAULTS = defaults();

    private static final int MAX_SHOWN_VALUE = 200;

    private final RedisConnections redis;
    private final KeySchema keys;
    private final AdminEvents events;

    public RateLimitRegistry(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
        this.events = new AdminEvents(redis);
    }

    /** The limits in force now: one HGETALL. */
    public Limits load() {
        return RedisErrors.call("Reading rate limits", () -> loadAsync().toCompletableFuture().join());
    }

    /**
     * {@link #load()} without blocking. A config key of another type (someone else's string
     * there) is one bad value like a malformed entry: the defaults apply and it is reported in
     * {@link Limits#malformed()} under the key's name, rather than every limit being unreadable.
     */
    public CompletionStage<Limits> loadAsync() {
        String key = keys.rateLimitConfig();
        return redis.async().hgetall(key).handle((stored, error) -> {
            if (error == null) {
                return parse(stored);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof RedisCommandExecutionException && cause.getMessage() != null
                    && cause.getMessage().startsWith("WRONGTYPE")) {
                return new Limits(DEFAULTS, List.of(new Limits.MalformedLimit(key, "",
                        "the key is not a hash but another type (WRONGTYPE): every limiter uses its default limit"
                                + " until the key is deleted or fixed")));
            }
            throw cause instanceof CompletionException ce ? ce : new CompletionException(cause);
        });
    }

    /**
     * Stores {@code definition} for {@code limiter}, then publishes {@code ratelimit.changed}
     * (nothing when the write is refused). The algorithm of a limiter cannot change: its clients' keys
     * would then hold the wrong type (and the Go backend keeps writing the old one); define a
     * limiter with a new name instead.
     */
    public void set(String limiter, LimitDefinition definition, String actor) {
        Objects.requireNonNull(definition, "definition");
        redis.requireWritable("Changing the " + limiter + " rate limit");
        keys.rateLimitPattern(limiter); // validates the name
        requireSameAlgorithm(limiter, load().find(limiter).orElse(null), definition);
        write(limiter, AdminEvent.of(AdminEvent.RATE_LIMIT_CHANGED, limiter, actor,
                        Map.of("limit", definition)),
                async -> async.hset(keys.rateLimitConfig(), limiter, Json.write(definition)));
    }

    /**
     * Refuses a change of algorithm (see {@link #set}) with the reason, before anything is
     * written; the dashboard asks it while the admin edits a limit.
     *
     * @param current the limiter's limit in force, or null when it has none (any algorithm may then be chosen)
     * @throws IllegalArgumentException when {@code wanted} would change the algorithm
     */
    public static void requireSameAlgorithm(String limiter, LimitDefinition current, LimitDefinition wanted) {
        if (current != null && current.algorithm() != wanted.algorithm()) {
            throw new IllegalArgumentException("Limiter '" + limiter + "' is a " + current.algorithm().wireName()
                    + " limiter: its clients' keys are " + current.algorithm().redisType()
                    + "s, so it cannot become " + wanted.algorithm().wireName() + "; use a new limiter name");
        }
    }

    /** Removes {@code limiter}'s entry, so its default applies again; publishes {@code ratelimit.changed}. */
    public void restoreDefault(String limiter, String actor) {
        redis.requireWritable("Restoring the default " + limiter + " rate limit");
        write(limiter, AdminEvent.of(AdminEvent.RATE_LIMIT_CHANGED, limiter, actor, Map.of("restored_default", true)),
                async -> async.hdel(keys.rateLimitConfig(), limiter));
    }

    private void write(String limiter, AdminEvent event,
                       Function<RedisClusterAsyncCommands<String, String>, RedisFuture<?>> change) {
        RedisErrors.call("Changing the " + limiter + " rate limit", () -> {
            // announced once written, not pipelined with the write: a write the server refuses (a key of
            // another type, a read-only replica) must not send every backend to re-read unchanged limits
            RedisClusterAsyncCommands<String, String> async = redis.async();
            change.apply(async).toCompletableFuture().join();
            return events.publishAsync(async, event).toCompletableFuture().join();
        });
    }

    Limits parse(Map<String, String> stored) {
        Map<String, LimitDefinition> definitions = new LinkedHashMap<>(DEFAULTS);
        List<Limits.MalformedLimit> malformed = new ArrayList<>();
        stored.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            try {
                keys.rateLimitPattern(e.getKey()); // a name that cannot form keys is malformed too
                definitions.put(e.getKey(), Json.read(e.getValue(), LimitDefinition.class));
            } catch (RuntimeException ex) {
                String value = e.getValue().length() > MAX_SHOWN_VALUE ? e.getValue().substring(0, MAX_SHOWN_VALUE) + "…" : e.getValue();
                malformed.add(new Limits.MalformedLimit(e.getKey(), value, reason(ex)));
            }
        });
        return new Limits(definitions, malformed);
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.getMessage();
    }

    private static Map<String, LimitDefinition> defaults() {
        Map<String, LimitDefinition> d = new LinkedHashMap<>();
        d.put("general", LimitDefinition.slidingWindow(100, Duration.ofMinutes(1)));
        d.put("auth", LimitDefinition.fixedWindow(5, Duration.ofMinutes(1)));
        d.put("search", LimitDefinition.fixedWindow(100, Duration.ofMinutes(1)));
        d.put("ai-chat", new LimitDefinition(LimitAlgorithm.TOKEN_BUCKET, 20, 60_000, 20, 20 / 60.0));
        d.put("upload", LimitDefinition.slidingWindow(10, Duration.ofMinutes(10)));
        return Collections.unmodifiableMap(d);
    }
}
