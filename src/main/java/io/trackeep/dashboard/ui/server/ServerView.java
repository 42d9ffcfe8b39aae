package io.trackeep.dashboard.ui.server;

import io.trackeep.dashboard.monitor.server.ClientOnNode;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.monitor.server.ServerNode;
import io.trackeep.dashboard.monitor.server.SlowLogOnNode;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.SlowLogEntry;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.Columns;
import io.trackeep.dashboard.ui.kit.KeptSelection;
import io.trackeep.dashboard.ui.kit.MarkedRow;
import io.trackeep.dashboard.ui.kit.SelectionAction;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.text.Font;
import javafx.util.StringConverter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Server panel drawn from its {@link ServerViewModel}: one tab each for the slow log, the
 * clients (with "Kill client…"), INFO (section list and fields) and the configuration; on a
 * Sentinel set or a Cluster the Node list in the header, a line saying where the tables come
 * from, and a Node column with all nodes. Binds only; killing and reloading call back.
 */
final class ServerView extends PanelView {

    private static final PseudoClass OWN = PseudoClass.getPseudoClass("own");

    @FXML
    private HBox nodeBox;
    @FXML
    private ComboBox<String> nodeChoice;
    @FXML
    private Label source;
    @FXML
    private Label missing;
    @FXML
    private TabPane tabs;
    @FXML
    private Tab slowLogTab;
    @FXML
    private Tab clientsTab;
    @FXML
    private Tab infoTab;
    @FXML
    private Tab configTab;
    @FXML
    private TextField slowLogFilter;
    @FXML
    private Label slowLogStatus;
    @FXML
    private TableView<SlowLogOnNode> slowLogTable;
    @FXML
    private TextField clientFilter;
    @FXML
    private Label clientsStatus;
    @FXML
    private Button killButton;
    @FXML
    private TableView<ClientOnNode> clientTable;
    @FXML
    private ListView<String> sectionList;
    @FXML
    private TextField infoFilter;
    @FXML
    private Label infoStatus;
    @FXML
    private TableView<InfoField> infoTable;
    @FXML
    private TextField configFilter;
    @FXML
    private Label configStatus;
    @FXML
    private Button reloadConfigButton;
    @FXML
    private TableView<ConfigEntry> configTable;

    private final ServerViewModel vm;
    private boolean choosing; // FX thread: the node list is being set from the view model, not by the admin

    ServerView(ServerViewModel vm, Runnable killSelected, Runnable reloadConfig) {
        this.vm = vm;
        load("server.fxml");
        headerActions(nodeBox);
        Map<Tab, Part> parts = Map.of(slowLogTab, Part.SLOW_LOG, clientsTab, Part.CLIENTS, infoTab, Part.INFO, configTab, Part.CONFIG);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> vm.shownProperty().set(parts.get(tab)));
        vm.shownProperty().set(parts.get(tabs.getSelectionModel().getSelectedItem()));

        nodes();
        slowLog();
        clients(killSelected);
        info();
        config(reloadConfig);
    }

    /** The Node list: "All nodes", then each node as "address · role"; shown only with several nodes. */
    private void nodes() {
        nodeBox.visibleProperty().bind(Bindings.isNotEmpty(vm.nodes()));
        nodeBox.managedProperty().bind(nodeBox.visibleProperty());
        nodeChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String address) {
                if (address == null || ServerViewModel.ALL_NODES.equals(address)) {
                    return ServerViewModel.ALL_NODES;
                }
                return vm.nodes().stream().filter(n -> n.address().equals(address)).findFirst().map(ServerNode::label).orElse(address);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        nodeChoice.setTooltip(new Tooltip("Where the tables are read: one node, or all nodes (clients and slow log merged)"));
        vm.nodes().addListener((ListChangeListener<ServerNode>) c -> showNodes(true));
        vm.selectedNodeProperty().addListener((obs, old, now) -> showNodes(false));
        nodeChoice.valueProperty().addListener((obs, old, now) -> {
            if (!choosing && now != null) {
                vm.selectedNodeProperty().set(ServerViewModel.ALL_NODES.equals(now) ? null : now);
            }
        });
        showNodes(true);
        source.textProperty().bind(vm.sourceProperty());
        source.visibleProperty().bind(Bindings.isNotEmpty(vm.nodes()));
        source.managedProperty().bind(source.visibleProperty());
        missing.textProperty().bind(vm.missingProperty());
        missing.visibleProperty().bind(vm.missingProperty().isNotEmpty());
        missing.managedProperty().bind(missing.visibleProperty());
    }

    /** The list as the view model has it; {@code relabel}: the nodes changed, a role may have too (draw the value again). */
    private void showNodes(boolean relabel) {
        List<String> items = new ArrayList<>();
        items.add(ServerViewModel.ALL_NODES);
        vm.nodes().forEach(n -> items.add(n.address()));
        String chosen = vm.selectedNodeProperty().get() == null ? ServerViewModel.ALL_NODES : vm.selectedNodeProperty().get();
        if (!relabel && chosen.equals(nodeChoice.getValue())) {
            return; // the admin's own choice coming back
        }
        choosing = true;
        try {
            if (!items.equals(nodeChoice.getItems())) {
                nodeChoice.getItems().setAll(items);
            }
            if (relabel) {
                nodeChoice.setValue(null);
            }
            nodeChoice.setValue(chosen);
        } finally {
            choosing = false;
        }
    }

    /** Hidden on a Cluster (database 0 only): its room goes to the Node column at 1024 pixels. */
    private TableColumn<ClientOnNode, Integer> dbColumn() {
        TableColumn<ClientOnNode, Integer> column = Columns.number(Columns.of("DB", (ClientOnNode r) -> r.client().db(), 2.5));
        column.visibleProperty().bind(vm.clusterProperty().not());
        return column;
    }

    /** The Node column: shown when the rows come from every node. */
    private <S> TableColumn<S, String> nodeColumn(Function<S, String> node) {
        TableColumn<S, String> column = Columns.of("Node", node, 12);
        column.setMinWidth(11.5 * Font.getDefault().getSize()); // 127.0.0.1:30004 whole: it says where a kill goes
        column.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> !vm.nodes().isEmpty() && vm.selectedNodeProperty().get() == null, vm.nodes(), vm.selectedNodeProperty()));
        return column;
    }

    private void slowLog() {
        slowLogTable.getColumns().setAll(List.of(
                Columns.of("Time", (SlowLogOnNode r) -> r.entry().startedAt(), Times::dateTime, 11),
                nodeColumn(SlowLogOnNode::node),
                Columns.number(Columns.of("Duration", (SlowLogOnNode r) -> r.entry().duration(), Units::latency, 6)),
                Columns.of("Client", (SlowLogOnNode r) -> client(r.entry()), 14),
                Columns.of("Command", (SlowLogOnNode r) -> String.join(" ", r.entry().command()), 30)));
        slowLogTable.getColumns().get(0).setSortType(TableColumn.SortType.DESCENDING);
        slowLogTable.getSortOrder().add(slowLogTable.getColumns().get(0));
        Columns.fitOrScroll(slowLogTable, TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Columns.show(slowLogTable, vm.slowLog(), Glyph.CHECK);
        KeptSelection.install(slowLogTable, SlowLogOnNode::key);
        slowLogFilter.textProperty().bindBidirectional(vm.slowLog().filterProperty());
        slowLogStatus.textProperty().bind(Columns.status(vm.slowLog(), "entry", "entries"));
        Tooltip.install(slowLogStatus, new Tooltip("Times in " + Times.zoneLabel()));
    }

    private void clients(Runnable killSelected) {
        clientTable.getColumns().setAll(List.of(
                nodeColumn(ClientOnNode::node),
                Columns.number(Columns.of("ID", (ClientOnNode r) -> r.client().id(), 3)),
                Columns.of("Address", (ClientOnNode r) -> r.client().address(), 10),
                Columns.of("Name", this::clientName, 17),
                Columns.number(Columns.of("Age", (ClientOnNode r) -> r.client().ageSeconds(), s -> Units.duration(Duration.ofSeconds(s)), 5)),
                Columns.number(Columns.of("Idle", (ClientOnNode r) -> r.client().idleSeconds(), s -> Units.duration(Duration.ofSeconds(s)), 5)),
                dbColumn(),
                Columns.of("Last command", (ClientOnNode r) -> r.client().lastCommand(), 8),
                Columns.of("Flags", (ClientOnNode r) -> r.client().flags(), 3.5),
                Columns.of("User", (ClientOnNode r) -> r.client().user(), 6)));
        // all nodes on a Sentinel set at 1024 pixels: the columns at their least can be wider than the table
        Columns.fitOrScroll(clientTable, TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Columns.show(clientTable, vm.clients(), Glyph.SERVER);
        clientFilter.textProperty().bindBidirectional(vm.clients().filterProperty());
        clientsStatus.textProperty().bind(Columns.status(vm.clients(), "client", "clients"));

        KeptSelection.install(clientTable, ClientOnNode::key);
        clientTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.selectedClientProperty().set(now));
        MenuItem kill = SelectionAction.menuItem("Kill client…", vm.canKillProperty(), killSelected);
        clientTable.setRowFactory(table -> new MarkedRow<ClientOnNode>(Map.of(OWN, vm::isOwn)).menu(new ContextMenu(kill)));
        vm.ownClientIdsProperty().addListener((obs, old, now) -> clientTable.refresh());
        SelectionAction.button(killButton, Glyph.DELETE, vm.canKillProperty(), vm.killHintProperty(), killSelected);
    }

    private void info() {
        sectionList.setItems(vm.infoSections());
        sectionList.getSelectionModel().select(vm.selectedSectionProperty().get());
        sectionList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.selectedSectionProperty().set(now);
            }
        });
        vm.selectedSectionProperty().addListener((obs, old, now) -> sectionList.getSelectionModel().select(now));
        vm.infoSections().addListener((ListChangeListener<String>) c ->
                sectionList.getSelectionModel().select(vm.selectedSectionProperty().get()));
        infoTable.getColumns().setAll(List.of(
                Columns.of("Section", InfoField::section, 8),
                Columns.of("Field", InfoField::name, 14),
                Columns.of("Value", InfoField::value, 24)));
        infoTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Columns.show(infoTable, vm.info(), Glyph.INFO);
        KeptSelection.install(infoTable, f -> f.section() + "/" + f.name());
        infoFilter.textProperty().bindBidirectional(vm.info().filterProperty());
        infoStatus.textProperty().bind(Columns.status(vm.info(), "field", "fields"));
    }

    private void config(Runnable reloadConfig) {
        configTable.getColumns().setAll(List.of(
                Columns.of("Parameter", ConfigEntry::name, 16),
                Columns.of("Value", ConfigEntry::value, 30)));
        configTable.getSortOrder().add(configTable.getColumns().get(0));
        configTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Columns.show(configTable, vm.config(), Glyph.EDIT);
        KeptSelection.install(configTable, ConfigEntry::name);
        configFilter.textProperty().bindBidirectional(vm.config().filterProperty());
        configStatus.textProperty().bind(Columns.status(vm.config(), "parameter", "parameters"));
        Tooltip.install(configStatus, new Tooltip("Read again every 10 s while this tab is shown; password values are masked"));
        reloadConfigButton.setGraphic(Glyph.REFRESH.view());
        reloadConfigButton.setOnAction(e -> reloadConfig.run());
    }

    private String clientName(ClientOnNode r) {
        ClientConnection c = r.client();
        String name = c.name() == null ? "" : c.name();
        return vm.isOwn(r) ? (name.isEmpty() ? "" : name + " ") + "(this dashboard)" : name;
    }

    private static String client(SlowLogEntry e) {
        String address = e.clientAddress() == null ? "" : e.clientAddress();
        return e.clientName() == null ? address : address + " (" + e.clientName() + ")";
    }

    void select(Part part) {
        switch (part) {
            case SLOW_LOG -> tabs.getSelectionModel().select(slowLogTab);
            case CLIENTS -> tabs.getSelectionModel().select(clientsTab);
            case INFO -> tabs.getSelectionModel().select(infoTab);
            case CONFIG -> tabs.getSelectionModel().select(configTab);
        }
    }
}
