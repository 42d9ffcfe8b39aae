package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import io.trackeep.dashboard.ui.dialog.ControlsFxNotifier;
import io.trackeep.dashboard.ui.panel.Panel;
import io.trackeep.dashboard.ui.shell.DashboardWindow;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real window, headless, connected to the test's own redis-server through a saved profile
 * (writable or read-only), for end-to-end tests of one panel: open it, click, confirm by the
 * verb on the confirmation's button, and check Redis, the audit trail and the notifications.
 */
@ExtendWith(RedisServerExtension.class)
public abstract class LivePanelTestSupport extends FxTestSupport {

    protected DashboardWindow window;
    private FxUiExecutor executor;
    private LocalInstanceStarter local;

    /** Opens the window on a saved profile "Test" for {@code server} and waits until it is connected. */
    protected void openWindow(RedisServerProcess server, boolean readOnly) {
        openWindow(server, readOnly, List.of());
    }

    /** Like {@link #openWindow(RedisServerProcess, boolean)}, with more saved profiles (name → server) to switch to. */
    protected void openWindow(RedisServerProcess server, boolean readOnly, List<Map.Entry<String, RedisServerProcess>> more) {
        useTemporaryConfig();
        ProfileStore store = ProfileStore.open();
        for (Map.Entry<String, RedisServerProcess> m : more) {
            store.add(ConnectionProfile.of(m.getKey(), "redis://127.0.0.1:" + m.getValue().port()),
                    PasswordChange.save(m.getValue().password()));
        }
        ConnectionProfile profile = ConnectionProfile.of("Test", "redis://127.0.0.1:" + server.port()).withReadOnly(readOnly);
        store.add(profile, PasswordChange.save(server.settings().password()));
        openWindow(store);
    }

    /**
     * Opens the window on a saved profile "Test" for a Sentinel set or a Cluster ({@code settings}
     * as the test support gives them: URI, data and Sentinel passwords) and waits until it is connected.
     */
    protected void openWindow(RedisSettings settings, boolean readOnly) {
        useTemporaryConfig();
        ProfileStore store = ProfileStore.open();
        ConnectionProfile profile = ConnectionProfile.of("Test", settings.uri()).withReadOnly(readOnly);
        store.add(profile, PasswordChange.save(settings.password()), settings.sentinelPassword() == null ? PasswordChange.forget()
                : PasswordChange.save(settings.sentinelPassword()));
        openWindow(store);
    }

    private void openWindow(ProfileStore store) {
        store.saveSettings(store.settings().withLastProfile("Test"));
        executor = new FxUiExecutor();
        local = new LocalInstanceStarter(); // never started: the profile is not the local instance
        onFx(() -> {
            Stage stage = new Stage();
            window = new DashboardWindow(stage, store, executor, local);
            stage.setWidth(DashboardWindow.DEFAULT_WIDTH);
            stage.setHeight(DashboardWindow.DEFAULT_HEIGHT);
            stage.setX(0);
            stage.setY(0);
            window.show(true);
        });
        waitUntil("connected to the test server", Duration.ofSeconds(20),
                () -> window.connection().state() == ConnectionState.CONNECTED);
    }

    @AfterEach
    protected void closeWindow() {
        if (window != null) {
            onFx(() -> {
                window.close();
                window.stage().hide();
            });
            window = null;
        }
        if (local != null) {
            local.close();
        }
        if (executor != null) {
            executor.close();
        }
        clearTemporaryConfig();
    }

    /** Shows the panel with this id and returns it. */
    protected Panel show(String panelId) {
        onFx(() -> window.shell().navigate(panelId));
        Panel panel = window.panels().find(panelId).orElseThrow();
        waitUntil("panel " + panelId + " visible", Duration.ofSeconds(5),
                () -> window.view().visiblePanel() == panel && panel.node().getScene() != null);
        return panel;
    }

    /** Waits for the confirmation dialog, checks its question, and clicks the button labelled {@code verb}. */
    protected void confirm(FxRobot robot, String question, String verb) {
        waitUntil("confirmation with '" + verb + "'", Duration.ofSeconds(10), () -> button(robot, verb).isPresent());
        assertQuestionShown(robot, question);
        robot.clickOn(button(robot, verb).orElseThrow());
        waitUntil("confirmation closed", Duration.ofSeconds(5), () -> button(robot, verb).isEmpty());
    }

    private static void assertQuestionShown(FxRobot robot, String question) {
        List<String> asked = callFx(() -> robot.lookup(".confirm-title").queryAll().stream()
                .filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).toList());
        if (!asked.contains(question)) {
            throw new AssertionError("The confirmation asks " + asked + ", expected: " + question);
        }
    }

    private static Optional<Button> button(FxRobot robot, String text) {
        return callFx(() -> robot.lookup((Node n) -> n instanceof Button b && text.equals(b.getText()) && b.getScene() != null
                && b.getScene().getWindow() != null && b.getScene().getWindow().isShowing()).tryQuery());
    }

    /** Waits for an entry of {@code action} in {@code P:audit}. */
    protected static AuditEntry awaitAudit(RedisConnections redis, String action) {
        AuditEntry[] found = new AuditEntry[1];
        WaitFor.condition(Duration.ofSeconds(10), "audit entry " + action, () -> {
            List<AuditEntry> latest = new AuditTrail(redis).latest(20);
            found[0] = latest.stream().filter(e -> action.equals(e.action())).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    /** Waits for a notification whose title starts with {@code title}. */
    protected ControlsFxNotifier.Notice awaitNotice(String title) {
        ControlsFxNotifier.Notice[] found = new ControlsFxNotifier.Notice[1];
        try {
            WaitFor.condition(Duration.ofSeconds(10), "notification " + title, () -> {
                found[0] = window.notifier().recent().stream().filter(n -> n.title().startsWith(title)).findFirst().orElse(null);
                return found[0] != null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; notifications shown: " + window.notifier().recent(), e);
        }
        return found[0];
    }

    protected void useTheme(ThemeMode mode) {
        onFx(() -> window.theme().setMode(mode));
    }

    /** Resizes the window (e.g. to 1366×768) and waits for the layout. */
    protected void resize(double width, double height) {
        onFx(() -> {
            window.stage().setWidth(width);
            window.stage().setHeight(height);
        });
    }
}
