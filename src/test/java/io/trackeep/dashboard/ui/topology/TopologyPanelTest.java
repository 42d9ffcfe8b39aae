package io.trackeep.dashboard.ui.topology;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.redis.SentinelTopology;
import io.trackeep.dashboard.service.admin.FailoverActions;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.LivePanelTestSupport;
import io.trackeep.dashboard.testing.WaitFor;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Topology panel in the real window: on one server, the one node with its figures and no
 * failover; on a Sentinel set of its own (a failover leaves a set in another shape), the master,
 * its replica with the link and lag, the three Sentinels and the quorum, "Fail over…" clicked end
 * to end (confirmation naming the master, the Sentinels' new master, audit, the failover listed),
 * then a stopped data node shown down. Writes {@code target/screenshots/topology-*.png}.
 */
class TopologyPanelTest extends LivePanelTestSupport {

    static final Duration SHOWN = Duration.ofSeconds(20);
    private static final Duration FAILOVER = Duration.ofSeconds(40);
    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");

    @Test
    void oneServerIsOneNodeWithItsFiguresAndNoFailover(RedisServerProcess server, RedisConnections redis) {
        for (int i = 0; i < 25; i++) {
            redis.sync().set("topology:" + i, "v");
        }
        openWindow(server, false);
        TopologyViewModel vm = showTopology();
        waitUntil("the one node", SHOWN, () -> callFx(() -> vm.nodes().rows().size() == 1 && vm.stateProperty().get() != null));

        NodeRow node = callFx(() -> vm.nodes().rows().get(0));
        assertThat(node.address()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(node.role()).isEqualTo("master");
        assertThat(node.keys()).isEqualTo(25);
        assertThat(node.clients()).isPositive();
        assertThat(node.memory()).isNotBlank();
        assertThat(node.stateText()).isEqualTo("ok");
        assertThat(callFx(() -> vm.topologyProperty().get())).isEqualTo(Topology.STANDALONE);
        assertThat(callFx(() -> vm.titleProperty().get())).isEqualTo("Standalone: one node");
        assertThat(callFx(() -> vm.stateProperty().get())).isEqualTo(TopologyViewModel.State.OK);
        assertThat(callFx(() -> vm.canFailOverProperty().get())).isFalse();
        assertThat(callFx(() -> vm.failOverHintProperty().get())).contains("this is one server");
        assertThat(callFx(() -> lookup("#failover", Button.class).isDisabled())).isTrue();
        assertThat(callFx(() -> lookup("#sentinelBox", Node.class).isVisible())).as("no Sentinels on one server").isFalse();
        assertThat(callFx(() -> lookup("#nodeTable", TableView.class).getItems().size())).isEqualTo(1);
        screenshot(window.stage().getScene(), "topology-standalone");
    }

    @Test
    void aSentinelSetShowsItsSentinelsFailsOverWhenAskedAndShowsADownNode(FxRobot robot) {
        try (SentinelTopology set = SentinelTopology.start();
             RedisConnections redis = RedisConnections.open(set.settings())) {
            RedisServerProcess master = set.currentMaster().orElseThrow();
            RedisServerProcess replica = set.dataNodes().stream().filter(n -> n != master).findFirst().orElseThrow();
            String masterAddress = "127.0.0.1:" + master.port();
            String replicaAddress = "127.0.0.1:" + replica.port();
            openWindow(set.settings(), false);
            TopologyViewModel vm = showTopology();
            waitUntil("master, replica and three Sentinels", SHOWN, () -> callFx(() -> vm.nodes().rows().size() == 2
                    && vm.sentinels().rows().size() == 3 && vm.stateProperty().get() == TopologyViewModel.State.OK));

            assertThat(callFx(() -> vm.titleProperty().get())).isEqualTo("Sentinel set '" + set.masterName() + "': master "
                    + masterAddress + ", 1 replica");
            assertThat(callFx(() -> vm.quorumProperty().get())).isEqualTo("Quorum 2 · 3 of 3 usable · failover possible");
            List<NodeRow> rows = callFx(() -> List.copyOf(vm.nodes().rows()));
            assertThat(rows.get(0)).satisfies(m -> {
                assertThat(m.address()).isEqualTo(masterAddress);
                assertThat(m.role()).isEqualTo("master");
                assertThat(m.placement()).isEqualTo("master '" + set.masterName() + "'");
                assertThat(m.link()).isEqualTo("1 replica");
                assertThat(m.lag()).isNull();
            });
            assertThat(rows.get(1)).satisfies(r -> {
                assertThat(r.address()).isEqualTo(replicaAddress);
                assertThat(r.role()).isEqualTo("replica");
                assertThat(r.placement()).isEqualTo("of " + masterAddress);
                assertThat(r.link()).isEqualTo("up");
                assertThat(r.lag()).matches("\\d+ s · .+ behind");
                assertThat(r.stateText()).isEqualTo("ok");
            });
            assertThat(callFx(() -> vm.sentinels().rows().stream().map(SentinelRow::fromHere).toList()))
                    .containsOnly("reachable");
            assertThat(callFx(() -> vm.sentinels().rows().stream().filter(SentinelRow::answered).count())).isEqualTo(1);
            assertThat(callFx(() -> lookup("#sentinelBox", Node.class).isVisible())).isTrue();
            screenshot(window.stage().getScene(), "topology-sentinel");

            waitUntil("Fail over… enabled", SHOWN, () -> callFx(() -> !lookup("#failover", Button.class).isDisabled()));
            robot.clickOn("#failover");
            confirm(robot, "Fail over master '" + set.masterName() + "' (" + masterAddress + ")?", "Fail over '" + set.masterName() + "'");
            assertThat(awaitNotice("Fail over").text()).contains("started the failover of '" + set.masterName() + "'");
            WaitFor.condition(FAILOVER, "the Sentinels to name the replica", () -> set.currentMaster().filter(m -> m == replica).isPresent());
            waitUntil("the failover listed", FAILOVER, () -> callFx(() -> vm.failovers().rows().stream()
                    .anyMatch(f -> f.from().equals(masterAddress) && f.to().equals(replicaAddress))));
            waitUntil("the replica shown as master", FAILOVER, () -> callFx(() -> !vm.nodes().rows().isEmpty()
                    && vm.nodes().rows().get(0).address().equals(replicaAddress)));
            AuditEntry entry = awaitAudit(redis, FailoverActions.SENTINEL_FAILOVER);
            assertThat(entry.target()).isEqualTo("master '" + set.masterName() + "' (" + masterAddress + ")");

            master.stop(); // now the replica: a data node down
            waitUntil("the stopped node shown down", FAILOVER, () -> callFx(() -> vm.nodes().rows().stream()
                    .anyMatch(n -> n.address().equals(masterAddress) && n.state() == TopologyViewModel.State.DOWN)));
            NodeRow down = callFx(() -> vm.nodes().rows().stream().filter(n -> n.address().equals(masterAddress)).findFirst().orElseThrow());
            assertThat(down.stateText()).startsWith("down");
            assertThat(down.keys()).as("no figure for a node that does not answer").isNull();
            assertThat(callFx(() -> vm.stateProperty().get())).isNotEqualTo(TopologyViewModel.State.OK);
            waitUntil("its row marked :down", SHOWN, () -> callFx(() -> robot.lookup(".node-table .table-row-cell").queryAll().stream()
                    .anyMatch(n -> n instanceof TableRow<?> row && row.getItem() instanceof NodeRow r && r.address().equals(masterAddress)
                            && row.getPseudoClassStates().contains(DOWN))));
            screenshot(window.stage().getScene(), "topology-sentinel-down");
        }
    }

    TopologyViewModel showTopology() {
        TopologyPanel panel = (TopologyPanel) show(StandardPanels.TOPOLOGY.id());
        return panel.viewModel();
    }

    <T extends Node> T lookup(String id, Class<T> type) {
        return type.cast(window.stage().getScene().lookup(id));
    }
}
