package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.WaitFor;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.ui.task.InlineUiExecutor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A connection controller wired for tests: inline executor, a profile store in a temporary
 * folder (through {@code trackeep.config.dir}), a scripted password prompt, and a "local
 * instance" that is the test's own Redis server.
 */
public final class ConnectionFixture implements AutoCloseable {

    public final InlineUiExecutor ui = new InlineUiExecutor();
    public final ProfileStore store;
    public final LiveConnection live;
    public final ConnectionController controller;
    public final List<String> prompts = new ArrayList<>();
    /** For each prompt, the name of the profile it said the window stays on, or null. */
    public final List<String> promptsStayOn = new ArrayList<>();
    public Optional<PasswordEntry> answer = Optional.empty();
    /** Runs while the prompt is "shown", before it answers: to look at the window then. */
    public Runnable whilePrompted = () -> { };
    private final RedisServerProcess server;

    public ConnectionFixture(Path configDir, RedisServerProcess server) {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, configDir.toString());
        this.server = server;
        this.store = ProfileStore.open();
        this.live = new LiveConnection(ui);
        LocalInstanceStarter local = new LocalInstanceStarter() {
            @Override
            public synchronized RedisSettings start() {
                return server.settings();
            }

            @Override
            public RedisConnections connect() {
                return RedisConnections.openForMonitoring(server.settings());
            }
        };
        this.controller = new ConnectionController(store, ui, local, (profile, problem, stayOn) -> {
            prompts.add(profile.name() + ": " + problem);
            promptsStayOn.add(stayOn == null ? null : stayOn.name());
            whilePrompted.run();
            return answer;
        }, live);
    }

    /** A profile for the test server, without password. */
    public ConnectionProfile profile(String name) {
        return ConnectionProfile.of(name, "redis://127.0.0.1:" + server.port());
    }

    /** One heartbeat PING now. */
    public void heartbeat() {
        controller.heartbeat();
    }

    /** Heartbeats until the state is {@code wanted} (Lettuce reconnects in its own time). */
    public void heartbeatUntil(ConnectionState wanted, Duration timeout) {
        try {
            WaitFor.condition(timeout, "the connection " + wanted, () -> {
                if (live.state() == wanted) {
                    return true;
                }
                controller.heartbeat();
                return false;
            });
        } catch (AssertionError e) {
            throw new AssertionError("Still " + live.state() + " after " + timeout + ": " + live.problemProperty().get(), e);
        }
    }

    /** Restarts a stopped test server and waits until the extension's shared connection answers again. */
    public static void restartAndAwait(RedisServerProcess server, RedisConnections shared) {
        server.restart();
        WaitFor.condition(Duration.ofSeconds(60), "the shared connection to answer again", () -> "PONG".equals(shared.sync().ping()));
    }

    @Override
    public void close() {
        controller.close();
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }
}
