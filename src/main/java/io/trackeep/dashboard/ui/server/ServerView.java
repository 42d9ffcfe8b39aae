package io.trackeep.dashboard.ui.server;

import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.SlowLogEntry;
import io.trackeep.dashboard.ui.Fxml;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.Columns;
import io.trackeep.dashboard.ui.kit.KeptSelection;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Server panel drawn from its {@link ServerViewModel}: one tab each for the slow log, the
 * clients (with "Kill client…"), INFO (section list and fields) and the configuration. Binds only;
 * killing and reloading call back.
 */
final class ServerView implements PanelView {

    private static final PseudoClass OWN = PseudoClass.getPseudoClass("own");

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
    private TableView<SlowLogEntry> slowLogTable;
    @FXML
    private TextField clientFilter;
    @FXML
    private Label clientsStatus;
    @FXML
    private Button killButton;
    @FXML
    private TableView<ClientConnection> clientTable;
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

    ServerView(ServerViewModel vm, Runnable killSelected, Runnable reloadConfig) {
        this.vm = vm;
        Fxml.load(this, "server.fxml");
        Map<Tab, Part> parts = Map.of(slowLogTab, Part.SLOW_LOG, clientsTab, Part.CLIENTS, infoTab, Part.INFO, configTab, Part.CONFIG);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> vm.shownProperty().set(parts.get(tab)));
        vm.shownProperty().set(parts.get(tabs.getSelectionModel().getSelectedItem()));

        slowLog();
        clients(killSelected);
        info();
        config(reloadConfig);
    }

    @Override
    public TabPane root() {
        return tabs;
    }

    private void slowLog() {
        slowLogTable.getColumns().setAll(List.of(
                Columns.of("Time", SlowLogEntry::startedAt, Times::dateTime, 11),
                Columns.number(Columns.of("Duration", SlowLogEntry::duration, Units::latency, 6)),
                Columns.of("Client", ServerView::client, 14),
                Columns.of("Command", e -> String.join(" ", e.command()), 30)));
        slowLogTable.getColumns().get(0).setSortType(TableColumn.SortType.DESCENDING);
        slowLogTable.getSortOrder().add(slowLogTable.getColumns().get(0));
        slowLogTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Columns.show(slowLogTable, vm.slowLog(), Glyph.CHECK);
        KeptSelection.install(slowLogTable, SlowLogEntry::id);
        slowLogFilter.textProperty().bindBidirectional(vm.slowLog().filterProperty());
        slowLogStatus.textProperty().bind(Columns.status(vm.slowLog(), "entry", "entries"));
        Tooltip.install(slowLogStatus, new Tooltip("Times in " + Times.zoneLabel()));
    }

    private void clients(Runnable killSelected) {
        clientTable.getColumns().setAll(List.of(
                Columns.number(Columns.of("ID", ClientConnection::id, 3)),
                Columns.of("Address", ClientConnection::address, 8.5),
                Columns.of("Name", this::clientName, 17),
                Columns.number(Columns.of("Age", ClientConnection::ageSeconds, s -> Units.duration(Duration.ofSeconds(s)), 5)),
                Columns.number(Columns.of("Idle", ClientConnection::idleSeconds, s -> Units.duration(Duration.ofSeconds(s)), 5)),
                Columns.number(Columns.of("DB", ClientConnection::db, 2.5)),
                Columns.of("Last command", ClientConnection::lastCommand, 8),
                Columns.of("Flags", ClientConnection::flags, 3.5),
                Columns.of("User", ClientConnection::user, 6)));
        clientTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Columns.show(clientTable, vm.clients(), Glyph.SERVER);
        clientFilter.textProperty().bindBidirectional(vm.clients().filterProperty());
        clientsStatus.textProperty().bind(Columns.status(vm.clients(), "client", "clients"));

        KeptSelection.install(clientTable, ClientConnection::id);
        clientTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.selectedClientProperty().set(now));
        MenuItem kill = new MenuItem("Kill client…");
        kill.setOnAction(e -> killSelected.run());
        kill.disableProperty().bind(vm.canKillProperty().not());
        clientTable.setRowFactory(table -> {
            TableRow<ClientConnection> row = new TableRow<>() {
                @Override
                protected void updateItem(ClientConnection item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(OWN, !empty && item != null && isOwn(item));
                }
            };
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(new ContextMenu(kill)));
            return row;
        });
        vm.ownClientIdProperty().addListener((obs, old, now) -> clientTable.refresh());

        killButton.setGraphic(Glyph.DELETE.view());
        killButton.disableProperty().bind(vm.canKillProperty().not());
        Tooltip killTip = new Tooltip();
        killTip.textProperty().bind(vm.killHintProperty());
        killButton.setTooltip(killTip);
        killButton.setOnAction(e -> killSelected.run());
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

    private String clientName(ClientConnection c) {
        String name = c.name() == null ? "" : c.name();
        return isOwn(c) ? (name.isEmpty() ? "" : name + " ") + "(this dashboard)" : name;
    }

    private boolean isOwn(ClientConnection c) {
        Long own = vm.ownClientIdProperty().get();
        return own != null && own == c.id();
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
