package io.trackeep.dashboard.ui.server;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.monitor.server.ClientOnNode;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.monitor.server.ServerNode;
import io.trackeep.dashboard.service.admin.ServerActions;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.ServerDiagnostics;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.LivePanelTestSupport;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Server panel on the shared Cluster (3 masters, 3 replicas): the Node list with every node
 * and "All nodes"; a client connected to one node (named with CLIENT SETNAME) shows on that node
 * and not on another; all nodes merged with a Node column; INFO read from the chosen node; and a
 * client on a replica killed there, the confirmation naming the profile and the node.
 */
@OnTopology(Topology.CLUSTER)
class ServerPanelOnClusterTest extends LivePanelTestSupport {

    private static final Duration SHOWN = Duration.ofSeconds(15);

    @Test
    void eachNodesClientsAllNodesWithTheirNodeAndAKillOnTheReplicaItIsOn(ClusterTopology cluster, RedisConnections redis,
                                                                           FxRobot robot) {
        openWindow(cluster.settings(), false);
        ServerPanel panel = (ServerPanel) show(StandardPanels.SERVER.id());
        ServerViewModel vm = panel.viewModel();
        onFx(() -> panel.show(Part.CLIENTS));
        waitUntil("six nodes to choose from", SHOWN, () -> callFx(() -> vm.nodes().size() == 6));
        List<ServerNode> nodes = callFx(() -> List.copyOf(vm.nodes()));
        String replica = nodes.stream().filter(n -> n.role().equals("replica")).findFirst().orElseThrow().address();
        String master = nodes.get(0).address();
        assertThat(nodes.get(0).role()).as("masters first").isEqualTo("master");

        try (RedisClient client = RedisClient.create(uri(cluster, replica));
             StatefulRedisConnection<String, String> worker = client.connect()) {
            worker.sync().clientSetname("worker-on-replica");
            long id = worker.sync().clientId();

            // all nodes (the default): every node's clients, each row with its node, the Node column shown
            @SuppressWarnings("unchecked")
            ComboBox<String> choice = callFx(() -> (ComboBox<String>) lookup("#server-node"));
            assertThat(callFx(() -> choice.isVisible() && choice.getValue().equals(ServerViewModel.ALL_NODES))).isTrue();
            assertThat(callFx(() -> choice.getItems())).hasSize(7);
            waitUntil("the worker among all nodes' clients", SHOWN, () -> callFx(() -> find(vm, id, replica).isPresent()));
            assertThat(callFx(() -> vm.clients().rows().stream().map(ClientOnNode::node).distinct().count()))
                    .as("clients of every node").isEqualTo(6);
            @SuppressWarnings("unchecked")
            TableView<ClientOnNode> table = callFx(() -> (TableView<ClientOnNode>) lookup("#clientTable"));
            TableColumn<ClientOnNode, ?> nodeColumn = callFx(() -> table.getColumns().get(0));
            assertThat(callFx(nodeColumn::getText)).isEqualTo("Node");
            assertThat(callFx(nodeColumn::isVisible)).isTrue();
            assertThat(callFx(() -> table.getColumns().stream().filter(c -> c.getText().equals("DB")).findFirst().orElseThrow().isVisible()))
                    .as("a Cluster has database 0 only").isFalse();
            assertThat(callFx(() -> vm.sourceProperty().get())).startsWith("All 6 nodes: ");
            screenshot(window.stage().getScene(), "server-cluster-all-nodes");
            resize(1024, 640);
            // the columns at their least are a little wider than the table there: it scrolls sideways (Columns.fitOrScroll)
            waitUntil("the table at 1024x640 with the Node column at its least", SHOWN, () -> callFx(() -> table.getWidth() < 1000
                    && nodeColumn.getWidth() >= nodeColumn.getMinWidth()));
            assertThat(callFx(() -> table.lookupAll(".table-cell").stream()
                    .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() == nodeColumn
                            && c.getText() != null && !c.getText().isEmpty())
                    .map(n -> ((javafx.scene.control.Labeled) n).getChildrenUnmodifiable().stream()
                            .filter(t -> t instanceof javafx.scene.text.Text).map(t -> ((javafx.scene.text.Text) t).getText())
                            .findFirst().orElse(""))
                    .toList())).as("each node's address drawn whole").isNotEmpty().noneMatch(t -> t.endsWith("…") || t.endsWith("..."));
            screenshot(window.stage().getScene(), "server-cluster-all-nodes-1024x640");

            // another node: its own clients only, not the worker
            onFx(() -> choice.setValue(master));
            waitUntil("the master's clients", SHOWN, () -> callFx(() -> !vm.clients().rows().isEmpty()
                    && vm.clients().rows().stream().allMatch(r -> r.node().equals(master))));
            assertThat(callFx(() -> vm.clients().rows().stream().map(r -> r.client().name())))
                    .doesNotContain("worker-on-replica");
            assertThat(callFx(nodeColumn::isVisible)).as("one node: no Node column").isFalse();
            assertThat(callFx(() -> ((Label) lookup("#server-source")).getText())).isEqualTo("From " + master + " · master");

            // the replica the worker is on
            onFx(() -> choice.setValue(replica));
            waitUntil("the worker on its replica", SHOWN, () -> callFx(() -> find(vm, id, replica).isPresent()
                    && vm.clients().rows().stream().allMatch(r -> r.node().equals(replica))));
            long applied = callFx(panel::appliedCount);
            waitUntil("two more refreshes", SHOWN, () -> callFx(panel::appliedCount) > applied + 1);
            assertThat(callFx(() -> vm.selectedNodeProperty().get())).as("the choice survives refreshes").isEqualTo(replica);
            assertThat(callFx(choice::getValue)).isEqualTo(replica);

            // INFO: each node's own; asked for with all nodes
            onFx(() -> panel.show(Part.INFO));
            waitUntil("the replica's INFO", SHOWN, () -> callFx(() -> vm.info().rows().stream()
                    .anyMatch(f -> f.name().equals("tcp_port") && replica.endsWith(":" + f.value()))));
            assertThat(callFx(() -> vm.info().rows().stream().filter(f -> f.name().equals("role")).map(f -> f.value()).toList()))
                    .containsExactly("slave");
            onFx(() -> choice.setValue(ServerViewModel.ALL_NODES));
            waitUntil("INFO asks for a node", SHOWN, () -> callFx(() -> vm.info().placeholderProperty().get().title())
                    .equals("Choose a node to see its INFO"));
            assertThat(callFx(() -> vm.info().rows())).isEmpty();

            // kill from all nodes: the plan, the confirmation and the kill go to the replica
            onFx(() -> panel.show(Part.CLIENTS));
            waitUntil("the worker among all nodes' clients again", SHOWN, () -> callFx(() -> find(vm, id, replica).isPresent()));
            onFx(() -> vm.selectedClientProperty().set(find(vm, id, replica).orElseThrow()));
            assertThat(callFx(() -> vm.killHintProperty().get())).isEqualTo("Close the connection of client " + id + " on " + replica
                    + " (asks first)");
            robot.clickOn("#killButton");
            waitUntil("confirmation", SHOWN, () -> robot.lookup("#confirm-button").tryQuery().isPresent());
            assertThat(callFx(() -> robot.lookup(".confirm-title").queryAs(Label.class).getText()))
                    .startsWith("Kill client " + id + " (").contains(" on node " + replica + ", name 'worker-on-replica'");
            assertThat(callFx(() -> robot.lookup("#confirm-server").queryAs(Label.class).getText()))
                    .isEqualTo("On Test · node " + replica + " of the Cluster");
            Button confirm = robot.lookup("#confirm-button").queryButton();
            screenshot(confirm.getScene(), "server-cluster-kill-confirm");
            robot.clickOn(confirm);

            AuditEntry audit = awaitAudit(redis, ServerActions.KILL_CLIENT);
            assertThat(audit.target()).contains(" on node " + replica);
            assertThat(new ServerDiagnostics(redis, replica).clients()).extracting(ClientConnection::name)
                    .doesNotContain("worker-on-replica");
            waitUntil("the worker gone from the table", SHOWN, () -> callFx(() -> find(vm, id, replica).isEmpty()));
        }
    }

    private static Optional<ClientOnNode> find(ServerViewModel vm, long id, String node) {
        return vm.clients().rows().stream().filter(r -> r.client().id() == id && r.node().equals(node)
                && "worker-on-replica".equals(r.client().name())).findFirst();
    }

    private static RedisURI uri(ClusterTopology cluster, String address) {
        int colon = address.lastIndexOf(':');
        return RedisURI.builder().withHost(address.substring(0, colon)).withPort(Integer.parseInt(address.substring(colon + 1)))
                .withPassword(cluster.password().toCharArray()).build();
    }

    private Node lookup(String id) {
        return window.stage().getScene().lookup(id);
    }
}
