package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.sim.SimulatorSettings;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.ui.task.Scheduler;
import io.trackeep.dashboard.ui.task.ThreadScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What the "Local instance" profile starts: the {@link LocalInstance} — an embedded redis-server
 * on a free loopback port with a random password, the service layer behind its HTTP API and, in
 * the app, the traffic simulator, so that every panel has live data on first start.
 *
 * <p>The instance is started on the first {@link #connect()}, reused (its Redis restarted on the
 * same port if it died) by later ones, and stopped by {@link #close()} when the window closes;
 * {@link LocalInstance} also stops it from a shutdown hook on other exit paths.
 *
 * <p>{@link #prepare()} starts it in the background while the window is still being built, in
 * the order the first screen needs it: the redis-server, then the window's connection (which
 * loads Lettuce), which {@link #connect()} takes over as soon as it is open; only then the rest
 * of the instance (its own connection, the HTTP API) and, once the window has connected, the
 * simulator. {@link #prepareForWindow()} holds that rest back until the window says its first
 * figures are on screen ({@link #windowLive()}): on a small machine each part competes with the
 * window's own start for the CPU, and the first screen needs none of them.
 *
 * <p>It runs as one server, or as a Sentinel set or a Cluster ({@link #useTopology}, the user's
 * choice in the profile editor): choosing another stops the running instance at the next start.
 *
 * <p>The embedded redis-server is supervised ({@link RedisServerProcess}): killed, it is started
 * again on its port with its password; {@link #onServerEvent} listeners hear of it (the banner).
 */
public class LocalInstanceStarter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInstanceStarter.class);
    /** How long {@link #prepareForWindow()} holds the rest of the instance back at most, for a window that never goes live. */
    static final Duration REST_HELD_AT_MOST = Duration.ofSeconds(15);

    private final LocalInstance.Options options;
    private final List<Consumer<RedisServerProcess.Event>> serverListeners = new CopyOnWriteArrayList<>();
    // Guarded by this: the instance, and the server prepare() started before the instance takes it over.
    private LocalInstance instance;
    private RedisServerProcess preparedServer;
    private boolean closed;
    private Topology topology;
    // The prepared connection is handed over under its own lock, so that connect() never waits for
    // the rest of the instance, which prepare() starts holding this.
    private final Object handover = new Object();
    private CompletableFuture<RedisConnections> prepared;
    // Whether a window has connected (the simulator starts then), and whether prepare() is still
    // starting the instance (then it starts the simulator itself when done). Both volatile: each
    // side writes its own and reads the other's, so at least one of them sees both and starts it.
    private volatile boolean connected;
    private volatile boolean preparing;
    // Released by windowLive(); prepare() without a window does not wait for it.
    private final CompletableFuture<Void> live = new CompletableFuture<>();
    private final Duration restHeldAtMost;

    /** A local instance without the simulator (tests write their own data). */
    public LocalInstanceStarter() {
        this(LocalInstance.Options.defaults());
    }

    public LocalInstanceStarter(LocalInstance.Options options) {
        this(options, REST_HELD_AT_MOST);
    }

    /** With another limit on how long {@link #prepareForWindow()} holds the rest back (tests). */
    LocalInstanceStarter(LocalInstance.Options options, Duration restHeldAtMost) {
        this.options = options;
        this.restHeldAtMost = restHeldAtMost;
        this.topology = options.topology();
    }

    /**
     * What the next start runs: one server (the default), a Sentinel set or a Cluster. An instance
     * of another topology that is running is stopped at the next {@link #start()}.
     */
    public synchronized void useTopology(Topology chosen) {
        topology = chosen == null ? Topology.STANDALONE : chosen;
    }

    private synchronized Topology currentTopology() { return topology; }

    /** What the app starts: the local instance with the traffic simulator at its default settings. */
    public static LocalInstanceStarter withSimulator() {
        return new LocalInstanceStarter(LocalInstance.Options.defaults().withSimulator(SimulatorSettings.defaults()));
    }

    /**
     * Starts the redis-server and opens the window's connection on a background thread now, then
     * the rest of the instance; the next {@link #connect()} takes the connection over.
     */
    public void prepare() {
        prepare(false);
    }

    /**
     * Like {@link #prepare()} for the window: the rest of the instance waits until
     * {@link #windowLive()}, or {@link #REST_HELD_AT_MOST} if the window never says so.
     */
    public void prepareForWindow() {
        prepare(true);
    }

    /** The window shows its first figures: what {@link #prepareForWindow()} held back starts now. */
    public void windowLive() {
        live.complete(null);
    }

    private void prepare(boolean holdRest) {
        CompletableFuture<RedisConnections> target = new CompletableFuture<>();
        synchronized (handover) {
            if (prepared != null) {
                return;
            }
            prepared = target;
        }
        preparing = true;
        Scheduler once = new ThreadScheduler("local-instance-prepare");
        once.schedule(Duration.ZERO, () -> {
            try {
                target.complete(RedisConnections.openForMonitoring(redisFirst()));
                if (holdRest) {
                    awaitWindowLive();
                }
                start();
            } catch (RuntimeException e) {
                if (!target.completeExceptionally(e)) {
                    log.warn("The local instance could not be started: {}", e.getMessage());
                }
            } finally {
                preparing = false;
                startSimulatorOnce();
                once.close();
            }
        });
    }

    private void awaitWindowLive() {
        try {
            live.get(restHeldAtMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.debug("The window did not go live within {} s; starting the rest of the local instance", restHeldAtMost.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // never completed exceptionally
        }
    }

    /** The embedded redis-server alone (or the external Redis), without the rest of the instance. */
    private synchronized RedisSettings redisFirst() {
        if (closed) {
            throw new IllegalStateException("The local instance is closed");
        }
        if (instance != null || options.externalRedis() != null || topology != Topology.STANDALONE) {
            return start(); // a Sentinel set or a Cluster starts as a whole
        }
        if (preparedServer == null) {
            preparedServer = RedisServerProcess.start(LocalInstance.redisServerOptions(options));
            preparedServer.onEvent(e -> serverListeners.forEach(l -> l.accept(e)));
        }
        RedisSettings settings = preparedServer.settings();
        return options.keyPrefix() == null ? settings : settings.withPrefix(options.keyPrefix());
    }

    /** Starts the local instance if needed and returns how to reach its Redis. Blocks: never call on the FX thread. */
    public synchronized RedisSettings start() {
        if (closed) {
            throw new IllegalStateException("The local instance is closed");
        }
        if (instance != null && instance.topology() != topology) {
            log.info("Local instance: stopping the {} to start a {}", instance.topology().label(), topology.label());
            instance.close();
            instance = null;
        }
        if (preparedServer != null && topology != Topology.STANDALONE) {
            preparedServer.close(); // prepared for one server before the user chose another topology
            preparedServer = null;
        }
        if (instance == null) {
            // The simulator starts after the first connection (see connect()).
            if (preparedServer != null) {
                // If this fails (the HTTP port is taken), the server keeps running for the window's
                // connection, and the next start() tries again.
                instance = LocalInstance.startOn(preparedServer, options.withoutSimulator());
                preparedServer = null; // the instance owns it now
            } else {
                instance = LocalInstance.start(options.withoutSimulator().withTopology(topology));
                instance.embeddedRedis().ifPresent(r -> r.onEvent(e -> serverListeners.forEach(l -> l.accept(e))));
            }
        } else {
            instance.embeddedRedis().filter(r -> !r.isRunning()).ifPresent(RedisServerProcess::restart);
        }
        return instance.redisSettings();
    }

    /** Tells {@code listener}, on a background thread, when the embedded redis-server exits unasked and is restarted. */
    public void onServerEvent(Consumer<RedisServerProcess.Event> listener) {
        serverListeners.add(listener);
    }

    /** The running local instance (its HTTP address, simulator), if started. */
    public synchronized Optional<LocalInstance> instance() {
        return Optional.ofNullable(instance);
    }

    /**
     * A new connection to the local instance, starting it if needed (the prepared connection the
     * first time, without waiting for the rest of the instance). Blocks: never call on the FX thread.
     */
    public RedisConnections connect() {
        RedisConnections c = connectToInstance();
        connected = true;
        if (!preparing) {
            startSimulatorOnce();
        }
        return c;
    }

    private void startSimulatorOnce() {
        if (!options.simulate() || !connected) {
            return;
        }
        synchronized (this) {
            if (!closed && instance != null && instance.simulator().isEmpty()) {
                instance.startSimulator(options.simulator());
            }
        }
    }

    private RedisConnections connectToInstance() {
        CompletableFuture<RedisConnections> ready = takePrepared();
        if (ready != null) {
            try {
                RedisConnections c = ready.join();
                if (c.isOpen() && c.topology() == currentTopology()) {
                    return c;
                }
                c.close(); // lost, or prepared before the user chose another topology
            } catch (RuntimeException e) {
                // Try once more below, so that the caller gets the failure of a fresh attempt.
                log.debug("Preparing the local instance failed: {}", e.getMessage());
            }
        }
        return RedisConnections.openForMonitoring(start());
    }

    /** The prepared connection, if any, now the caller's alone: no other caller gets it. */
    private CompletableFuture<RedisConnections> takePrepared() {
        synchronized (handover) {
            CompletableFuture<RedisConnections> taken = prepared;
            prepared = null;
            return taken;
        }
    }

    /** The running Redis server, if started (tests stop and restart it to see the window react). */
    public synchronized Optional<RedisServerProcess> server() {
        return instance != null ? instance.embeddedRedis() : Optional.ofNullable(preparedServer);
    }

    @Override
    public void close() {
        CompletableFuture<RedisConnections> unused = takePrepared();
        if (unused != null) {
            unused.thenAccept(RedisConnections::close);
        }
        synchronized (this) {
            closed = true;
            if (instance != null) {
                instance.close();
                instance = null;
            }
            if (preparedServer != null) {
                preparedServer.close();
                preparedServer = null;
            }
        }
    }
}
