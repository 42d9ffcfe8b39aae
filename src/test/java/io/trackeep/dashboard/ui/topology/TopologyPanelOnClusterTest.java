package io.trackeep.dashboard.ui.topology;

import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.LivePanelTestSupport;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Topology panel on the shared Cluster (3 masters, 3 replicas): each master with its slots,
 * followed by its replica, the keys of each master adding up to what was written, cluster_state
 * and the slots in the summary, and "Fail over…" enabled only with a replica chosen (the failover
 * itself runs on a Cluster of its own in {@code FailoverActionsTest}: it would reshape the shared one).
 */
@OnTopology(Topology.CLUSTER)
class TopologyPanelOnClusterTest extends LivePanelTestSupport {

    @Test
    void everyNodeWithItsRoleSlotsAndFigures(ClusterTopology cluster, RedisConnections redis) {
        for (int i = 0; i < 120; i++) {
            redis.sync().set("topology:" + i, "v");
        }
        openWindow(cluster.settings(), false);
        TopologyViewModel vm = ((TopologyPanel) show(StandardPanels.TOPOLOGY.id())).viewModel();
        waitUntil("six nodes, healthy", TopologyPanelTest.SHOWN, () -> callFx(() -> vm.nodes().rows().size() == 6
                && vm.stateProperty().get() == TopologyViewModel.State.OK));

        List<NodeRow> rows = callFx(() -> List.copyOf(vm.nodes().rows()));
        Set<String> addresses = cluster.nodes().stream().map(RedisServerProcess::port).map(p -> "127.0.0.1:" + p).collect(Collectors.toSet());
        assertThat(rows).extracting(NodeRow::address).containsExactlyInAnyOrderElementsOf(addresses);
        for (int i = 0; i < rows.size(); i += 2) {
            NodeRow master = rows.get(i);
            NodeRow replica = rows.get(i + 1);
            assertThat(master.role()).isEqualTo("master");
            assertThat(master.placement()).as("a master's slots").matches("\\d+-\\d+");
            assertThat(master.link()).isEqualTo("1 replica");
            assertThat(replica.role()).as("each master followed by its replica").isEqualTo("replica");
            assertThat(replica.placement()).isEqualTo("of " + master.address());
            assertThat(replica.link()).isEqualTo("up");
            assertThat(replica.lag()).matches("\\d+ s · .+ behind");
        }
        assertThat(rows).allSatisfy(n -> {
            assertThat(n.stateText()).as(n.address()).isEqualTo("ok");
            assertThat(n.clients()).as(n.address()).isPositive();
            assertThat(n.memory()).as(n.address()).isNotBlank();
        });
        assertThat(rows.stream().filter(n -> n.role().equals("master")).mapToLong(NodeRow::keys).sum())
                .as("the masters' keys add up to what was written").isEqualTo(120);
        assertThat(callFx(() -> vm.titleProperty().get())).isEqualTo("Cluster: 3 masters, 3 replicas");
        assertThat(callFx(() -> vm.summaryProperty().get())).startsWith("cluster_state ok · 16,384 of 16,384 slots served")
                .endsWith("· 6 nodes");
        assertThat(callFx(() -> lookup("#sentinelBox").isVisible())).as("no Sentinels in a Cluster").isFalse();

        Button failover = callFx(() -> (Button) lookup("#failover"));
        assertThat(callFx(failover::isDisabled)).as("no node chosen").isTrue();
        assertThat(callFx(() -> vm.failOverHintProperty().get())).startsWith("Choose a replica");
        @SuppressWarnings("unchecked")
        TableView<NodeRow> table = callFx(() -> (TableView<NodeRow>) lookup("#nodeTable"));
        onFx(() -> table.getSelectionModel().select(0));
        assertThat(callFx(failover::isDisabled)).as("a master chosen").isTrue();
        onFx(() -> table.getSelectionModel().select(1));
        assertThat(callFx(failover::isDisabled)).as("a replica chosen").isFalse();
        assertThat(callFx(() -> vm.failOverHintProperty().get())).isEqualTo("Let replica " + rows.get(1).address()
                + " take over from its master (" + rows.get(0).address() + "); asks first");
        screenshot(window.stage().getScene(), "topology-cluster");
        resize(1024, 640);
        // nine columns at their least are wider than the table here: they keep their widths and the table scrolls sideways
        waitUntil("the nodes' columns whole at 1024x640, the table scrolling sideways to the last", TopologyPanelTest.SHOWN,
                () -> callFx(() -> table.getColumns().stream().allMatch(c -> c.getWidth() >= c.getMinWidth())
                        && (table.getColumns().stream().mapToDouble(c -> c.getWidth()).sum() <= table.getWidth()
                        || table.lookupAll(".scroll-bar").stream().anyMatch(n -> n instanceof javafx.scene.control.ScrollBar b
                        && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible()))));
        assertThat(callFx(() -> table.getColumns().get(0).getWidth())).as("the address whole").isGreaterThanOrEqualTo(callFx(
                () -> table.getColumns().get(0).getMinWidth()));
        screenshot(window.stage().getScene(), "topology-cluster-1024x640");
    }

    private Node lookup(String id) {
        return window.stage().getScene().lookup(id);
    }
}
