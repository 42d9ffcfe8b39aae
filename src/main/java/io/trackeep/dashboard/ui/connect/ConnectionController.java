package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.profile.SavedPassword;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.ui.dialog.ErrorPresenter;
import io.trackeep.dashboard.ui.task.Scheduler;
import io.trackeep.dashboard.ui.task.TaskHandle;
import io.trackeep.dashboard.ui.task.ThreadScheduler;
import io.trackeep.dashboard.ui.task.UiExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Connects, disconnects and watches: the commands behind the profile selector and the
 * Connect/Disconnect button. Call its public methods on the FX thread; every blocking step
 * (starting the local instance, opening and closing connections, the heartbeat) runs in the
 * background.
 *
 * <p>Failure behaviour: a connection that cannot be opened turns into
 * {@link ConnectionState#FAILED} with a plain reason for the banner, never an exception; when
 * the reason is that Redis is unreachable or slow, another attempt follows every
 * {@link #RETRY_DELAY} until it works or the user disconnects. A wrong password is not retried.
 * Once connected, a heartbeat PING every {@link #HEARTBEAT} notices when Redis stops answering
 * (state {@link ConnectionState#UNREACHABLE}) and, every {@link #HEARTBEAT_WHILE_UNREACHABLE}
 * then, when it answers again; Lettuce reconnects by itself, at most half a second apart. So the
 * window is live again well within 2 s of Redis answering.
 */
public final class ConnectionController implements AutoCloseable {

    public static final Duration RETRY_DELAY = Duration.ofSeconds(5);
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** While a heartbeat fails: a PING on a disconnected connection fails at once, so asking often costs nothing. */
    public static final Duration HEARTBEAT_WHILE_UNREACHABLE = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(ConnectionController.class);

    private final ProfileStore store;
    private final UiExecutor ui;
    private final LocalInstanceStarter local;
    private final PasswordSource passwords;
    private final LiveConnection live;
    private final Supplier<Scheduler> heartbeatScheduler;
    private Scheduler heartbeat;
    // Whether the last heartbeat failed: the next one comes sooner.
    private volatile boolean heartbeatFailing;
    // Bumped by every connect/disconnect: results of older attempts are discarded (FX thread only).
    private long generation;
    private TaskHandle connecting = TaskHandle.NONE;
    private TaskHandle retry = TaskHandle.NONE;

    public ConnectionController(ProfileStore store, UiExecutor ui, LocalInstanceStarter local,
                                PasswordSource passwords, LiveConnection live) {
        this(store, ui, local, passwords, live, () -> new ThreadScheduler("redis-heartbeat"));
    }

    /** With the scheduler the heartbeat runs on, made when it starts (tests drive its time). */
    public ConnectionController(ProfileStore store, UiExecutor ui, LocalInstanceStarter local,
                                PasswordSource passwords, LiveConnection live, Supplier<Scheduler> heartbeatScheduler) {
        this.heartbeatScheduler = Objects.requireNonNull(heartbeatScheduler);
        this.store = Objects.requireNonNull(store);
        this.ui = Objects.requireNonNull(ui);
        this.local = Objects.requireNonNull(local);
        this.passwords = Objects.requireNonNull(passwords);
        this.live = Objects.requireNonNull(live);
        local.onServerEvent(live::reportLocalServer);
    }

    public LiveConnection live() { return live; }

    /** Starts the heartbeat thread (the window does; tests call {@link #heartbeat()} themselves). */
    public synchronized void startHeartbeat() {
        if (heartbeat == null) {
            heartbeat = heartbeatScheduler.get();
            heartbeat.schedule(HEARTBEAT, this::beatAndPlanNext);
        }
    }

    private void beatAndPlanNext() {
        try {
            heartbeat();
        } finally {
            synchronized (this) {
                if (heartbeat != null && !heartbeat.isClosed()) {
                    heartbeat.schedule(heartbeatFailing ? HEARTBEAT_WHILE_UNREACHABLE : HEARTBEAT, this::beatAndPlanNext);
                }
            }
        }
    }

    /**
     * Connects to a profile, replacing any current connection. The local instance is started
     * first; another profile uses its saved password or asks for one. The prompt comes before
     * anything changes: the window stays on its connection (or attempt) until the user answers,
     * and a cancelled prompt leaves it there; only a window on none selects the profile, disconnected.
     */
    public void connect(ConnectionProfile profile) {
        if (profile.isLocalInstance()) {
            disconnect();
            local.useTopology(store.settings().localInstanceTopology());
            open(++generation, profile, "the local instance", local::connect);
            return;
        }
        if (live.state() == ConnectionState.DISCONNECTED) {
            live.select(profile); // on none: the window shows the profile asked for, and keeps it after a cancel
        }
        PasswordAnswer answer = passwordFor(profile);
        if (answer.cancelled()) {
            return;
        }
        disconnect();
        long gen = ++generation;
        // the Sentinels' own password, when saved (Sentinels without one need none)
        String sentinelPassword = store.sentinelPassword(profile.name()).value().orElse(null);
        RedisSettings settings = profile.toSettings(answer.password(), sentinelPassword);
        open(gen, profile, settings.describe(), () -> RedisConnections.openForMonitoring(settings));
    }

    /**
     * Connects only if that needs no question to the user: the local instance, or a profile whose
     * password is saved and readable. Otherwise the profile is just selected. For the start of the window.
     */
    public void connectQuietly(ConnectionProfile profile) {
        if (!needsPrompt(profile)) {
            connect(profile);
        } else {
            disconnect();
            live.select(profile);
        }
    }

    /** Whether connecting to {@code profile} asks for its password (none is saved, or the saved one cannot be read). */
    public boolean needsPrompt(ConnectionProfile profile) {
        return !profile.isLocalInstance() && store.password(profile.name()).status() != SavedPassword.Status.SAVED;
    }

    /** Closes the connection (in the background) and cancels a planned retry. The local instance keeps running. */
    public void disconnect() {
        generation++;
        cancelPending();
        RedisConnections old = live.current();
        live.disconnected();
        if (old != null) {
            ui.run("Closing the connection", old::close, () -> { }, e -> log.debug("Closing failed: {}", e.toString()));
        }
    }

    /** Tries again now after a failure. */
    public void retryNow() {
        ConnectionProfile p = live.profileProperty().get();
        if (p != null && live.state() == ConnectionState.FAILED) {
            connect(p);
        }
    }

    /** One PING on the current connection, reported to {@link LiveConnection}. Runs on the heartbeat thread. */
    void heartbeat() {
        RedisConnections redis = live.current();
        if (redis == null) {
            return;
        }
        long start = System.nanoTime();
        try {
            redis.sync().ping();
            heartbeatFailing = false;
            live.reportSuccess(redis, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            heartbeatFailing = true;
            live.reportFailure(redis, e);
        }
    }

    /** Stops the heartbeat and closes the connection on the calling thread (for the window's exit). */
    @Override
    public void close() {
        synchronized (this) {
            if (heartbeat != null) {
                heartbeat.close();
                heartbeat = null;
            }
        }
        generation++;
        cancelPending();
        RedisConnections old = live.current();
        live.disconnected();
        if (old != null) {
            old.close();
        }
    }

    /** The password to use (saved, typed, or none), or that the user cancelled the prompt. */
    private record PasswordAnswer(boolean cancelled, String password) {
        @Override
        public String toString() {
            return "PasswordAnswer[" + (cancelled ? "cancelled" : password == null ? "none" : "****") + "]";
        }
    }

    private PasswordAnswer passwordFor(ConnectionProfile profile) {
        SavedPassword saved = store.password(profile.name());
        if (saved.status() == SavedPassword.Status.SAVED) {
            return new PasswordAnswer(false, saved.value().orElseThrow());
        }
        ConnectionProfile on = live.profileProperty().get();
        ConnectionProfile stayOn = live.state() != ConnectionState.DISCONNECTED && !profile.equals(on) ? on : null;
        Optional<PasswordEntry> entry = passwords.ask(profile, saved.problem().orElse(null), stayOn);
        if (entry.isEmpty()) {
            return new PasswordAnswer(true, null);
        }
        PasswordEntry e = entry.get();
        if (e.remember() && e.password() != null) {
            try {
                store.update(profile.name(), profile, PasswordChange.save(e.password()));
            } catch (RuntimeException failure) {
                log.warn("Could not save the password of profile \"{}\": {}", profile.name(), failure.getMessage());
            }
        }
        return new PasswordAnswer(false, e.password());
    }

    private void open(long gen, ConnectionProfile profile, String target, Callable<RedisConnections> opener) {
        live.connecting(profile);
        long started = System.nanoTime();
        connecting = ui.submit("Connecting to " + profile.name(), opener,
                connections -> {
                    log.info("Connected to {} in {} ms", target, (System.nanoTime() - started) / 1_000_000);
                    if (gen != generation) {
                        ui.run("Closing a superseded connection", connections::close, () -> { }, e -> { });
                        return;
                    }
                    live.connected(profile, connections);
                    rememberLastProfile(profile);
                },
                error -> {
                    if (gen != generation) {
                        return;
                    }
                    boolean retry = error instanceof RedisAccessException rae && rae.isUnavailable();
                    String reason = error instanceof RedisAccessException ? error.getMessage()
                            : ErrorPresenter.describe(error).message();
                    live.failed(profile, reason, retry ? Instant.now().plus(RETRY_DELAY) : null);
                    if (retry) {
                        this.retry = ui.runOnUiAfter(RETRY_DELAY, () -> {
                            if (gen == generation) {
                                open(gen, profile, target, opener);
                            }
                        });
                    }
                });
    }

    private void cancelPending() {
        connecting.cancel();
        retry.cancel();
        connecting = TaskHandle.NONE;
        retry = TaskHandle.NONE;
    }

    private void rememberLastProfile(ConnectionProfile profile) {
        try {
            if (!profile.name().equals(store.settings().lastProfile())) {
                store.saveSettings(store.settings().withLastProfile(profile.name()));
            }
        } catch (RuntimeException e) {
            log.warn("Could not remember the last profile: {}", e.getMessage());
        }
    }
}
