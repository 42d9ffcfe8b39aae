package io.trackeep.dashboard.service.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The running count of what this program's monitoring connection did to Redis (see
 * {@link OwnTraffic}). Written by {@link BracketedConnection} as answers arrive, in the order the
 * server ran the commands (one connection's replies are decoded in order on one thread), so a mark
 * taken while an INFO answer is decoded ({@link #info}) counts exactly the commands the server ran
 * before that INFO.
 */
public final class SelfAccounting {

    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();

    /** An INFO answer with the program's own traffic up to the moment the server produced it. */
    public record MarkedInfo(String text, OwnTraffic own) {
    }

    /** The counts now (approximate while answers are arriving on another thread; use {@link #info} for a mark). */
    public OwnTraffic now() {
        return new OwnTraffic(hits.get(), misses.get(), commands.get(), unknown.get(), true);
    }

    /**
     * Sends {@code INFO [section]} and marks the program's own traffic at that point of the
     * server's order. On a connection that does not count, the mark is {@link OwnTraffic#NOT_COUNTED}.
     * On a Cluster, INFO answers for one node: this is the master of slot 0, asked on the very
     * connection its reads go over, and marked with that node's own count.
     */
    public static RedisFuture<MarkedInfo> info(RedisConnections redis, String section) {
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
        if (section != null) {
            args.add(section);
        }
        StatefulRedisConnection<String, String> node = redis.reportingNodeConnection();
        if (node != null) {
            return node.async().dispatch(CommandType.INFO, new MarkingOutput(redis.accounting()), args);
        }
        return redis.async().dispatch(CommandType.INFO, new MarkingOutput(redis.accounting()), args);
    }

    /**
     * {@code INFO [section]} of one Cluster node, marked with this program's own traffic on that
     * node at that point of the node's command order (each node counts its own, see
     * {@link MonitoringClusterClient}); for a standalone server or a Sentinel master, the same as
     * {@link #info(RedisConnections, String)}.
     */
    public static RedisFuture<MarkedInfo> info(RedisConnections redis, String host, int port, String section) {
        StatefulRedisConnection<String, String> node = redis.nodeConnection(host, port);
        if (node == null) {
            return info(redis, section);
        }
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
        if (section != null) {
            args.add(section);
        }
        return node.async().dispatch(CommandType.INFO, new MarkingOutput(redis.nodeAccounting(host, port)), args);
    }

    void add(long hitsDelta, long missesDelta, long commandsDelta) {
        hits.addAndGet(hitsDelta);
        misses.addAndGet(missesDelta);
        commands.addAndGet(commandsDelta);
    }

    void addCommands(long n) {
        commands.addAndGet(n);
    }

    void addUnknown() {
        unknown.incrementAndGet();
    }

    /** Collects an INFO answer; takes the mark when the answer is complete, before the next reply is decoded. */
    private static final class MarkingOutput extends CommandOutput<String, String, MarkedInfo> {
        private final SelfAccounting accounting;
        private String text;

        MarkingOutput(SelfAccounting accounting) {
            super(StringCodec.UTF8, null);
            this.accounting = accounting;
        }

        @Override
        public void set(ByteBuffer bytes) {
            text = bytes == null ? null : decodeString(bytes);
        }

        @Override
        public void complete(int depth) {
            if (depth == 0 && output == null) {
                output = new MarkedInfo(text, accounting == null ? OwnTraffic.NOT_COUNTED : accounting.now());
            }
        }
    }
}
