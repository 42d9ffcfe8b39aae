package io.trackeep.dashboard.service.admin;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.ServerDiagnostics;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Client ids are per node: killing a client of a Cluster node goes to that node, and only there. */
@OnTopology(Topology.CLUSTER)
@ExtendWith(RedisServerExtension.class)
class ClientKillOnClusterNodeTest {

    @Test
    void aKillGoesToTheNodeTheClientIsOn(ClusterTopology cluster, RedisConnections redis) {
        var node = cluster.nodes().get(4); // a replica: the shared connection never sends it commands by itself
        String address = "127.0.0.1:" + node.port();
        RedisURI uri = RedisURI.builder().withHost("127.0.0.1").withPort(node.port())
                .withPassword(cluster.password().toCharArray()).build();
        try (RedisClient client = RedisClient.create(uri); StatefulRedisConnection<String, String> worker = client.connect()) {
            worker.sync().clientSetname("worker-on-replica");
            long id = worker.sync().clientId();
            assertThat(new ServerDiagnostics(redis, address).clients()).extracting(ClientConnection::name).contains("worker-on-replica");

            ActionPlan<Boolean> plan = new ServerActions(redis, address).killClient(id);
            assertThat(plan.question()).startsWith("Kill client " + id + " (").contains(" on node " + address + ", name 'worker-on-replica'");
            assertThat(new AdminActions(redis, new AuditTrail(redis), null, "ann@ws").execute(plan).value()).isTrue();

            assertThat(new ServerDiagnostics(redis, address).clients()).extracting(ClientConnection::name)
                    .doesNotContain("worker-on-replica");
        }
    }
}
