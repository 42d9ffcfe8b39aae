package io.trackeep.dashboard.monitor.server;

import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each Cluster node read on its own: its INFO, its clients with the dashboard's own id there; a node marked down not asked. */
@OnTopology(Topology.CLUSTER)
@ExtendWith(RedisServerExtension.class)
class ServerDetailsProbeOnClusterTest {

    @Test
    void everyNodeOnItsOwnConnection(ClusterTopology cluster, RedisConnections redis) {
        List<ServerNode> nodes = ServerDetailsProbe.nodes(redis);
        assertThat(nodes).extracting(ServerNode::address).containsExactlyInAnyOrderElementsOf(
                cluster.nodes().stream().map(RedisServerProcess::port).map(p -> "127.0.0.1:" + p).toList());
        assertThat(nodes.subList(0, 3)).extracting(ServerNode::role).containsOnly("master");
        assertThat(nodes.subList(3, 6)).extracting(ServerNode::role).containsOnly("replica");

        ServerDetailsProbe probe = new ServerDetailsProbe(() -> EnumSet.of(Part.CLIENTS));
        String replica = nodes.get(4).address();
        ServerDetails d = probe.collect(redis, EnumSet.of(Part.CLIENTS, Part.INFO), replica);
        assertThat(d.info().value().get("Server").get("tcp_port")).isEqualTo(replica.substring(replica.lastIndexOf(':') + 1));
        long own = redis.onNode(replica, "CLIENT ID", r -> r.clientId());
        assertThat(d.ownClientId()).isEqualTo(own);
        assertThat(d.clients().value()).extracting(ClientConnection::id).contains(own);

        List<ServerNode> oneDown = List.of(nodes.get(0), new ServerNode(replica, "replica", List.of("fail")));
        List<NodeDetails> every = probe.collectEvery(redis, EnumSet.of(Part.CLIENTS), oneDown);
        assertThat(every.get(0).details().clients().isOk()).isTrue();
        assertThat(every.get(1).details().clients().message()).isEqualTo(replica + " is marked fail: not asked");
    }
}
