package io.trackeep.dashboard.service.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisAsyncCommandsImpl;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * them off the hit rate it shows: every command that may look keys up is sent as
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
 *
 * <p>The brackets bypass Lettuce's own transaction tracking (which would capture other threads'
 * commands into the transaction) by naming MULTI and EXEC with keywords of their own.
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

    private enum Keyword implements ProtocolKeyword {
        MULTI, EXEC;

        private final byte[] bytes = name().getBytes(StandardCharsets.US_ASCII);

        @Override
        public byte[] getBytes() { return bytes; }

        // Lettuce recognises its transactions by this text: ours must not look like one.
        @Override
        public String toString() {
            return "bracket-" + name();
        }
    }

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
        new Bracket<>(command).send();
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

    private static boolean isAbort(Throwable failure) {
        return failure != null && failure.getMessage() != null && failure.getMessage().startsWith("EXECABORT");
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
     * One bracketed command: five commands on the wire, the target's answer routed out of the
     * EXEC reply into the target's own output, and the difference of the two INFO answers added
     * to the accounting before the next reply on this connection is decoded.
     */
    private final class Bracket<T> {
        private final RedisCommand<String, String, T> target;
        private final RedisCodec<String, String> codec = delegate.getCodec();
        private Boolean multiAccepted; // null until MULTI answered; decoder thread only
        private boolean answered; // the target's element of the EXEC reply is whole; decoder thread only
        private final InfoText before = new InfoText(codec);
        private final InfoText after = new InfoText(codec);

        Bracket(RedisCommand<String, String, T> target) {
            this.target = target;
        }

        void send() {
            Command<String, String, String> multi = new Command<>(Keyword.MULTI, new MultiReply(codec));
            Command<String, String, String> queuedBefore = new Command<>(io.lettuce.core.protocol.CommandType.INFO,
                    new Queued<>(codec, null), new io.lettuce.core.protocol.CommandArgs<>(codec).add("stats"));
            Command<String, String, T> queuedTarget = new TargetInBracket(target.getType(), new Queued<>(codec, target),
                    target.getArgs());
            Command<String, String, String> queuedAfter = new Command<>(io.lettuce.core.protocol.CommandType.INFO,
                    new Queued<>(codec, null), new io.lettuce.core.protocol.CommandArgs<>(codec).add("stats"));
            AsyncCommand<String, String, Object> exec = new AsyncCommand<>(
                    new Command<>(Keyword.EXEC, new ExecReply(codec, List.of(before, target.getOutput(), after))));
            exec.whenComplete((ignored, failure) -> finish(failure));
            try {
                delegate.dispatch(List.of(multi, queuedBefore, queuedTarget, queuedAfter, exec));
            } catch (RuntimeException e) {
                target.completeExceptionally(e);
            }
        }

        /** After EXEC: account, and make sure the target is completed one way or another. */
        private void finish(Throwable failure) {
            if (Boolean.TRUE.equals(multiAccepted) && isAbort(failure)) {
                // EXECABORT: a command was refused when queued, so nothing ran and nothing was looked up
            } else if (Boolean.TRUE.equals(multiAccepted) && failure == null) {
                Long[] b = before.counts();
                Long[] a = after.counts();
                if (b != null && a != null) {
                    accounting.add(a[0] - b[0], a[1] - b[1], 5);
                } else {
                    accounting.addUnknown();
                }
            } else {
                accounting.addUnknown();
                if (Boolean.FALSE.equals(multiAccepted) && !bracketsRefused) {
                    bracketsRefused = true;
                    log.info("The server refuses MULTI/INFO to this user: the dashboard's own reads can no longer be told apart, hit rates are marked approximate");
                }
            }
            // The target completes only now, after the counts: whoever waits for it sees them up to date.
            if (!target.isDone()) {
                if (failure == null && Boolean.TRUE.equals(multiAccepted) && answered) {
                    target.complete();
                } else if (target.getOutput() != null && target.getOutput().hasError()) {
                    target.complete(); // its own error, given when it was queued (NOPERM, OOM, wrong arguments)
                } else if (failure != null) {
                    target.completeExceptionally(failure);
                } else {
                    target.completeExceptionally(new RedisCommandExecutionException("The transaction around this read was discarded"));
                }
            }
        }

        /** MULTI's answer decides whether what follows is queued or runs at once. */
        private final class MultiReply extends StatusOutput<String, String> {
            MultiReply(RedisCodec<String, String> codec) {
                super(codec);
            }

            @Override
            public void set(ByteBuffer bytes) {
                super.set(bytes);
                multiAccepted = true;
            }

            @Override
            public void setError(ByteBuffer error) {
                super.setError(error);
                multiAccepted = false;
            }
        }

        /**
         * The target's place in the batch: normally it is only queued (its answer comes inside
         * EXEC); when MULTI was refused it ran at once, and this command completes the target.
         */
        private final class TargetInBracket extends Command<String, String, T> {
            TargetInBracket(ProtocolKeyword type, CommandOutput<String, String, T> output,
                            io.lettuce.core.protocol.CommandArgs<String, String> args) {
                super(type, output, args);
            }

            @Override
            public void complete() {
                super.complete();
                if (Boolean.FALSE.equals(multiAccepted)) {
                    target.complete();
                }
            }

            @Override
            public boolean completeExceptionally(Throwable throwable) {
                boolean done = super.completeExceptionally(throwable);
                target.completeExceptionally(throwable);
                return done;
            }
        }

        /**
         * The answer to a queued command: "QUEUED", or an error given at queueing time (kept on the
         * target's output). When MULTI was refused, the command's real answer, passed to the target.
         */
        private final class Queued<X> extends Forwarding<X> {
            private final RedisCommand<String, String, ?> owner; // the target, or null for the INFO commands

            Queued(RedisCodec<String, String> codec, RedisCommand<String, String, ?> owner) {
                super(codec);
                this.owner = owner;
            }

            @Override
            CommandOutput<String, String, ?> next() {
                return Boolean.FALSE.equals(multiAccepted) && owner != null ? owner.getOutput() : null;
            }

            @Override
            public void setError(ByteBuffer error) {
                if (owner != null && owner.getOutput() != null) {
                    owner.getOutput().setError(error);
                }
            }

            @Override
            public void setError(String error) {
                if (owner != null && owner.getOutput() != null) {
                    owner.getOutput().setError(error);
                }
            }
        }

        /**
         * EXEC's array: element i goes to sink i (INFO, the target's output, INFO). The target is
         * completed when EXEC is, after its lookups are counted.
         */
        private final class ExecReply extends Forwarding<Object> {
            private final List<CommandOutput<String, String, ?>> sinks;
            private int element = -1; // -1: the EXEC array itself has not started

            ExecReply(RedisCodec<String, String> codec, List<CommandOutput<String, String, ?>> sinks) {
                super(codec);
                this.sinks = sinks;
            }

            @Override
            CommandOutput<String, String, ?> next() {
                return element >= 0 && element < sinks.size() ? sinks.get(element) : null;
            }

            @Override
            public void setError(ByteBuffer error) {
                if (next() != null) {
                    next().setError(error);
                } else {
                    super.setError(error); // EXECABORT, or EXEC without MULTI
                }
            }

            @Override
            public void multi(int count) {
                nested(count, CommandOutput::multi);
            }

            @Override
            public void multiArray(int count) {
                nested(count, CommandOutput::multiArray);
            }

            @Override
            public void multiMap(int count) {
                nested(count, CommandOutput::multiMap);
            }

            @Override
            public void multiSet(int count) {
                nested(count, CommandOutput::multiSet);
            }

            @Override
            public void multiPush(int count) {
                nested(count, CommandOutput::multiPush);
            }

            private void nested(int count, java.util.function.ObjIntConsumer<CommandOutput<String, String, ?>> open) {
                if (element < 0) {
                    element = 0; // the EXEC array begins; its elements follow
                } else if (next() != null) {
                    open.accept(next(), count);
                }
            }

            @Override
            public void complete(int depth) {
                if (depth >= 1 && next() != null) {
                    next().complete(depth - 1);
                }
                if (depth == 1) {
                    if (element == 1) {
                        answered = true;
                    }
                    element++;
                }
            }
        }
    }

    /**
     * An output that passes what the decoder reads on to the output {@link #next()} names, and
     * drops it while that is null. Errors are each subclass's own business.
     */
    private abstract static class Forwarding<X> extends CommandOutput<String, String, X> {
        Forwarding(RedisCodec<String, String> codec) {
            super(codec, null);
        }

        /** Where the decoder's next value goes now; null to drop it. */
        abstract CommandOutput<String, String, ?> next();

        @Override
        public void set(ByteBuffer bytes) {
            if (next() != null) {
                next().set(bytes);
            }
        }

        @Override
        public void setSingle(ByteBuffer bytes) {
            if (next() != null) {
                next().setSingle(bytes);
            }
        }

        @Override
        public void setBigNumber(ByteBuffer bytes) {
            if (next() != null) {
                next().setBigNumber(bytes);
            }
        }

        @Override
        public void set(long integer) {
            if (next() != null) {
                next().set(integer);
            }
        }

        @Override
        public void set(double number) {
            if (next() != null) {
                next().set(number);
            }
        }

        @Override
        public void set(boolean value) {
            if (next() != null) {
                next().set(value);
            }
        }

        @Override
        public void multi(int count) {
            if (next() != null) {
                next().multi(count);
            }
        }

        @Override
        public void multiArray(int count) {
            if (next() != null) {
                next().multiArray(count);
            }
        }

        @Override
        public void multiMap(int count) {
            if (next() != null) {
                next().multiMap(count);
            }
        }

        @Override
        public void multiSet(int count) {
            if (next() != null) {
                next().multiSet(count);
            }
        }

        @Override
        public void multiPush(int count) {
            if (next() != null) {
                next().multiPush(count);
            }
        }

        @Override
        public void complete(int depth) {
            if (next() != null) {
                next().complete(depth);
            }
        }
    }

    /** Keeps an INFO answer and reads keyspace_hits / keyspace_misses from it. */
    private static final class InfoText extends CommandOutput<String, String, String> {
        InfoText(RedisCodec<String, String> codec) {
            super(codec, null);
        }

        @Override
        public void set(ByteBuffer bytes) {
            output = bytes == null ? null : decodeString(bytes);
        }

        /** {hits, misses}, or null when the answer lacks them. */
        Long[] counts() {
            if (output == null || hasError()) {
                return null;
            }
            Long hits = field(output, "keyspace_hits:");
            Long misses = field(output, "keyspace_misses:");
            return hits == null || misses == null ? null : new Long[]{hits, misses};
        }

        private static Long field(String info, String name) {
            int at = info.indexOf(name);
            if (at < 0) {
                return null;
            }
            int start = at + name.length();
            int end = start;
            while (end < info.length() && Character.isDigit(info.charAt(end))) {
                end++;
            }
            try {
                return Long.parseLong(info, start, end, 10);
            } catch (NumberFormatException e) {
                return null;
            }
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
