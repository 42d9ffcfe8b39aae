package io.trackeep.dashboard.ui.shell;

import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.DashboardSettings;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.connect.ConnectionController;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LiveConnection;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.panel.ShellState;
import io.trackeep.dashboard.ui.task.UiExecutor;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The top bar, banner area and status line as data: the profiles, the connect command, the
 * state text, the banners, pause, interval and theme. Holds no control, so it is tested without
 * a window. FX thread only.
 *
 * <p>The selector always shows the profile of the connection (connected, connecting, failed or
 * last disconnected), never one the window is not on; choosing another profile in it connects to
 * it. While the password of the chosen one is asked for, the window and the selector stay where
 * they were, and a cancelled prompt leaves them there (only a window on none keeps the choice).
 * Connect/Disconnect acts on the selected one. Theme and interval changes are saved at once.
 */
public final class ShellViewModel {

    /** The choices of the interval selector. */
    public static final List<Duration> INTERVALS = List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1));

    private static final Logger log = LoggerFactory.getLogger(ShellViewModel.class);

    private final ProfileStore store;
    private final ConnectionController controller;
    private final UiExecutor ui;
    private final LiveConnection live;
    private final ShellState shell;
    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionProfile> selectedProfile = new SimpleObjectProperty<>();
    private final ObjectProperty<ThemeMode> theme = new SimpleObjectProperty<>(ThemeMode.LIGHT);
    private final ObservableList<Banner> notices = FXCollections.observableArrayList();
    private final ObservableList<Banner> banners = FXCollections.observableArrayList();
    private final ObjectBinding<Banner> connectionBanner;
    private final StringBinding connectLabel;
    private final StringBinding stateText;
    private final StringBinding target;
    private boolean reloading;

    public ShellViewModel(ProfileStore store, ConnectionController controller, UiExecutor ui, ShellState shell) {
        this.store = Objects.requireNonNull(store);
        this.controller = Objects.requireNonNull(controller);
        this.ui = Objects.requireNonNull(ui);
        this.live = controller.live();
        this.shell = Objects.requireNonNull(shell);

        Observable[] connectionInputs = {live.stateProperty(), live.profileProperty(), live.problemProperty(),
                live.nextRetryProperty(), live.lastContactProperty()};
        connectionBanner = Bindings.createObjectBinding(this::computeConnectionBanner, connectionInputs);
        connectLabel = Bindings.createStringBinding(this::computeConnectLabel, live.stateProperty(), live.nextRetryProperty());
        stateText = Bindings.createStringBinding(this::computeStateText, live.stateProperty(), live.roundTripProperty());
        target = Bindings.createStringBinding(this::computeTarget, live.profileProperty(), live.connectionsProperty());

        connectionBanner.addListener((obs, o, n) -> rebuildBanners());
        shell.pausedProperty().addListener((obs, o, n) -> rebuildBanners());
        notices.addListener((javafx.collections.ListChangeListener<Banner>) c -> rebuildBanners());
        selectedProfile.addListener((obs, old, now) -> {
            if (!reloading && now != null && !now.equals(old)) {
                // after this change, not inside it: the choice may open the modal password prompt and put the
                // selector back, which the selector's binding would miss while it still delivers this change
                ui.runOnUi(() -> choose(now));
            }
        });
        live.profileProperty().addListener((obs, old, now) -> showInSelector(now));
        theme.addListener((obs, o, n) -> persist(store.settings().withTheme(n)));
        shell.refreshIntervalProperty().addListener((obs, o, n) -> persist(store.settings().withRefreshInterval(n)));
        shell.alertThresholdsProperty().addListener((obs, o, n) -> persist(store.settings().withAlertThresholds(n)));
    }

    /**
     * Loads settings and profiles, reports a profiles file that could not be read, selects the
     * last used profile (the Local instance on first start) and, if asked, connects to it when
     * that needs no password prompt.
     */
    public void start(boolean autoConnect) {
        DashboardSettings settings = store.settings();
        theme.set(settings.theme());
        shell.refreshIntervalProperty().set(settings.refreshInterval());
        shell.alertThresholdsProperty().set(settings.alertThresholds());
        store.loadProblem().ifPresent(problem -> notices.add(new Banner(Banner.Severity.WARNING,
                "Saved profiles could not be loaded", problem, null, null, true)));
        reloadProfiles(settings.lastProfile());
        if (autoConnect && selectedProfile.get() != null) {
            controller.connectQuietly(selectedProfile.get());
        }
    }

    /**
     * Re-reads the profiles (after the editor closed). The selector keeps showing the profile of
     * the connection; only when the window has none does it show {@code name} (the profile last
     * edited), without connecting.
     */
    public void reloadProfiles(String name) {
        reloading = true;
        try {
            ConnectionProfile onConnection = live.profileProperty().get();
            String wanted = onConnection != null ? onConnection.name()
                    : name != null ? name : selectedProfile.get() == null ? null : selectedProfile.get().name();
            profiles.setAll(store.list());
            ConnectionProfile pick = store.find(wanted).orElse(ConnectionProfile.localInstance());
            selectedProfile.set(profiles.stream().filter(p -> p.name().equals(pick.name())).findFirst().orElse(profiles.get(0)));
        } finally {
            reloading = false;
        }
    }

    /** Connects to the profile chosen in the selector, unless another was chosen meanwhile. */
    private void choose(ConnectionProfile chosen) {
        if (!chosen.equals(selectedProfile.get())) {
            return;
        }
        if (controller.needsPrompt(chosen) && live.state() != ConnectionState.DISCONNECTED) {
            showInSelector(live.profileProperty().get()); // the window stays on its server until the password is given
        }
        controller.connect(chosen);
        showInSelector(live.profileProperty().get()); // after a cancelled prompt: what the window is on
    }

    /** Puts the connection's profile in the selector without connecting (it is connected, or being connected). */
    private void showInSelector(ConnectionProfile onConnection) {
        if (onConnection == null || onConnection.equals(selectedProfile.get())) {
            return;
        }
        reloading = true;
        try {
            ConnectionProfile listed = profiles.stream().filter(p -> p.name().equals(onConnection.name())).findFirst().orElse(null);
            if (listed == null) {
                profiles.add(onConnection);
                listed = onConnection;
            }
            selectedProfile.set(listed);
        } finally {
            reloading = false;
        }
    }

    /** The button next to the selector: connect the selected profile, or disconnect / stop retrying. */
    public void connectOrDisconnect() {
        switch (live.state()) {
            case CONNECTED, UNREACHABLE, CONNECTING -> controller.disconnect();
            case FAILED -> {
                if (live.nextRetryProperty().get() != null) {
                    controller.disconnect();
                } else {
                    connectSelected();
                }
            }
            case DISCONNECTED -> connectSelected();
        }
    }

    private void connectSelected() {
        if (selectedProfile.get() != null) {
            controller.connect(selectedProfile.get());
        }
    }

    public void togglePause() {
        shell.pausedProperty().set(!shell.pausedProperty().get());
    }

    public void toggleTheme() {
        theme.set(theme.get().toggled());
    }

    public void dismiss(Banner banner) {
        notices.remove(banner);
    }

    public ObservableList<ConnectionProfile> profiles() { return profiles; }

    public ObjectProperty<ConnectionProfile> selectedProfileProperty() { return selectedProfile; }

    public ObjectProperty<ThemeMode> themeProperty() { return theme; }

    /** Every banner to show, most urgent first. */
    public ObservableList<Banner> banners() { return banners; }

    public StringBinding connectLabelProperty() { return connectLabel; }

    /** "Connected · 0.42 ms", "Unreachable", ... */
    public StringBinding stateTextProperty() { return stateText; }

    /** Where the window is connected, for the status line: the real address also for the local instance. */
    public StringBinding targetProperty() { return target; }

    public ShellState shell() { return shell; }

    public LiveConnection live() { return live; }

    private void rebuildBanners() {
        List<Banner> all = new ArrayList<>();
        Banner c = connectionBanner.get();
        if (c != null) {
            all.add(c);
        }
        if (shell.pausedProperty().get()) {
            all.add(new Banner(Banner.Severity.INFO, "Refreshing is paused: panels keep what they show",
                    "Press Resume or Ctrl+Shift+P to continue. F5 refreshes once.", "Resume", this::togglePause, false));
        }
        all.addAll(notices);
        banners.setAll(all);
    }

    private Banner computeConnectionBanner() {
        ConnectionProfile p = live.profileProperty().get();
        String name = p == null ? "Redis" : p.name();
        String problem = live.problemProperty().get();
        switch (live.state()) {
            case UNREACHABLE -> {
                Instant last = live.lastContactProperty().get();
                String since = last == null ? "" : " — showing data from " + Times.time(last);
                return new Banner(Banner.Severity.DANGER, "Redis unreachable" + since + ", retrying…", problem, null, null, false);
            }
            case FAILED -> {
                boolean retrying = live.nextRetryProperty().get() != null;
                String title = "Cannot connect to " + name + (retrying
                        ? " — retrying every " + Units.duration(ConnectionController.RETRY_DELAY) + "…" : "");
                return new Banner(Banner.Severity.DANGER, title, problem, retrying ? "Retry now" : "Retry", controller::retryNow, false);
            }
            default -> {
                return null;
            }
        }
    }

    private String computeConnectLabel() {
        return switch (live.state()) {
            case CONNECTED, UNREACHABLE -> "Disconnect";
            case CONNECTING -> "Cancel";
            case FAILED -> live.nextRetryProperty().get() != null ? "Cancel" : "Connect";
            case DISCONNECTED -> "Connect";
        };
    }

    private String computeStateText() {
        ConnectionState s = live.state();
        Duration rtt = live.roundTripProperty().get();
        if (s == ConnectionState.CONNECTED && rtt != null) {
            return s.label() + " · " + Units.latency(rtt);
        }
        return s.label();
    }

    private String computeTarget() {
        RedisConnections c = live.connectionsProperty().get();
        ConnectionProfile p = live.profileProperty().get();
        if (c != null) {
            return p.name() + " · " + c.settings().describe();
        }
        return p == null ? "No profile selected" : p.name() + " · " + (p.isLocalInstance() ? "started on demand on 127.0.0.1" : p.describe());
    }

    private void persist(DashboardSettings s) {
        if (s.equals(store.settings())) {
            return; // loading settings at start must not rewrite the file
        }
        try {
            store.saveSettings(s);
        } catch (RuntimeException e) {
            log.warn("Could not save settings: {}", e.getMessage());
        }
    }
}
