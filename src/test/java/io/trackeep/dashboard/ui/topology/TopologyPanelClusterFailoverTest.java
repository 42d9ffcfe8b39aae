package io.trackeep.dashboard.ui.topology;

import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.testing.LivePanelTestSupport;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Topology panel through two failovers of a Cluster of its own (they leave it in another
 * shape): a replica asked to take over from the panel, then a master killed ({@code kill -9})
 * shown down while the Cluster replaces it, and its replica shown as the master after. Writes
 * {@code target/screenshots/topology-cluster-{after-failover,master-down,master-replaced}.png}.
 */
class TopologyPanelClusterFailoverTest extends LivePanelTestSupport {

    private static final Duration FAILOVER = Duration.ofSeconds(60);

    @Test
    void aReplicaTakesOverWhenAskedAndAKilledMasterIsShownDownThenReplaced(FxRobot robot) {
        try (ClusterTopology cluster = ClusterTopology.start()) {
            openWindow(cluster.settings(), false);
            TopologyViewModel vm = ((TopologyPanel) show(StandardPanels.TOPOLOGY.id())).viewModel();
            waitUntil("six healthy nodes", TopologyPanelTest.SHOWN, () -> callFx(() -> vm.nodes().rows().size() == 6
                    && vm.stateProperty().get() == TopologyViewModel.State.OK));

            NodeRow replica = callFx(() -> vm.nodes().rows().stream().filter(r -> r.role().equals("replica")).findFirst().orElseThrow());
            String master = replica.placement().substring("of ".length());
            @SuppressWarnings("unchecked")
            TableView<NodeRow> table = callFx(() -> (TableView<NodeRow>) window.stage().getScene().lookup("#nodeTable"));
            onFx(() -> table.getSelectionModel().select(replica));
            waitUntil("Fail over… enabled", TopologyPanelTest.SHOWN,
                    () -> callFx(() -> !((Button) window.stage().getScene().lookup("#failover")).isDisabled()));
            robot.clickOn("#failover");
            String verb = "Fail over to " + replica.address();
            waitUntil("the confirmation", TopologyPanelTest.SHOWN, () -> button(robot, verb).isPresent());
            robot.clickOn(button(robot, verb).orElseThrow());
            waitUntil("the replica shown as a master", FAILOVER, () -> callFx(() -> vm.nodes().rows().stream()
                    .anyMatch(r -> r.address().equals(replica.address()) && r.role().equals("master"))));
            waitUntil("the failover listed", FAILOVER, () -> callFx(() -> vm.failovers().rows().stream()
                    .anyMatch(f -> f.from().equals(master) && f.to().equals(replica.address()))));
            screenshot(window.stage().getScene(), "topology-cluster-after-failover");

            RedisServerProcess victim = cluster.currentMasters().stream()
                    .filter(m -> !("127.0.0.1:" + m.port()).equals(replica.address())).findFirst().orElseThrow();
            String victimAddress = "127.0.0.1:" + victim.port();
            victim.kill();
            waitUntil("the killed master shown down", FAILOVER, () -> callFx(() -> vm.nodes().rows().stream()
                    .anyMatch(r -> r.address().equals(victimAddress) && r.state() == TopologyViewModel.State.DOWN)));
            assertThat(callFx(() -> vm.stateProperty().get())).isNotEqualTo(TopologyViewModel.State.OK);
            screenshot(window.stage().getScene(), "topology-cluster-master-down");

            waitUntil("its replica listed as taking over", FAILOVER, () -> callFx(() -> vm.failovers().rows().stream()
                    .anyMatch(f -> f.from().equals(victimAddress))));
            NodeRow down = callFx(() -> vm.nodes().rows().stream().filter(r -> r.address().equals(victimAddress)).findFirst().orElseThrow());
            assertThat(down.keys()).as("no figure for a node that does not answer").isNull();
            screenshot(window.stage().getScene(), "topology-cluster-master-replaced");
        }
    }

    private static Optional<Button> button(FxRobot robot, String text) {
        return callFx(() -> robot.lookup((Node n) -> n instanceof Button b && text.equals(b.getText()) && b.getScene() != null
                && b.getScene().getWindow() != null && b.getScene().getWindow().isShowing()).tryQuery().map(Button.class::cast));
    }
}
