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
import java.util.function.Consumer;

/**
 * What the "Local instance" profile starts: the {@link LocalInstance} — an embedded redis-server
 * on a free loopback port with a random password, the service layer behind its HTTP API and, in
 * the app, the traffic simulator, so that every panel has live data on first start.
 *
 * <p>The instance is started on the first {@link #connect()}, reused (its Redis restarted on the
 * same port if it died) by later ones, and stopped by {@link #close()} when the window closes;
 * {@link LocalInstance} also stops it from a shutdown hook on other exit paths.
 * {@link #prepare()} does the slow part (starting Redis, opening the first connection, which
 * loads Lettuce) in the background while the window is still being built.
 *
 * <p>The embedded redis-server is supervised ({@link RedisServerProcess}): killed, it is started
 * again on its port with its password; {@link #onServerEvent} listeners hear of it (the banner).
 *
 * <p>It runs as one server, or as a Sentinel set or a Cluster ({@link #useTopology}, the user's
 * choice in the profile editor): choosing another stops the running instance at the next start.
 */
public class LocalInstanceStarter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInstanceStarter.class);

    private final LocalInstance.Options options;
    private final List<Consumer<RedisServerProcess.Event>> serverListeners = new CopyOnWriteArrayList<>();
    private LocalInstance instance;
    private CompletableFuture<RedisConnections> prepared;
    private Topology topology = Topology.STANDALONE;

    /** A local instance without the simulator (tests write their own data). */
    public LocalInstanceStarter() {
        this(LocalInstance.Options.defaults());
    }

    public LocalInstanceStarter(LocalInstance.Options options) {
        this.options = options;
    }

    /** What the app starts: the local instance with the traffic simulator at its default settings. */
    public static LocalInstanceStarter withSimulator() {
        return new LocalInstanceStarter(LocalInstance.Options.defaults().withSimulator(SimulatorSettings.defaults()));
    }

    /** Starts the server and opens a connection on a background thread now; the next {@link #connect()} takes it over. */
    public synchronized void prepare() {
        if (prepared != null) {
            return;
        }
        prepared = new CompletableFuture<>();
        CompletableFuture<RedisConnections> target = prepared;
        Scheduler once = new ThreadScheduler("local-instance-prepare");
        once.schedule(Duration.ZERO, () -> {
            try {
                target.complete(RedisConnections.openForMonitoring(start()));
            } catch (RuntimeException e) {
                target.completeExceptionally(e);
            } finally {
                once.close();
            }
        });
    }

    /**
     * What the next start runs: one server (the default), a Sentinel set or a Cluster. An instance
     * of another topology that is running is stopped at the next {@link #start()}.
     */
    public synchronized void useTopology(Topology chosen) {
        topology = chosen == null ? Topology.STANDALONE : chosen;
    }

    /** Starts the local instance if needed and returns how to reach its Redis. Blocks: never call on the FX thread. */
    public synchronized RedisSettings start() {
        if (instance != null && instance.topology() != topology) {
            log.info("Local instance: stopping the {} to start a {}", instance.topology().label(), topology.label());
            instance.close();
            instance = null;
        }
        if (instance == null) {
            // The simulator starts after the first connection (see connect()): on a small machine its
            // HTTP client would otherwise compete with the window's own start for the CPU.
            instance = LocalInstance.start(options.withoutSimulator().withTopology(topology));
            instance.embeddedRedis().ifPresent(r -> r.onEvent(e -> serverListeners.forEach(l -> l.accept(e))));
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
     * first time). Blocks: never call on the FX thread.
     */
    public RedisConnections connect() {
        RedisConnections c = connectToInstance();
        startSimulatorOnce();
        return c;
    }

    private synchronized void startSimulatorOnce() {
        if (options.simulate() && instance != null && instance.simulator().isEmpty()) {
            instance.startSimulator(options.simulator());
        }
    }

    private RedisConnections connectToInstance() {
        CompletableFuture<RedisConnections> ready;
        synchronized (this) {
            ready = prepared;
            prepared = null;
        }
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

    private synchronized Topology currentTopology() {
        return topology;
    }

    /** The running Redis server, if started (tests stop and restart it to see the window react). */
    public synchronized Optional<RedisServerProcess> server() {
        return instance == null ? Optional.empty() : instance.embeddedRedis();
    }

    @Override
    public void close() {
        CompletableFuture<RedisConnections> unused;
        synchronized (this) {
            unused = prepared;
            prepared = null;
        }
        if (unused != null) {
            unused.thenAccept(RedisConnections::close);
        }
        synchronized (this) {
            if (instance != null) {
                instance.close();
                instance = null;
            }
        }
    }
}
