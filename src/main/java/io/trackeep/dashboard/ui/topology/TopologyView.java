package io.trackeep.dashboard.ui.topology;

import io.trackeep.dashboard.service.redis.Failover;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.kit.Columns;
import io.trackeep.dashboard.ui.kit.KeptSelection;
import io.trackeep.dashboard.ui.kit.MarkedRow;
import io.trackeep.dashboard.ui.kit.SelectionAction;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Topology view drawn from its {@link TopologyViewModel}: the state of the whole in one line,
 * the nodes (each master followed by its replicas; a node that is down or failing in the danger
 * colour, a degraded one in the warning colour), the Sentinels with the quorum, and the failovers
 * seen. Binds only; "Fail over…" calls back.
 */
final class TopologyView extends PanelView {

    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");
    private static final PseudoClass DEGRADED = PseudoClass.getPseudoClass("degraded");
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass REPLICA = PseudoClass.getPseudoClass("replica");

    @FXML
    private Label status;
    @FXML
    private Button failoverButton;
    @FXML
    private HBox summaryBox;
    @FXML
    private Label stateTag;
    @FXML
    private Label title;
    @FXML
    private Label summary;
    @FXML
    private TableView<NodeRow> nodeTable;
    @FXML
    private HBox lower;
    @FXML
    private VBox sentinelBox;
    @FXML
    private Label quorum;
    @FXML
    private TableView<SentinelRow> sentinelTable;
    @FXML
    private VBox failoverBox;
    @FXML
    private TableView<Failover> failoverTable;

    TopologyView(TopologyViewModel vm, Runnable failOver) {
        load("topology.fxml");
        headerActions(status, failoverButton);
        summary(vm);
        nodes(vm, failOver);
        sentinels(vm);
        failovers(vm);
        lower.visibleProperty().bind(vm.topologyProperty().isNotNull().and(vm.topologyProperty().isNotEqualTo(Topology.STANDALONE)));
        lower.managedProperty().bind(lower.visibleProperty());
        lower.visibleProperty().addListener((obs, old, shown) -> VBox.setVgrow(nodeTable, shown ? Priority.NEVER : Priority.ALWAYS));
        VBox.setVgrow(nodeTable, Priority.ALWAYS);
        sentinelBox.visibleProperty().bind(vm.topologyProperty().isEqualTo(Topology.SENTINEL));
        sentinelBox.managedProperty().bind(sentinelBox.visibleProperty());
        status.textProperty().bind(Columns.status(vm.nodes(), "node", "nodes"));
    }

    private void summary(TopologyViewModel vm) {
        title.textProperty().bind(vm.titleProperty());
        summary.textProperty().bind(vm.summaryProperty());
        stateTag.textProperty().bind(Bindings.createStringBinding(() -> vm.stateProperty().get() == null ? "…"
                : switch (vm.stateProperty().get()) {
                    case OK -> "Healthy";
                    case DEGRADED -> "Degraded";
                    case DOWN -> "Failing";
                }, vm.stateProperty()));
        vm.stateProperty().addListener((obs, old, now) -> mark(stateTag, now));
        summaryBox.visibleProperty().bind(vm.topologyProperty().isNotNull());
        summaryBox.managedProperty().bind(summaryBox.visibleProperty());
    }

    private static void mark(Node node, TopologyViewModel.State state) {
        node.pseudoClassStateChanged(OK, state == TopologyViewModel.State.OK);
        node.pseudoClassStateChanged(DEGRADED, state == TopologyViewModel.State.DEGRADED);
        node.pseudoClassStateChanged(DOWN, state == TopologyViewModel.State.DOWN);
    }

    private void nodes(TopologyViewModel vm, Runnable failOver) {
        TableColumn<NodeRow, String> address = Columns.of("Node", NodeRow::address).width(10).build();
        TableColumn<NodeRow, String> role = Columns.of("Role", NodeRow::role).width(5).build();
        // On a narrow window the longer texts give way (whole in their tooltips), never which node and role a row is.
        double em = Font.getDefault().getSize();
        TableColumn<NodeRow, String> slots = Columns.of("Slots", NodeRow::placement).width(11.5)
                .headerTip("A Cluster master's hash slots; for a replica, the master whose data it copies; "
                        + "with Sentinels, the name they know the master by").build();
        address.setMinWidth(10.5 * em);
        role.setMinWidth(5 * em);
        slots.setMinWidth(11.5 * em); // a replica's master: which node it copies is no less its identity
        TableColumn<NodeRow, String> replication = Columns.of("Replication", NodeRow::replication).width(13)
                .headerTip("A master's replicas; a replica's link to its master and its lag as the master reports it: "
                        + "seconds since its last acknowledgement, and bytes behind")
                .build();
        nodeTable.getColumns().setAll(List.of(
                address,
                role,
                slots,
                // what is wrong with a node is the reason to open this panel: room for "down: unreachable (the Cluster agrees)"
                Columns.of("State", NodeRow::stateText).width(13).tooltip(text -> text).build(),
                Columns.of("Memory", NodeRow::memory).width(4.5).build(),
                Columns.number(Columns.of("Ops/s", NodeRow::opsPerSec, n -> String.format(Locale.getDefault(), "%,d", n), 3)),
                Columns.number(Columns.of("Keys", NodeRow::keys, n -> String.format(Locale.getDefault(), "%,d", n), 3)),
                Columns.number(Columns.of("Clients", NodeRow::clients, n -> String.format(Locale.getDefault(), "%,d", n), 3)),
                replication));
        Columns.fitOrScroll(nodeTable, TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Columns.show(nodeTable, vm.nodes(), Glyph.TOPOLOGY);
        // As tall as its nodes (the header counts as a row; with room for a sideways scroll bar on a narrow window), the
        // Sentinels and failovers below get the rest; on one server, where nothing is below, it fills the panel.
        nodeTable.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> nodeTable.getFixedCellSize() * (Math.max(3, vm.nodes().filtered().size()) + 1.7),
                nodeTable.fixedCellSizeProperty(), vm.nodes().filtered()));
        KeptSelection.install(nodeTable, NodeRow::address);
        nodeTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.selectedProperty().set(now));
        MenuItem takeOver = SelectionAction.menuItem("Fail over to this replica…", vm.canFailOverProperty(), failOver);
        Map<PseudoClass, Predicate<NodeRow>> marks = Map.of(
                DOWN, r -> r.state() == TopologyViewModel.State.DOWN,
                DEGRADED, r -> r.state() == TopologyViewModel.State.DEGRADED,
                REPLICA, NodeRow::replica);
        var onCluster = vm.topologyProperty().isEqualTo(Topology.CLUSTER);
        nodeTable.setRowFactory(table -> new MarkedRow<>(marks).menu(new ContextMenu(takeOver), onCluster));
        SelectionAction.button(failoverButton, Glyph.FAILOVER, vm.canFailOverProperty(), vm.failOverHintProperty(), failOver);
    }

    private void sentinels(TopologyViewModel vm) {
        quorum.textProperty().bind(vm.quorumProperty());
        Tooltip quorumTip = new Tooltip();
        quorumTip.textProperty().bind(vm.quorumCheckProperty());
        quorum.setTooltip(quorumTip);
        sentinelTable.getColumns().setAll(List.of(
                Columns.of("Sentinel", SentinelRow::address).width(9).build(),
                Columns.of("From here", SentinelRow::fromHere).width(5).build(),
                Columns.of("State", (SentinelRow s) -> s.stateText() + (s.answered() ? " · answered" : "")).width(8)
                        .headerTip("How the Sentinel that answered sees the others").build()));
        sentinelTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Columns.show(sentinelTable, vm.sentinels(), Glyph.TOPOLOGY);
        sentinelTable.setRowFactory(table -> new MarkedRow<>(Map.of(DOWN, SentinelRow::down)));
    }

    private void failovers(TopologyViewModel vm) {
        failoverTable.getColumns().setAll(List.of(
                Columns.of("Time", Failover::at, Times::time, 6.5),
                Columns.of("From", Failover::from, 9.5),
                Columns.of("To", Failover::to, 9.5),
                Columns.of("How", Failover::how, 12)));
        failoverTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Columns.show(failoverTable, vm.failovers(), Glyph.FAILOVER);
        Tooltip.install(failoverTable, new Tooltip("Times in " + Times.zoneLabel()));
    }
}
