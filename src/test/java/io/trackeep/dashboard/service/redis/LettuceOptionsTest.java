package io.trackeep.dashboard.service.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.cluster.ClusterClientOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What Lettuce is told for a profile's settings: URIs with the right credentials, the shared client options. */
class LettuceOptionsTest {

    @Test
    void dataNodesGetTheDataCredentialsAndTheSentinelsTheirOwn() {
        RedisSettings s = RedisSettings.fromUri("redis-sentinel://app:data-pw@10.0.0.1:26379,10.0.0.2:26380/2#trackeep")
                .withSentinelCredentials("watcher", "sentinel-pw");

        RedisURI node = LettuceOptions.nodeUri(s, "10.0.0.9", 6390);
        assertThat(node.getHost()).isEqualTo("10.0.0.9");
        assertThat(node.getPort()).isEqualTo(6390);
        assertThat(node.getDatabase()).isEqualTo(2);
        assertThat(credentials(node).getUsername()).isEqualTo("app");
        assertThat(credentials(node).getPassword()).containsExactly("data-pw".toCharArray());
        assertThat(node.getClientName()).isEqualTo("trackeep-dashboard");
        assertThat(node.isSsl()).isFalse();

        List<RedisURI> sentinels = LettuceOptions.sentinelUris(s);
        assertThat(sentinels).extracting(RedisURI::getPort).containsExactly(26379, 26380);
        for (RedisURI sentinel : sentinels) {
            assertThat(credentials(sentinel).getUsername()).isEqualTo("watcher");
            assertThat(credentials(sentinel).getPassword()).containsExactly("sentinel-pw".toCharArray());
            assertThat(sentinel.getClientName()).isEqualTo("trackeep-dashboard");
        }
    }

    @Test
    void tlsVerifiesTheChainAndTheHostNameAndNoPasswordMeansNoAuthentication() {
        RedisURI uri = LettuceOptions.toRedisUri(RedisSettings.fromUri("rediss://cache.example.org:6380"));
        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getVerifyMode()).isEqualTo(SslVerifyMode.FULL);
        assertThat(credentials(uri).hasPassword()).isFalse();
        assertThat(credentials(uri).hasUsername()).isFalse();
    }

    @Test
    void everyClientRejectsCommandsWhileDisconnectedAndAClusterFollowsItsTopology() {
        RedisSettings s = RedisSettings.fromUri("redis://localhost:6379")
                .withTimeouts(Duration.ofMillis(700), Duration.ofMillis(900));
        ClientOptions plain = LettuceOptions.clientOptions(s);
        ClusterClientOptions cluster = LettuceOptions.clusterOptions(s);
        for (ClientOptions o : List.of(plain, cluster)) {
            assertThat(o.isAutoReconnect()).isTrue();
            assertThat(o.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
            assertThat(o.getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofMillis(700));
            assertThat(o.getTimeoutOptions().isTimeoutCommands()).isTrue();
        }
        assertThat(cluster.getTopologyRefreshOptions().isPeriodicRefreshEnabled()).isTrue();
        assertThat(cluster.getTopologyRefreshOptions().getRefreshPeriod())
                .isEqualTo(Duration.ofSeconds(LettuceOptions.CLUSTER_REFRESH_SECONDS));
    }

    private static RedisCredentials credentials(RedisURI uri) {
        return uri.getCredentialsProvider().resolveCredentials().block();
    }
}
