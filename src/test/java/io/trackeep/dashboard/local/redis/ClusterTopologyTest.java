package io.trackeep.dashboard.local.redis;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The suite's shared Cluster (every node stopping with the topology is checked by
 * LocalTopologyCommandTest, which starts and stops one of its own).
 */
@OnTopology(Topology.CLUSTER)
@ExtendWith(RedisServerExtension.class)
class ClusterTopologyTest {

    @Test
    void threeMastersWithAReplicaEachServeEverySlotOnLoopbackWithPasswords(ClusterTopology cluster) {
        System.out.println("Cluster of the test run ready in " + cluster.startupTime().toMillis() + " ms");
        assertThat(cluster.nodes()).hasSize(6);
        assertThat(cluster.currentMasters()).hasSize(3);
        for (RedisServerProcess node : cluster.nodes()) {
            try (RespConnection c = RespConnection.open(node.port(), cluster.password())) {
                assertThat(RespConnection.field(c.call("CLUSTER", "INFO"), "cluster_state")).isEqualTo("ok");
                assertThat(RespConnection.field(c.call("CLUSTER", "INFO"), "cluster_slots_assigned")).isEqualTo("16384");
                assertThat(c.call("CONFIG", "GET", "bind")).isEqualTo(List.of("bind", "127.0.0.1"));
            }
            try (RespConnection c = RespConnection.open(node.port(), null)) {
                assertThatThrownBy(() -> c.call("PING")).hasMessageStartingWith("NOAUTH");
            }
        }
    }

    @Test
    void aPortIsOnlyChosenWhenItsClusterBusPortIsFreeToo() throws Exception {
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int p = ClusterTopology.freeClusterPort(taken);
            assertThat(p).isBetween(20_000, 55_534);
            assertThat(ClusterTopology.isFree(p)).isTrue();
            assertThat(ClusterTopology.isFree(p + 10_000)).isTrue();
        }
        assertThat(taken).hasSize(20);
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(ClusterTopology.isFree(busy.getLocalPort())).isFalse();
        }
    }
}
