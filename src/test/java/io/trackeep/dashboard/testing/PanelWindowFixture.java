package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import io.trackeep.dashboard.ui.dialog.ControlsFxNotifier;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.PanelRegistry;
import io.trackeep.dashboard.ui.shell.DashboardWindow;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The real dashboard window on a TestFX stage, connected to the test's own redis-server (the
 * {@link RedisServerExtension} one) as its "Local instance", or through a saved read-only profile.
 * Create it in the {@code @Start} method (FX thread) after {@link FxTestSupport#useTemporaryConfig()}; the
 * same package lets it use FxTestSupport's helpers.
 */
public final class PanelWindowFixture implements AutoCloseable {

    private final FxUiExecutor executor = new FxUiExecutor();
    private final DashboardWindow window;

    private PanelWindowFixture(Stage stage, RedisServerProcess server, Function<PanelContext, PanelRegistry> panels, boolean readOnly) {
        ProfileStore store = ProfileStore.open();
        if (readOnly) {
            ConnectionProfile p = ConnectionProfile.of("Read-only", "redis://127.0.0.1:" + server.port()).withReadOnly(true);
            store.add(p, PasswordChange.save(server.password()));
            store.saveSettings(store.settings().withLastProfile(p.name()));
        }
        LocalInstanceStarter local = new LocalInstanceStarter() {
            @Override
            public synchronized void prepare() {
                // the test's server is already running
            }

            @Override
            public synchronized RedisSettings start() {
                return server.settings();
            }

            @Override
            public RedisConnections connect() {
                return RedisConnections.openForMonitoring(server.settings());
            }

            @Override
            public synchronized Optional<RedisServerProcess> server() {
                return Optional.of(server);
            }

            @Override
            public void close() {
                // the extension owns the server
            }
        };
        window = new DashboardWindow(stage, store, executor, local, panels);
        stage.setWidth(DashboardWindow.DEFAULT_WIDTH);
        stage.setHeight(DashboardWindow.DEFAULT_HEIGHT);
        stage.setX(0);
        stage.setY(0);
        window.show(true);
    }

    /** Call on the FX thread. */
    public static PanelWindowFixture open(Stage stage, RedisServerProcess server, Function<PanelContext, PanelRegistry> panels) {
        return new PanelWindowFixture(stage, server, panels, false);
    }

    /** Connected through a saved profile with the read-only flag. Call on the FX thread. */
    public static PanelWindowFixture openReadOnly(Stage stage, RedisServerProcess server, Function<PanelContext, PanelRegistry> panels) {
        return new PanelWindowFixture(stage, server, panels, true);
    }

    public DashboardWindow window() { return window; }

    public void awaitConnected() {
        FxTestSupport.waitUntil("connected", Duration.ofSeconds(20),
                () -> window.connection().state() == ConnectionState.CONNECTED);
    }

    public List<ControlsFxNotifier.Notice> notices() {
        return window.notifier().recent();
    }

    /** Waits for the confirmation dialog and clicks its button labelled {@code verb}. */
    public static void confirm(FxRobot robot, String verb) {
        FxTestSupport.waitUntil("a confirmation with the button \"" + verb + "\"", Duration.ofSeconds(10),
                () -> findButton(verb).isPresent());
        robot.clickOn(FxTestSupport.callFx(() -> findButton(verb).orElseThrow()));
    }

    private static Optional<Button> findButton(String text) {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null) {
                Optional<Button> b = w.getScene().getRoot().lookupAll(".button").stream()
                        .filter(n -> n instanceof Button btn && text.equals(btn.getText()) && btn.isVisible())
                        .map(n -> (Button) n).findFirst();
                if (b.isPresent()) {
                    return b;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        Runnable closing = () -> {
            window.close();
            window.stage().hide();
        };
        if (Platform.isFxApplicationThread()) {
            closing.run();
        } else {
            FxTestSupport.onFx(closing);
        }
        executor.close();
    }
}
