package io.trackeep.dashboard.ui.shell;

import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.topology.DeploymentTracker;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.ui.admin.ActionRunner;
import io.trackeep.dashboard.ui.connect.ConnectionController;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LiveConnection;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import io.trackeep.dashboard.ui.connect.PasswordPromptDialog;
import io.trackeep.dashboard.ui.dialog.ConfirmDialog;
import io.trackeep.dashboard.ui.dialog.ControlsFxNotifier;
import io.trackeep.dashboard.ui.panel.Panel;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.PanelRegistry;
import io.trackeep.dashboard.ui.panel.ShellState;
import io.trackeep.dashboard.ui.profile.ProfileEditorDialog;
import io.trackeep.dashboard.ui.profile.ProfileEditorViewModel;
import io.trackeep.dashboard.ui.task.RefreshLoop;
import io.trackeep.dashboard.ui.task.Scheduler;
import io.trackeep.dashboard.ui.task.ThreadScheduler;
import io.trackeep.dashboard.ui.task.UiExecutor;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Function;

/**
 * The main window put together: theme, connection, refresh loop, panels, shell view, dialogs.
 * {@link io.trackeep.dashboard.ui.DashboardApp} creates one; UI tests create one on their own
 * stage with their own store and local instance.
 */
public final class DashboardWindow implements AutoCloseable {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 640;

    private static final Logger log = LoggerFactory.getLogger(DashboardWindow.class);

    private final Stage stage;
    private final ProfileStore store;
    private final UiExecutor ui;
    private final ThemeManager theme;
    private final LiveConnection live;
    private final ShellState shell = new ShellState();
    private final ControlsFxNotifier notifier;
    private final ConfirmDialog confirmer;
    private final ConnectionController controller;
    private final RefreshLoop refresh;
    private final PanelContext context;
    private final PanelRegistry panels;
    private final ShellViewModel vm;
    private final ShellView view;
    private final Scene scene;

    public DashboardWindow(Stage stage, ProfileStore store, UiExecutor ui, LocalInstanceStarter local) {
        this(stage, store, ui, local, PanelRegistry::standard);
    }

    /** With another set of panels (tests of one panel). */
    public DashboardWindow(Stage stage, ProfileStore store, UiExecutor ui, LocalInstanceStarter local,
                           Function<PanelContext, PanelRegistry> panelFactory) {
        this(stage, store, ui, local, panelFactory, ThreadScheduler::new);
    }

    /**
     * With the schedulers of the refresh loop and the heartbeat, made by name ("dashboard-refresh",
     * "redis-heartbeat"): tests drive their time.
     */
    public DashboardWindow(Stage stage, ProfileStore store, UiExecutor ui, LocalInstanceStarter local,
                           Function<PanelContext, PanelRegistry> panelFactory, Function<String, Scheduler> schedulers) {
        this.stage = stage;
        this.store = store;
        this.ui = ui;
        this.theme = new ThemeManager(store.settings().theme());
        this.live = new LiveConnection(ui);
        this.notifier = new ControlsFxNotifier(() -> stage);
        this.confirmer = new ConfirmDialog(() -> stage, theme);
        this.controller = new ConnectionController(store, ui, local, PasswordPromptDialog.source(() -> stage, theme), live,
                () -> schedulers.apply("redis-heartbeat"));
        this.refresh = new RefreshLoop(live::current, live::reportFailure, schedulers.apply("dashboard-refresh"));
        ActionRunner actions = new ActionRunner(ui, live, confirmer, notifier,
                LocalAuditLog.in(store.dataFolder()), AdminActions.defaultActor());
        this.context = new PanelContext(ui, live, refresh, shell, confirmer, notifier, () -> stage, theme, actions, new CensusTracker(),
                new DeploymentTracker());
        this.panels = panelFactory.apply(context);
        this.vm = new ShellViewModel(store, controller, ui, shell);
        this.view = new ShellView(vm, panels, theme, refresh, this::openProfileEditor);

        shell.pausedProperty().addListener((obs, o, paused) -> refresh.setPaused(paused));
        shell.refreshIntervalProperty().addListener((obs, o, d) -> refresh.setInterval(d));
        live.stateProperty().addListener((obs, old, now) -> {
            if (old == ConnectionState.UNREACHABLE && now == ConnectionState.CONNECTED) {
                refresh.refreshNow(); // live at once, not a tick later
                notifier.success("Redis answers again", "The panels are live again.");
            }
        });
        live.profileProperty().addListener((obs, o, p) -> stage.setTitle(title(p)));
        live.connectionsProperty().addListener((obs, o, now) -> {
            if (now != null) {
                refresh.refreshNow(); // a new connection shows its figures at once, not a tick later
            }
        });

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(view.root(), Math.min(DEFAULT_WIDTH, screen.getWidth()), Math.min(DEFAULT_HEIGHT, screen.getHeight()));
        theme.style(scene);
        view.installShortcuts(scene);
        stage.setScene(scene);
        stage.setTitle(title(null));
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
    }

    /** Loads settings and profiles, shows the window, starts the heartbeat and refresh loop, and connects if {@code autoConnect}. */
    public void show(boolean autoConnect) {
        refresh.setInterval(shell.refreshIntervalProperty().get());
        vm.start(autoConnect);
        stage.show();
        view.focusNavigation();
        controller.startHeartbeat();
        refresh.start();
    }

    /**
     * Opens the profile editor. Afterwards the selector still shows the connection's profile. When
     * that profile was edited so that it points elsewhere (address, database, user, prefix,
     * read-only, CA), the window reconnects to what it now says; when it was deleted, the window
     * disconnects: it never stays on a server its profile no longer names. On the Local instance,
     * choosing another topology for it starts that one.
     */
    public void openProfileEditor() {
        ConnectionProfile current = vm.selectedProfileProperty().get();
        Topology localBefore = store.settings().localInstanceTopology();
        ProfileEditorViewModel editorVm = new ProfileEditorViewModel(store, ui, confirmer);
        String chosen = new ProfileEditorDialog(stage, theme, editorVm).showAndWait(current == null ? null : current.name());
        ConnectionProfile onConnection = live.state() == ConnectionState.DISCONNECTED ? null : live.profileProperty().get();
        Optional<ConnectionProfile> nowSaved = onConnection == null || onConnection.isLocalInstance()
                ? Optional.empty() : store.find(onConnection.name());
        if (onConnection != null && !onConnection.isLocalInstance() && nowSaved.isEmpty()) {
            controller.disconnect(); // the connected profile was deleted
        }
        vm.reloadProfiles(chosen);
        if (nowSaved.isPresent() && !nowSaved.get().equals(onConnection)) {
            controller.connect(nowSaved.get());
        } else if (onConnection != null && onConnection.isLocalInstance() && store.settings().localInstanceTopology() != localBefore) {
            controller.connect(onConnection);
        }
    }

    public Stage stage() { return stage; }

    public Scene scene() { return scene; }

    public ShellView view() { return view; }

    public ShellViewModel viewModel() { return vm; }

    public PanelRegistry panels() { return panels; }

    public LiveConnection connection() { return live; }

    public ConnectionController controller() { return controller; }

    public RefreshLoop refreshLoop() { return refresh; }

    public ShellState shell() { return shell; }

    public ControlsFxNotifier notifier() { return notifier; }

    public ThemeManager theme() { return theme; }

    public PanelContext context() { return context; }

    /** Stops the loop and heartbeat, disposes the panels and closes the connection (on the calling thread: this is the exit). */
    @Override
    public void close() {
        refresh.close();
        for (Panel p : panels.panels()) {
            try {
                p.dispose();
            } catch (RuntimeException e) {
                log.warn("Panel {} failed to dispose", p.id(), e);
            }
        }
        controller.close();
    }

    private static String title(ConnectionProfile p) {
        return "Trackeep Redis Dashboard" + (p == null ? "" : " — " + p.name());
    }
}
