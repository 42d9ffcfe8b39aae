package io.trackeep.dashboard.service.ratelimit;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.LuaScript;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * What the three algorithms share: one script per decision on the shared connection, the
 * failure mode, error translation and stats. Subclasses only say which script and arguments.
 *
 * <p>A decision is one EVALSHA built by hand: the script's digest and the limit's constant
 * arguments are encoded once, the reply is read straight into a {@link Decision}
 * ({@link DecisionOutput}), and one completion stage carries it to the caller with its stats
 * recorded; after a NOSCRIPT (server restarted, SCRIPT FLUSH) the same arguments go with EVAL,
 * which also caches the script again.
 */
abstract class ScriptedLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(ScriptedLimiter.class);
    // Server states that pass by themselves: treated like an unreachable server.
    private static final Pattern TRANSIENT = Pattern.compile("(^|: -?)(LOADING|BUSY|OOM|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\\b");
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    /** The last script argument: count the request ('1') or only look ('0'). */
    private static final byte[] CONSUME = {'1'};
    private static final byte[] LOOK = {'0'};

    private final RedisConnections redis;
    private final KeySchema keys;
    private final String name;
    private final LimitDefinition definition;
    private final FailureMode failureMode;
    private final RateLimitStats stats;
    private final byte[] digest;
    private final byte[] source;
    private final byte[][] limitArguments;
    private final RedisCodec<String, String> codec;
    private final Finish finishCheck = this::completeCheck;
    private final Finish finishPeek = this::completePeek;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    /** {@code limitArguments}: the script's first arguments, which come from the limit and never change, in order. */
    ScriptedLimiter(RedisConnections redis, String name, LimitDefinition definition, FailureMode failureMode,
                    RateLimitStats stats, LimitAlgorithm expected, LuaScript script, String... limitArguments) {
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
        this.digest = script.sha().getBytes(StandardCharsets.US_ASCII);
        this.source = script.source().getBytes(StandardCharsets.UTF_8);
        this.limitArguments = Arrays.stream(limitArguments).map(a -> a.getBytes(StandardCharsets.US_ASCII))
                .toArray(byte[][]::new);
        this.codec = redis.codec();
    }

    /**
     * Adds what a script takes for this one call between the limit's arguments and the last one
     * (count or only look); none by default.
     */
    void addCallArguments(CommandArgs<String, String> args, boolean consume) {
    }

    @Override
    public String name() { return name; }

    @Override
    public LimitDefinition definition() { return definition; }

    @Override
    public CompletionStage<Decision> checkAsync(String client) {
        return decide(keys.rateLimit(name, client), true, finishCheck);
    }

    @Override
    public CompletionStage<Decision> peekAsync(String client) {
        return decide(keys.rateLimit(name, client), false, finishPeek);
    }

    /** How a decision's stage completes once Redis has answered (or failed). */
    private interface Finish {
        void complete(CompletableFuture<Decision> result, String key, Decision decision, Throwable error);
    }

    private CompletableFuture<Decision> decide(String key, boolean consume, Finish finish) {
        CompletableFuture<Decision> result = new CompletableFuture<>();
        run(key, consume, false).whenComplete((decision, error) -> {
            if (error instanceof RedisNoScriptException) { // nothing ran: run it again with the source
                run(key, consume, true).whenComplete((d, e) -> finish.complete(result, key, d, e));
            } else {
                finish.complete(result, key, decision, error);
            }
        });
        return result;
    }

    /** One EVALSHA (or EVAL with the source) of this limiter's script on the shared connection. */
    private CompletableFuture<Decision> run(String key, boolean consume, boolean withSource) {
        try {
            CommandArgs<String, String> args = new CommandArgs<>(isAscii(key) ? StringCodec.ASCII : codec)
                    .add(withSource ? source : digest)
                    .add(1)
                    .addKey(key);
            for (byte[] a : limitArguments) {
                args.add(a);
            }
            addCallArguments(args, consume);
            args.add(consume ? CONSUME : LOOK);
            RedisClusterAsyncCommands<String, String> async = redis.async();
            return async.dispatch(withSource ? CommandType.EVAL : CommandType.EVALSHA, new DecisionOutput(codec), args)
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Whether every character of {@code key} is ASCII, which every UTF-8 codec encodes byte for byte:
     * such a key is written straight into the command, without the shared codec's temporary buffer.
     */
    static boolean isAscii(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void completeCheck(CompletableFuture<Decision> result, String key, Decision decision, Throwable error) {
        try {
            Decision d = error == null ? decision : onFailure(key, error);
            stats.record(name, d.allowed(), d.resetAt().toEpochMilli() - d.resetAfter().toMillis());
            result.complete(d);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private void completePeek(CompletableFuture<Decision> result, String key, Decision decision, Throwable error) {
        if (error == null) {
            result.complete(decision);
        } else {
            result.completeExceptionally(translate(key, error));
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
}
