package io.trackeep.dashboard.service.ratelimit;

import io.lettuce.core.ScriptOutputType;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.LuaScript;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * What the three algorithms share: one script per decision on the shared connection, the
 * failure mode, error translation and stats. Subclasses only say which script and arguments.
 */
abstract class ScriptedLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(ScriptedLimiter.class);
    // Server states that pass by themselves: treated like an unreachable server.
    private static final Pattern TRANSIENT = Pattern.compile("(^|: -?)(LOADING|BUSY|OOM|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\\b");
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final RedisConnections redis;
    private final KeySchema keys;
    private final String name;
    private final LimitDefinition definition;
    private final FailureMode failureMode;
    private final RateLimitStats stats;
    private final LuaScript script;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    ScriptedLimiter(RedisConnections redis, String name, LimitDefinition definition, FailureMode failureMode,
                    RateLimitStats stats, LimitAlgorithm expected, LuaScript script) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = redis.keys();
        keys.rateLimitPattern(name); // rejects names that would break the key layout
        if (definition.algorithm() != expected) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " cannot apply a " + definition.algorithm().wireName() + " limit");
        }
        this.name = name;
        this.definition = definition;
        this.failureMode = Objects.requireNonNull(failureMode, "failureMode");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.script = script;
    }

    /** Script arguments after KEYS[1]; {@code consume} false means look without writing. */
    abstract String[] arguments(boolean consume);

    @Override
    public String name() {
        return name;
    }

    @Override
    public LimitDefinition definition() {
        return definition;
    }

    @Override
    public Decision check(String client) {
        return await(checkAsync(client));
    }

    @Override
    public CompletionStage<Decision> checkAsync(String client) {
        String key = keys.rateLimit(name, client);
        return run(key, true).handle((decision, error) -> {
            Decision d = error == null ? decision : onFailure(key, error);
            stats.record(name, d.allowed(), d.decidedAt());
            return d;
        });
    }

    @Override
    public Decision peek(String client) {
        return await(peekAsync(client));
    }

    @Override
    public CompletionStage<Decision> peekAsync(String client) {
        String key = keys.rateLimit(name, client);
        return run(key, false).exceptionally(error -> {
            throw translate(key, error);
        });
    }

    private CompletionStage<Decision> run(String key, boolean consume) {
        try {
            return script.<List<Object>>runAsync(redis.async(), ScriptOutputType.MULTI, new String[]{key}, arguments(consume))
                    .thenApply(Decision::fromScript);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Decision onFailure(String key, Throwable error) {
        RedisAccessException e = translate(key, error);
        if (!isTransient(e)) {
            throw e;
        }
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limiter {}: {}; failing {} until Redis answers again", name, e.getMessage(), failureMode);
        }
        return Decision.degraded(failureMode, definition.limit());
    }

    private RedisAccessException translate(String key, Throwable error) {
        RedisAccessException e = RedisErrors.translate("Rate limit " + key, error);
        String message = e.getMessage();
        if (e.kind() == RedisAccessException.Kind.COMMAND_FAILED && message != null && message.contains("WRONGTYPE")) {
            return new RedisAccessException(RedisAccessException.Kind.COMMAND_FAILED,
                    "Rate limit key " + key + " holds a value of another type (WRONGTYPE): the " + definition.algorithm().wireName()
                            + " limiter '" + name + "' expects a " + definition.algorithm().redisType()
                            + "; reset the client to replace it", e.getCause());
        }
        return e;
    }

    private static boolean isTransient(RedisAccessException e) {
        return e.isUnavailable()
                || (e.kind() == RedisAccessException.Kind.COMMAND_FAILED && e.getMessage() != null
                && TRANSIENT.matcher(causeMessage(e)).find());
    }

    private static String causeMessage(RedisAccessException e) {
        Throwable cause = e.getCause();
        String m = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        return m == null ? "" : m;
    }

    private static Decision await(CompletionStage<Decision> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
