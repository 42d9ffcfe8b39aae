package io.trackeep.dashboard.ui.server;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.trackeep.dashboard.local.redis.SentinelTopology;
import io.trackeep.dashboard.monitor.server.ClientOnNode;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.monitor.server.ServerNode;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.LivePanelTestSupport;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Server panel on the shared Sentinel set: the master and its replica to choose from (not the
 * Sentinels), and a client connected to the replica shown there and not on the master.
 */
@OnTopology(Topology.SENTINEL)
class ServerPanelOnSentinelTest extends LivePanelTestSupport {

    private static final Duration SHOWN = Duration.ofSeconds(15);

    @Test
    void theReplicasClientsAreReadOnTheReplica(SentinelTopology sentinel) {
        openWindow(sentinel.settings(), false);
        ServerPanel panel = (ServerPanel) show(StandardPanels.SERVER.id());
        ServerViewModel vm = panel.viewModel();
        onFx(() -> panel.show(Part.CLIENTS));
        waitUntil("master and replica to choose from", SHOWN, () -> callFx(() -> vm.nodes().size() == 2));
        List<ServerNode> nodes = callFx(() -> List.copyOf(vm.nodes()));
        assertThat(nodes).extracting(ServerNode::role).containsExactly("master", "replica");
        String master = nodes.get(0).address();
        String replica = nodes.get(1).address();
        int colon = replica.lastIndexOf(':');
        RedisURI uri = RedisURI.builder().withHost(replica.substring(0, colon)).withPort(Integer.parseInt(replica.substring(colon + 1)))
                .withPassword(sentinel.password().toCharArray()).build();
        try (RedisClient client = RedisClient.create(uri); StatefulRedisConnection<String, String> worker = client.connect()) {
            worker.sync().clientSetname("worker-on-replica");
            onFx(() -> vm.selectedNodeProperty().set(replica));
            waitUntil("the worker on the replica", SHOWN, () -> callFx(() -> vm.clients().rows().stream()
                    .anyMatch(r -> "worker-on-replica".equals(r.client().name()))
                    && vm.clients().rows().stream().allMatch(r -> r.node().equals(replica))));
            onFx(() -> vm.selectedNodeProperty().set(master));
            waitUntil("the master's clients", SHOWN, () -> callFx(() -> !vm.clients().rows().isEmpty()
                    && vm.clients().rows().stream().allMatch(r -> r.node().equals(master))));
            assertThat(callFx(() -> vm.clients().rows().stream().map(ClientOnNode::client).map(c -> c.name()).toList()))
                    .doesNotContain("worker-on-replica");
            assertThat(callFx(() -> vm.sourceProperty().get())).isEqualTo("From " + master + " · master");
        }
    }
}
