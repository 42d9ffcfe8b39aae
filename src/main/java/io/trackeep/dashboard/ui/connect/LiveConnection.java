package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.ui.task.UiExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The window's view of its Redis connection, for every panel: observable properties on the FX
 * thread, plus {@link #current()} for background threads. Panels read it; only
 * {@link ConnectionController} changes which connection it is.
 *
 * <p>Anything that talks to Redis may report how that went ({@link #reportSuccess},
 * {@link #reportFailure}) from any thread: an unreachable or timed-out Redis turns the state to
 * {@link ConnectionState#UNREACHABLE} (banner, stale data), and so do refused credentials (the
 * server came back with another password); the next answer turns it back to
 * {@link ConnectionState#CONNECTED}. Errors that are answers (WRONGTYPE, OOM, read-only refusals)
 * do not change the state; they belong to the panel that got them.
 *
 * <p>The local instance's supervisor reports its redis-server's exits and restarts
 * ({@link #reportLocalServer}); until Redis answers again, that is the problem shown, rather
 * than every failed command's own "refused".
 */
public final class LiveConnection {

    private final UiExecutor ui;
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.DISCONNECTED);
    private final ReadOnlyObjectWrapper<ConnectionProfile> profile = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RedisConnections> connections = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Instant> lastContact = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Duration> roundTrip = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Instant> nextRetry = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding stale = Bindings.createBooleanBinding(
            () -> state.get() == ConnectionState.UNREACHABLE, state);
    private final BooleanBinding connected = Bindings.createBooleanBinding(
            () -> state.get().hasConnection(), state);
    private volatile RedisConnections current;
    // What the supervisor last said about the local redis-server, until Redis answers again (FX thread only).
    private String localServerNotice;

    public LiveConnection(UiExecutor ui) {
        this.ui = Objects.requireNonNull(ui);
    }

    /** The connection for background work, or null while there is none. Safe from any thread. */
    public RedisConnections current() { return current; }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() { return state.getReadOnlyProperty(); }

    public ConnectionState state() {
        return state.get();
    }

    /** The profile connected, being connected, or last failed; null when none was chosen. */
    public ReadOnlyObjectProperty<ConnectionProfile> profileProperty() { return profile.getReadOnlyProperty(); }

    /** Non-null while {@link ConnectionState#hasConnection()}. FX thread only; background code uses {@link #current()}. */
    public ReadOnlyObjectProperty<RedisConnections> connectionsProperty() { return connections.getReadOnlyProperty(); }

    /** When Redis last answered: the age of what the panels show. */
    public ReadOnlyObjectProperty<Instant> lastContactProperty() { return lastContact.getReadOnlyProperty(); }

    /** Round trip of the last heartbeat PING. */
    public ReadOnlyObjectProperty<Duration> roundTripProperty() { return roundTrip.getReadOnlyProperty(); }

    /** The plain reason of the current trouble (unreachable, failed), null when there is none. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    /** When the next connect attempt is planned after a failure, or null. */
    public ReadOnlyObjectProperty<Instant> nextRetryProperty() { return nextRetry.getReadOnlyProperty(); }

    /** True while Redis does not answer and the panels show old data. */
    public BooleanBinding staleProperty() { return stale; }

    /** True while a connection exists (even if Redis is momentarily unreachable). */
    public BooleanBinding connectedProperty() { return connected; }

    /** Redis answered a command sent on {@code used}; from any thread. */
    public void reportSuccess(RedisConnections used, Duration rtt) {
        Instant at = Instant.now();
        ui.runOnUi(() -> {
            if (used != connections.get()) {
                return; // an answer on a connection that has been replaced meanwhile
            }
            lastContact.set(at);
            if (rtt != null) {
                roundTrip.set(rtt);
            }
            if (state.get() == ConnectionState.UNREACHABLE) {
                localServerNotice = null;
                problem.set(null);
                state.set(ConnectionState.CONNECTED);
            }
        });
    }

    /** A command sent on {@code used} failed; from any thread. Only "no answer" and authentication failures change the state. */
    public void reportFailure(RedisConnections used, Throwable error) {
        RedisAccessException e = used == null ? RedisErrors.translate("Redis", error) : used.translate(used.settings().uri(), error);
        if (!e.isUnavailable() && e.kind() != RedisAccessException.Kind.AUTH_FAILED) {
            return;
        }
        ui.runOnUi(() -> {
            if (used != connections.get()) {
                return;
            }
            problem.set(localServerNotice != null ? localServerNotice : e.getMessage());
            state.set(ConnectionState.UNREACHABLE);
        });
    }

    /**
     * The local instance's redis-server exited, was restarted, or could not be; from any thread.
     * Shown while the window is connected to the local instance, until Redis answers again.
     */
    public void reportLocalServer(RedisServerProcess.Event event) {
        ui.runOnUi(() -> {
            ConnectionProfile p = profile.get();
            if (p == null || !p.isLocalInstance() || !state.get().hasConnection()) {
                return;
            }
            localServerNotice = event.message();
            problem.set(localServerNotice);
            if (event.type() != RedisServerProcess.Event.Type.RESTARTED) {
                state.set(ConnectionState.UNREACHABLE);
            }
        });
    }

    void connecting(ConnectionProfile p) {
        replaceConnection(null);
        profile.set(p);
        problem.set(null);
        nextRetry.set(null);
        state.set(ConnectionState.CONNECTING);
    }

    void connected(ConnectionProfile p, RedisConnections c) {
        profile.set(p);
        replaceConnection(c);
        problem.set(null);
        nextRetry.set(null);
        lastContact.set(Instant.now());
        state.set(ConnectionState.CONNECTED);
    }

    void failed(ConnectionProfile p, String reason, Instant retryAt) {
        replaceConnection(null);
        profile.set(p);
        problem.set(reason);
        nextRetry.set(retryAt);
        state.set(ConnectionState.FAILED);
    }

    void disconnected() {
        replaceConnection(null);
        problem.set(null);
        nextRetry.set(null);
        roundTrip.set(null);
        state.set(ConnectionState.DISCONNECTED);
    }

    void select(ConnectionProfile p) {
        profile.set(p);
    }

    private void replaceConnection(RedisConnections c) {
        localServerNotice = null;
        current = c;
        connections.set(c);
        if (c == null) {
            roundTrip.set(null);
        }
    }
}
