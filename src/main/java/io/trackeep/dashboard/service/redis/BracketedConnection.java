package io.trackeep.dashboard.service.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisAsyncCommandsImpl;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A monitoring connection that counts its own keyspace lookups exactly, so the dashboard can take
 * them off the hit rate it shows: every command that may look keys up is sent as a {@link Bracket},
 * {@code MULTI, INFO stats, <command>, INFO stats, EXEC}. Inside EXEC no other client runs, so the
 * two INFO answers differ by exactly this command's hits and misses, whatever the command, its
 * keys or the server version. Commands that never count (writes, keyless commands, SCAN without
 * TYPE, MEMORY USAGE) go as they are. Every command of this connection is handed to Lettuce under
 * one lock, so the five commands of a bracket reach the socket one after another and no command
 * of another thread can fall inside the transaction (Lettuce writes a batch command by command).
 *
 * <p>When the server refuses the bracket (an ACL user without MULTI or INFO), the commands still
 * run and answer as usual, this connection stops bracketing, and each such read counts as
 * {@link OwnTraffic#unknown()}: the hit rate is then marked approximate instead of silently wrong.
 */
final class BracketedConnection implements StatefulRedisConnection<String, String> {

    private static final Logger log = LoggerFactory.getLogger(BracketedConnection.class);

    /**
     * Commands that never count a keyspace hit or miss: keyless commands and writes (which look
     * keys up for writing; checked against real servers by BracketedConnectionTest). Anything not
     * listed is bracketed, so a command missing here costs a bracket, never a wrong figure.
     */
    static final Set<String> NEVER_COUNT = Set.of(
            "PING", "ECHO", "INFO", "CONFIG", "CLIENT", "SLOWLOG", "PUBSUB", "PUBLISH", "DBSIZE", "TIME", "MEMORY",
            "SCRIPT", "AUTH", "HELLO", "SELECT", "COMMAND", "LATENCY", "ACL", "CLUSTER", "ROLE", "LASTSAVE", "QUIT",
            "READONLY", "READWRITE", "WAIT", "FLUSHALL", "FLUSHDB", "SAVE", "BGSAVE", "BGREWRITEAOF", "SENTINEL",
            "MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH", "RESET", "ASKING",
            "DEL", "UNLINK", "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "PERSIST", "INCR", "INCRBY", "DECR",
            "DECRBY", "HSET", "HDEL", "HINCRBY", "SADD", "SREM", "ZADD", "ZREM", "ZINCRBY", "ZREMRANGEBYSCORE",
            "ZREMRANGEBYRANK", "XADD", "XTRIM", "XDEL");

    private final StatefulRedisConnection<String, String> delegate;
    private final SelfAccounting accounting;
    private final RedisAsyncCommandsImpl<String, String> async;
    private final RedisCommands<String, String> sync;
    // Set once when the server refuses a bracket; from then on reads are sent plainly and counted as unknown.
    private volatile boolean bracketsRefused;

    BracketedConnection(StatefulRedisConnection<String, String> delegate, SelfAccounting accounting) {
        this.delegate = delegate;
        this.accounting = accounting;
        this.async = new RedisAsyncCommandsImpl<>(this, delegate.getCodec());
        this.sync = syncOf(async, this::getTimeout);
    }

    /** True when this command may count keyspace hits or misses and so needs a bracket. */
    static boolean mayLookUpKeys(RedisCommand<?, ?, ?> command) {
        String type = command.getType().toString().toUpperCase(Locale.ROOT);
        if (type.equals("SCAN")) {
            // SCAN ... TYPE t looks every key it meets up (and counts it); a plain SCAN does not
            return command.getArgs() != null && command.getArgs().toCommandString().toUpperCase(Locale.ROOT).contains("TYPE");
        }
        return !NEVER_COUNT.contains(type);
    }

    // synchronized: see the class comment; handing commands over only queues them, it never waits for Redis
    @Override
    public synchronized <T> RedisCommand<String, String, T> dispatch(RedisCommand<String, String, T> command) {
        if (!mayLookUpKeys(command) || delegate.isMulti()) {
            countWhenAnswered(command, false);
            return delegate.dispatch(command);
        }
        if (bracketsRefused) {
            countWhenAnswered(command, true);
            return delegate.dispatch(command);
        }
        new Bracket<>(command, delegate, accounting, this::refuseBrackets).send();
        return command;
    }

    @Override
    public synchronized Collection<RedisCommand<String, String, ?>> dispatch(Collection<? extends RedisCommand<String, String, ?>> commands) {
        List<RedisCommand<String, String, ?>> sent = new ArrayList<>(commands.size());
        for (RedisCommand<String, String, ?> c : commands) {
            sent.add(dispatch(c));
        }
        return sent;
    }

    /** From the first refused bracket on, reads are sent plainly and counted as unknown. */
    private void refuseBrackets() {
        if (!bracketsRefused) {
            bracketsRefused = true;
            log.info("The server refuses MULTI/INFO to this user: the dashboard's own reads can no longer be told apart, hit rates are marked approximate");
        }
    }

    /** The count this connection keeps. */
    SelfAccounting accounting() { return accounting; }

    private void countWhenAnswered(RedisCommand<String, String, ?> command, boolean uncountedRead) {
        // a Cluster node gets the router's command wrapped (MOVED/ASK retries): its future is inside
        CompletableFuture<?> future = CommandWrapper.unwrap(command, CompletableFuture.class);
        if (future != null) {
            future.whenComplete((r, e) -> {
                accounting.addCommands(1);
                if (uncountedRead) {
                    accounting.addUnknown();
                }
            });
        } else if (uncountedRead) {
            accounting.addUnknown();
        }
    }

    /**
     * A blocking face over the command interface of this connection, as Lettuce's own
     * {@code sync()} is: each call waits for its future with the connection's timeout.
     */
    @SuppressWarnings("unchecked")
    private static RedisCommands<String, String> syncOf(RedisAsyncCommands<String, String> async, java.util.function.Supplier<Duration> timeout) {
        Map<Method, Method> translated = new ConcurrentHashMap<>();
        return (RedisCommands<String, String>) Proxy.newProxyInstance(RedisCommands.class.getClassLoader(),
                new Class<?>[]{RedisCommands.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "sync commands of " + async;
                        };
                    }
                    Method target = translated.computeIfAbsent(method, m -> {
                        try {
                            return async.getClass().getMethod(m.getName(), m.getParameterTypes());
                        } catch (NoSuchMethodException e) {
                            throw new UnsupportedOperationException("No asynchronous form of " + m.getName(), e);
                        }
                    });
                    Object result;
                    try {
                        result = target.invoke(async, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof RedisFuture<?> future) {
                        return LettuceFutures.awaitOrCancel(future, timeout.get().toNanos(), TimeUnit.NANOSECONDS);
                    }
                    return result;
                });
    }

    // --- the rest is the underlying connection's -------------------------------------------------

    @Override
    public boolean isMulti() {
        return delegate.isMulti();
    }

    @Override
    public RedisCommands<String, String> sync() { return sync; }

    @Override
    public RedisAsyncCommands<String, String> async() { return async; }

    @Override
    public RedisReactiveCommands<String, String> reactive() {
        throw new UnsupportedOperationException("The monitoring connection has no reactive interface");
    }

    @Override
    public void addListener(PushListener listener) {
        delegate.addListener(listener);
    }

    @Override
    public void removeListener(PushListener listener) {
        delegate.removeListener(listener);
    }

    @Override
    public void addListener(RedisConnectionStateListener listener) {
        delegate.addListener(listener);
    }

    @Override
    public void removeListener(RedisConnectionStateListener listener) {
        delegate.removeListener(listener);
    }

    @Override
    public void setTimeout(Duration timeout) {
        delegate.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
        return delegate.getTimeout();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        return delegate.closeAsync();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public ClientOptions getOptions() {
        return delegate.getOptions();
    }

    @Override
    public ClientResources getResources() {
        return delegate.getResources();
    }

    @Override
    public void setAutoFlushCommands(boolean autoFlush) {
        delegate.setAutoFlushCommands(autoFlush);
    }

    @Override
    public void flushCommands() {
        delegate.flushCommands();
    }

    @Override
    public RedisCodec<String, String> getCodec() {
        return delegate.getCodec();
    }
}
