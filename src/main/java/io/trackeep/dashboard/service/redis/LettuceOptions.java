package io.trackeep.dashboard.service.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link RedisConnections} tells Lettuce for one {@link RedisSettings}: the URIs of the data
 * nodes and of the Sentinels (TLS, each with its own credentials, the client name) and the client
 * options all its connections share: reconnecting, commands rejected rather than queued while
 * disconnected, the timeouts, the TLS trust; on a Cluster also following the topology.
 */
final class LettuceOptions {

    static final int CLUSTER_REFRESH_SECONDS = 5;

    private LettuceOptions() {
    }

    /** The data URI: standalone, or the template for the master (Sentinel) and every node (Cluster). */
    static RedisURI toRedisUri(RedisSettings s) {
        return nodeUri(s, s.host(), s.port());
    }

    /** The URI of one data node: the settings' database, timeout, TLS and data-node credentials. */
    static RedisURI nodeUri(RedisSettings s, String host, int port) {
        RedisURI.Builder b = RedisURI.builder()
                .withHost(host)
                .withPort(port)
                .withDatabase(s.database())
                .withTimeout(s.commandTimeout());
        return secured(b, s.tls(), s.username(), s.password()).build();
    }

    /** One URI per Sentinel, with the Sentinels' own credentials (not the data nodes'). */
    static List<RedisURI> sentinelUris(RedisSettings s) {
        List<RedisURI> uris = new ArrayList<>();
        for (TopologyUri.Node n : s.nodes()) {
            RedisURI.Builder b = RedisURI.builder().withHost(n.host()).withPort(n.port()).withTimeout(s.commandTimeout());
            uris.add(secured(b, s.tls(), s.sentinelUsername(), s.sentinelPassword()).build());
        }
        return uris;
    }

    /**
     * TLS with full verification when asked for, the credentials (none without a password; the
     * default user without a user name) and the client name: what a data node's URI and a
     * Sentinel's have in common, each with its own credentials.
     */
    private static RedisURI.Builder secured(RedisURI.Builder b, boolean tls, String username, String password) {
        if (tls) {
            b.withSsl(true).withVerifyPeer(SslVerifyMode.FULL);
        }
        if (password != null) {
            if (username != null) {
                b.withAuthentication(username, password.toCharArray());
            } else {
                b.withPassword(password.toCharArray());
            }
        }
        return b.withClientName("trackeep-dashboard");
    }

    static ClientOptions clientOptions(RedisSettings s) {
        ClientOptions.Builder b = ClientOptions.builder();
        common(b, s);
        return b.build();
    }

    /**
     * Cluster options: the common ones, plus following the topology: read again every few seconds
     * and at once on MOVED/ASK, an uncovered slot, an unknown node or a node that keeps refusing
     * to reconnect (a killed master), at most once a second.
     */
    static ClusterClientOptions clusterOptions(RedisSettings s) {
        ClusterClientOptions.Builder b = ClusterClientOptions.builder();
        common(b, s);
        b.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(Duration.ofSeconds(CLUSTER_REFRESH_SECONDS))
                .enableAllAdaptiveRefreshTriggers()
                .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                .refreshTriggersReconnectAttempts(2)
                .closeStaleConnections(true)
                .dynamicRefreshSources(true)
                .build());
        return b.build();
    }

    private static void common(ClientOptions.Builder b, RedisSettings s) {
        b.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(s.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(s.commandTimeout()));
        if (s.tls()) {
            b.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(TlsTrust.of(s)).build());
        }
    }
}
