package io.trackeep.dashboard.service.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * One command of a {@link BracketedConnection} that may look keys up, sent as five:
 * {@code MULTI, INFO stats, <command>, INFO stats, EXEC}. The target's answer is routed out of the
 * EXEC reply into the target's own output, and the difference of the two INFO answers is added to
 * the accounting before the next reply on the connection is decoded; only then does the target
 * complete. When the server refuses MULTI, the commands run at once, the target answers as usual,
 * counts as {@link OwnTraffic#unknown()}, and the connection is told.
 *
 * <p>MULTI and EXEC are named with keywords of their own: Lettuce's transaction tracking does not
 * recognise them, so it does not capture other threads' commands into the transaction.
 */
final class Bracket<T> {

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

    private final RedisCommand<String, String, T> target;
    private final StatefulRedisConnection<String, String> connection;
    private final SelfAccounting accounting;
    private final Runnable onRefused;
    private final RedisCodec<String, String> codec;
    private Boolean multiAccepted; // null until MULTI answered; decoder thread only
    private boolean answered; // the target's element of the EXEC reply is whole; decoder thread only
    private final InfoText before;
    private final InfoText after;

    /**
     * @param connection the connection the five commands go over, as they are (never bracketed again)
     * @param onRefused  called when the server refuses MULTI (an ACL user without MULTI or INFO)
     */
    Bracket(RedisCommand<String, String, T> target, StatefulRedisConnection<String, String> connection,
            SelfAccounting accounting, Runnable onRefused) {
        this.target = target;
        this.connection = connection;
        this.accounting = accounting;
        this.onRefused = onRefused;
        this.codec = connection.getCodec();
        this.before = new InfoText(codec);
        this.after = new InfoText(codec);
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
            connection.dispatch(List.of(multi, queuedBefore, queuedTarget, queuedAfter, exec));
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
            if (Boolean.FALSE.equals(multiAccepted)) {
                onRefused.run();
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

    private static boolean isAbort(Throwable failure) {
        return failure != null && failure.getMessage() != null && failure.getMessage().startsWith("EXECABORT");
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
        void open(int count, ObjIntConsumer<CommandOutput<String, String, ?>> aggregate) {
            if (element < 0) {
                element = 0; // the EXEC array begins; its elements follow
            } else {
                super.open(count, aggregate);
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
            open(count, CommandOutput::multi);
        }

        @Override
        public void multiArray(int count) {
            open(count, CommandOutput::multiArray);
        }

        @Override
        public void multiMap(int count) {
            open(count, CommandOutput::multiMap);
        }

        @Override
        public void multiSet(int count) {
            open(count, CommandOutput::multiSet);
        }

        @Override
        public void multiPush(int count) {
            open(count, CommandOutput::multiPush);
        }

        /** An aggregate of {@code count} elements (array, map, set, push) begins: passed on like a value. */
        void open(int count, ObjIntConsumer<CommandOutput<String, String, ?>> aggregate) {
            if (next() != null) {
                aggregate.accept(next(), count);
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
}
