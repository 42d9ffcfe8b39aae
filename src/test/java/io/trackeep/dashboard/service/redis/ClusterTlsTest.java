package io.trackeep.dashboard.service.redis;

import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code rediss-cluster://} on a Cluster whose nodes speak TLS to clients and to each other: the
 * seed and every node the client finds are verified against the CA file; without it, the
 * connection is refused plainly.
 */
class ClusterTlsTest {

    @Test
    void everyNodeIsReachedOverTlsAndVerified() throws Exception {
        TestCertificates certificates = TestCertificates.shared();
        try (ClusterTopology cluster = ClusterTopology.start(ClusterTopology.Options.defaults().withShape(3, 0)
                .withTls(new ClusterTopology.Tls(certificates.serverCertificate(), certificates.serverKey(), certificates.caFile())))) {
            RedisSettings settings = cluster.settings().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
            assertThat(settings.uri()).startsWith("rediss-cluster://");
            try (RedisConnections redis = RedisConnections.open(settings.withCaFile(certificates.caFile()))) {
                for (int i = 0; i < 30; i++) {
                    assertThat(redis.sync().set("tls:" + i, "1")).isEqualTo("OK"); // every master, each over TLS
                }
                assertThat(redis.masters()).hasSize(3);
                assertThat(redis.onEveryNode("Counting keys", r -> r.dbsize()).values().stream().mapToLong(Long::longValue).sum())
                        .isEqualTo(30);
            }
            assertThatThrownBy(() -> RedisConnections.open(settings))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.getMessage()).contains("is not signed by").contains("CA"));
        }
    }
}
