package io.trackeep.dashboard.ui.shell;

import atlantafx.base.theme.Styles;
import io.trackeep.dashboard.Version;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.ui.Fxml;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LiveConnection;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.Panel;
import io.trackeep.dashboard.ui.panel.PanelRegistry;
import io.trackeep.dashboard.ui.panel.PanelSpec;
import io.trackeep.dashboard.ui.panel.ShellState;
import io.trackeep.dashboard.ui.task.RefreshLoop;
import io.trackeep.dashboard.ui.theme.Glyph;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The main window's frame (FXML {@code shell.fxml}, controller-first): top bar, banners,
 * navigation, the visible panel and the status line, bound to a {@link ShellViewModel}. Owns
 * nothing but the bindings and the switching of panels.
 */
public final class ShellView {

    /** Refresh now. */
    public static final KeyCombination REFRESH_KEY = new KeyCodeCombination(KeyCode.F5);
    /** Pause or resume refreshing. */
    public static final KeyCombination PAUSE_KEY = KeyCombination.keyCombination("Shortcut+Shift+P");

    private static final PseudoClass ALERTING = PseudoClass.getPseudoClass("alerting");
    private static final PseudoClass STALE = LivePanel.STALE;

    @FXML
    private HBox topBar;
    @FXML
    private Label brand;
    @FXML
    private ComboBox<ConnectionProfile> profileBox;
    @FXML
    private Button editProfilesButton;
    @FXML
    private Button connectButton;
    @FXML
    private HBox stateIndicator;
    @FXML
    private Region stateDot;
    @FXML
    private Label stateLabel;
    @FXML
    private Label readOnlyTag;
    @FXML
    private ToggleButton pauseButton;
    @FXML
    private Button refreshButton;
    @FXML
    private ComboBox<Duration> intervalBox;
    @FXML
    private Button themeButton;
    @FXML
    private Button alertButton;
    @FXML
    private VBox bannerArea;
    @FXML
    private ListView<Panel> navList;
    @FXML
    private Label versionLabel;
    @FXML
    private StackPane contentArea;
    @FXML
    private Label statusTarget;
    @FXML
    private Label statusContact;
    @FXML
    private Label statusZone;

    private final ShellViewModel vm;
    private final PanelRegistry registry;
    private final RefreshLoop refresh;
    private final BorderPane root;
    private Panel visible;

    public ShellView(ShellViewModel vm, PanelRegistry registry, ThemeManager theme, RefreshLoop refresh, Runnable openProfileEditor) {
        this.vm = Objects.requireNonNull(vm);
        this.registry = Objects.requireNonNull(registry);
        this.refresh = Objects.requireNonNull(refresh);
        this.root = Fxml.load(this, "shell.fxml");
        bindTopBar(theme, openProfileEditor);
        bindBanners();
        bindNavigation();
        bindStatus();
    }

    public Parent root() { return root; }

    /** Ctrl+1..9 for the panels, F5 to refresh, Ctrl+Shift+P to pause. */
    public void installShortcuts(Scene scene) {
        for (Panel p : registry.panels()) {
            KeyCombination key = p.spec().accelerator();
            if (key != null) {
                scene.getAccelerators().put(key, () -> vm.shell().navigate(p.id()));
            }
        }
        scene.getAccelerators().put(REFRESH_KEY, refresh::refreshNow);
        scene.getAccelerators().put(PAUSE_KEY, vm::togglePause);
    }

    /** Puts the keyboard focus on the navigation (at start: not on the profile selector, where a key would switch profiles). */
    public void focusNavigation() {
        navList.requestFocus();
    }

    /** The panel on screen. */
    public Panel visiblePanel() { return visible; }

    private void bindTopBar(ThemeManager theme, Runnable openProfileEditor) {
        LiveConnection live = vm.live();
        ShellState shell = vm.shell();

        brand.setGraphic(Glyph.DATABASE.view());
        brand.setTooltip(new Tooltip("Trackeep Redis Dashboard " + Version.current()));

        profileBox.setItems(vm.profiles());
        profileBox.valueProperty().bindBidirectional(vm.selectedProfileProperty());
        profileBox.setCellFactory(list -> new ProfileCell());
        profileBox.setButtonCell(new ProfileCell());
        profileBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(ConnectionProfile p) {
                return p == null ? "" : p.name();
            }

            @Override
            public ConnectionProfile fromString(String s) {
                return null;
            }
        });
        profileBox.setTooltip(new Tooltip("Connection profile: choosing one connects to it"));

        editProfilesButton.setGraphic(Glyph.EDIT.view());
        editProfilesButton.setTooltip(new Tooltip("Manage connection profiles…"));
        editProfilesButton.setOnAction(e -> openProfileEditor.run());

        connectButton.textProperty().bind(vm.connectLabelProperty());
        connectButton.setOnAction(e -> vm.connectOrDisconnect());
        connectButton.setTooltip(new Tooltip());
        connectButton.getTooltip().textProperty().bind(Bindings.createStringBinding(
                () -> "Disconnect".equals(vm.connectLabelProperty().get()) ? "Close the connection"
                        : "Cancel".equals(vm.connectLabelProperty().get()) ? "Stop connecting" : "Connect to the selected profile",
                vm.connectLabelProperty()));
        live.stateProperty().addListener((obs, o, s) -> showState(s));
        showState(live.state());

        stateLabel.textProperty().bind(vm.stateTextProperty());
        Tooltip stateTip = new Tooltip();
        stateTip.textProperty().bind(Bindings.createStringBinding(() -> {
            String problem = live.problemProperty().get();
            return vm.targetProperty().get() + (problem == null ? "" : "\n" + problem);
        }, vm.targetProperty(), live.problemProperty()));
        Tooltip.install(stateIndicator, stateTip);

        readOnlyTag.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> live.profileProperty().get() != null && live.profileProperty().get().readOnly(), live.profileProperty()));
        readOnlyTag.managedProperty().bind(readOnlyTag.visibleProperty());
        readOnlyTag.setTooltip(new Tooltip("This profile is read-only: every action that changes Redis is refused"));

        pauseButton.selectedProperty().bindBidirectional(shell.pausedProperty());
        pauseButton.textProperty().bind(Bindings.when(shell.pausedProperty()).then("Resume").otherwise("Pause"));
        pauseButton.graphicProperty().bind(Bindings.createObjectBinding(
                () -> (shell.pausedProperty().get() ? Glyph.PLAY : Glyph.PAUSE).view(), shell.pausedProperty()));
        pauseButton.setTooltip(new Tooltip("Pause or resume refreshing (" + PAUSE_KEY.getDisplayText() + ")"));

        refreshButton.setGraphic(Glyph.REFRESH.view());
        refreshButton.setTooltip(new Tooltip("Refresh now (" + REFRESH_KEY.getDisplayText() + ")"));
        refreshButton.setOnAction(e -> refresh.refreshNow());

        intervalBox.getItems().setAll(ShellViewModel.INTERVALS);
        if (!intervalBox.getItems().contains(shell.refreshIntervalProperty().get())) {
            intervalBox.getItems().add(shell.refreshIntervalProperty().get());
        }
        intervalBox.valueProperty().bindBidirectional(shell.refreshIntervalProperty());
        intervalBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : "Every " + Units.duration(d);
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
        intervalBox.setTooltip(new Tooltip("How often the panels refresh"));

        vm.themeProperty().addListener((obs, o, mode) -> {
            theme.setMode(mode);
            showTheme(mode);
        });
        theme.setMode(vm.themeProperty().get());
        showTheme(vm.themeProperty().get());
        themeButton.setOnAction(e -> vm.toggleTheme());

        Label badge = new Label();
        badge.getStyleClass().add("alert-badge");
        badge.textProperty().bind(shell.alertCountProperty().asString());
        badge.visibleProperty().bind(shell.alertCountProperty().greaterThan(0));
        badge.managedProperty().bind(badge.visibleProperty());
        HBox alertGraphic = new HBox(Glyph.BELL.view(), badge);
        alertGraphic.getStyleClass().add("alert-graphic");
        alertButton.setGraphic(alertGraphic);
        alertButton.setOnAction(e -> shell.navigate(registry.panels().get(0).id()));
        Tooltip alertTip = new Tooltip();
        alertTip.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = shell.alertCountProperty().get();
            return n == 0 ? "No active alerts" : n + (n == 1 ? " active alert" : " active alerts") + ": show the Overview";
        }, shell.alertCountProperty()));
        alertButton.setTooltip(alertTip);
        shell.alertCountProperty().addListener((obs, o, n) -> alertButton.pseudoClassStateChanged(ALERTING, n.intValue() > 0));
    }

    private void showState(ConnectionState s) {
        for (ConnectionState each : ConnectionState.values()) {
            stateIndicator.pseudoClassStateChanged(pseudo(each), each == s);
        }
        boolean connected = s.hasConnection() || s == ConnectionState.CONNECTING;
        connectButton.setGraphic((connected ? Glyph.DISCONNECT : Glyph.CONNECT).view());
        connectButton.getStyleClass().remove(Styles.ACCENT);
        if (!connected && !"Cancel".equals(vm.connectLabelProperty().get())) {
            connectButton.getStyleClass().add(Styles.ACCENT);
        }
    }

    private static PseudoClass pseudo(ConnectionState s) {
        return PseudoClass.getPseudoClass(s.name().toLowerCase(Locale.ROOT));
    }

    private void showTheme(ThemeMode mode) {
        boolean dark = mode == ThemeMode.DARK;
        themeButton.setGraphic((dark ? Glyph.LIGHT_MODE : Glyph.DARK_MODE).view());
        themeButton.setTooltip(new Tooltip(dark ? "Switch to the light theme" : "Switch to the dark theme"));
    }

    private void bindBanners() {
        vm.banners().addListener((ListChangeListener<Banner>) c -> showBanners());
        showBanners();
    }

    private void showBanners() {
        bannerArea.getChildren().setAll(vm.banners().stream().map(b -> new BannerView(b, vm::dismiss)).toList());
        bannerArea.setVisible(!vm.banners().isEmpty());
        bannerArea.setManaged(!vm.banners().isEmpty());
    }

    private void bindNavigation() {
        ShellState shell = vm.shell();
        navList.getItems().setAll(registry.panels());
        navList.setCellFactory(list -> new NavCell());
        navList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                show(now);
            }
        });
        shell.visiblePanelProperty().addListener((obs, old, id) -> registry.find(id).ifPresent(p -> navList.getSelectionModel().select(p)));
        vm.live().staleProperty().addListener((obs, o, stale) -> contentArea.pseudoClassStateChanged(STALE, stale));
        versionLabel.setText("Version " + Version.current());
        if (!registry.panels().isEmpty()) {
            shell.navigate(registry.panels().get(0).id());
        }
    }

    private void show(Panel panel) {
        if (panel == visible) {
            return;
        }
        Panel previous = visible;
        visible = panel;
        if (previous != null) {
            previous.onHide();
        }
        contentArea.getChildren().setAll(panel.node());
        panel.onShow();
        vm.shell().navigate(panel.id());
    }

    private void bindStatus() {
        LiveConnection live = vm.live();
        statusTarget.textProperty().bind(vm.targetProperty());
        // a Cluster's seeds make a long target: it gives way to the time figures, whole in its tooltip
        Tooltip targetTip = new Tooltip();
        targetTip.textProperty().bind(vm.targetProperty());
        statusTarget.setTooltip(targetTip);
        statusContact.textProperty().bind(Bindings.createStringBinding(() -> {
            Instant t = live.lastContactProperty().get();
            return t == null || live.state() == ConnectionState.DISCONNECTED ? "" : "Last answer " + Times.time(t);
        }, live.lastContactProperty(), live.stateProperty()));
        statusZone.setText("Times in " + Times.zoneLabel());
    }

    /** A profile in the selector: its name, a lock for read-only ones, "built in" for the local instance. */
    private static final class ProfileCell extends ListCell<ConnectionProfile> {
        @Override
        protected void updateItem(ConnectionProfile p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(p.name());
            setGraphic(p.isLocalInstance() ? Glyph.DATABASE.view() : p.readOnly() ? Glyph.LOCK.view() : Glyph.SERVER.view());
        }
    }

    /** A panel in the navigation: icon, title, and its shortcut in muted text. */
    private static final class NavCell extends ListCell<Panel> {
        NavCell() {
            setPrefWidth(0); // as wide as the list, never wider: no horizontal scroll bar
        }

        @Override
        protected void updateItem(Panel panel, boolean empty) {
            super.updateItem(panel, empty);
            if (empty || panel == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            PanelSpec p = panel.spec();
            Label title = new Label(p.title(), p.glyph().view());
            title.getStyleClass().add("nav-title");
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox row = new HBox(title, grow);
            row.getStyleClass().add("nav-row");
            if (p.accelerator() != null) {
                Label key = new Label(p.accelerator().getDisplayText());
                key.getStyleClass().add("nav-shortcut");
                key.setMinWidth(Region.USE_PREF_SIZE);
                row.getChildren().add(key);
            }
            setText(null);
            setGraphic(row);
            setTooltip(new Tooltip(p.title() + (p.accelerator() == null ? "" : " (" + p.accelerator().getDisplayText() + ")")));
        }
    }
}
