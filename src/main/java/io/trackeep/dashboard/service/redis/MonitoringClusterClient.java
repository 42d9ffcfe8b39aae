package io.trackeep.dashboard.service.redis;

import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.json.JsonParser;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.resource.ClientResources;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Cluster client of a monitoring connection: every connection it opens to a node brackets
 * that node's keyspace reads as {@link BracketedConnection} does on a standalone server, and
 * counts them in the node's own {@link SelfAccounting}. MULTI and INFO cannot go through the
 * Cluster router (INFO is per node, a transaction needs one node), but each read the router sends
 * has one node and one slot, so the bracket goes around it there, on the node's connection; a
 * MOVED answer inside the bracket aborts it (nothing ran) and the router sends the read on to the
 * new owner, where it is bracketed again. A node's INFO read on the same connection
 * ({@link SelfAccounting#info}) is marked with exactly that node's own lookups.
 */
final class MonitoringClusterClient extends RedisClusterClient {

    MonitoringClusterClient(ClientResources resources, Iterable<RedisURI> seeds) {
        super(resources, seeds);
    }

    @Override
    protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter channelWriter,
            PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout, Supplier<JsonParser> parser) {
        return new StatefulRedisConnectionImpl<>(bracketing(channelWriter, pushHandler, codec, timeout, parser),
                pushHandler, codec, timeout, parser);
    }

    @Override
    protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter channelWriter,
            PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout) {
        return newStatefulRedisConnection(channelWriter, pushHandler, codec, timeout, io.lettuce.core.ClientOptions.DEFAULT_JSON_PARSER);
    }

    /**
     * The node's writer behind a bracketing connection. The plain connection made here only turns
     * the bracket's commands into writes; the connection returned to Lettuce (made after it, so it
     * is the one the writer reports to) is the node connection Lettuce manages.
     */
    @SuppressWarnings("unchecked")
    private static <K, V> RedisChannelWriter bracketing(RedisChannelWriter channelWriter, PushHandler pushHandler,
                                                        RedisCodec<K, V> codec, Duration timeout, Supplier<JsonParser> parser) {
        // every connection of this client is <String, String> (RedisConnections' codec, and Lettuce's own for topology reads)
        StatefulRedisConnectionImpl<String, String> plain = new StatefulRedisConnectionImpl<>(channelWriter, pushHandler,
                (RedisCodec<String, String>) codec, timeout, parser);
        return new BracketingWriter(channelWriter, new BracketedConnection(plain, new SelfAccounting()));
    }
}
