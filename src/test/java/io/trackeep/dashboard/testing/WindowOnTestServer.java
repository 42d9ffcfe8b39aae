package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import io.trackeep.dashboard.ui.dialog.ControlsFxNotifier;
import io.trackeep.dashboard.ui.shell.DashboardWindow;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import javafx.stage.Stage;

/**
 * The real dashboard window on a test's own redis-server: the "Local instance" profile is that
 * server (not a new process), so a test writes fixture data with its own connection and watches
 * the window show it. Create in a TestFX {@code @Start} method (FX thread) after
 * {@code useTemporaryConfig()}; close in {@code @AfterEach}.
 */
public final class WindowOnTestServer {

    private final RedisServerProcess server;
    private final FxUiExecutor executor = new FxUiExecutor();
    private final ProfileStore store = ProfileStore.open();
    private final DashboardWindow window;

    public WindowOnTestServer(Stage stage, RedisServerProcess server) {
        this.server = server;
        LocalInstanceStarter local = new LocalInstanceStarter() {
            @Override
            public synchronized RedisSettings start() {
                return server.settings();
            }

            @Override
            public RedisConnections connect() {
                return RedisConnections.openForMonitoring(server.settings());
            }

            @Override
            public void close() {
                // the server belongs to the test's extension
            }
        };
        window = new DashboardWindow(stage, store, executor, local);
        // TestFX hands every test the same stage: undo a size an earlier test set
        stage.setWidth(DashboardWindow.DEFAULT_WIDTH);
        stage.setHeight(DashboardWindow.DEFAULT_HEIGHT);
        stage.setX(0);
        stage.setY(0);
        window.show(true);
    }

    public DashboardWindow window() { return window; }

    public ControlsFxNotifier notifier() {
        return window.notifier();
    }

    /** Saves a read-only profile for the test server (with its password) and returns it; connect on the FX thread. */
    public ConnectionProfile readOnlyProfile() {
        ConnectionProfile p = ConnectionProfile.of("Read-only test", "redis://127.0.0.1:" + server.port()).withReadOnly(true);
        return store.add(p, PasswordChange.save(server.password()));
    }

    /** Saves a profile for the test server as another ACL user and returns it; connect on the FX thread. */
    public ConnectionProfile userProfile(String username, String password) {
        ConnectionProfile p = ConnectionProfile.of("User " + username, "redis://127.0.0.1:" + server.port()).withUsername(username);
        return store.add(p, PasswordChange.save(password));
    }

    /** Closes the window (FX thread) and its background threads. */
    public void close() {
        window.close();
        window.stage().hide();
        executor.close();
    }
}
