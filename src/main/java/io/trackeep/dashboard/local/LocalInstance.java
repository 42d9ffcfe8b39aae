package io.trackeep.dashboard.local;

import io.trackeep.dashboard.local.http.ApiServer;
import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.redis.SentinelTopology;
import io.trackeep.dashboard.local.sim.SimulatorSettings;
import io.trackeep.dashboard.local.sim.TrafficSimulator;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local instance of every Trackeep Redis feature: a real {@code redis-server} (embedded, or an
 * external one), the service layer behind the HTTP API on loopback, and optionally the traffic
 * simulator. This is what the {@code local} command runs and what the dashboard's built-in
 * "Local instance" profile starts:
 *
 * <pre>{@code
 * try (LocalInstance local = LocalInstance.start(LocalInstance.Options.defaults().withSimulator(SimulatorSettings.defaults()))) {
 *     RedisSettings redis = local.redisSettings();   // connect the dashboard here (password included)
 *     URI api = local.httpBaseUrl();                 // http://127.0.0.1:<port>
 *     local.simulator().ifPresent(sim -> sim.stats());
 * }
 * }</pre>
 *
 * <p>Startup takes the redis-server start (the binary is extracted and started, then answers
 * PING) plus one connection and the HTTP server: a few hundred milliseconds. With
 * {@link Options#topology()} the embedded Redis is a real multi-process deployment instead: a
 * Cluster of 3 masters and 3 replicas ({@link ClusterTopology}, ready in about 2.5 s) or a master,
 * a replica and 3 Sentinels ({@link SentinelTopology}, under 2 s), on loopback with passwords.
 *
 * <p><b>Shutdown</b> ({@link #close()}, idempotent) stops, in this order, the simulator, the HTTP
 * server (port freed), the connections and the redis-server process (none left behind). A JVM
 * shutdown hook does the same on Ctrl-C or {@code System.exit}. An external Redis is left
 * running and its data untouched.
 *
 * <p><b>When Redis fails</b> after the start (stopped, frozen, restarted), the instance keeps
 * running: the API answers as {@link ApiServer} documents (503 where Redis is needed, within the
 * command timeout), the connections reconnect by themselves, and an embedded redis-server that
 * dies is restarted by its supervisor ({@link RedisServerProcess}) on the same port. Failing to start anything is an exception from {@link #start}, after
 * whatever had been started is stopped again.
 */
public final class LocalInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInstance.class);

    /**
     * What to start.
     *
     * @param httpPort      loopback port of the HTTP API, 0 for a free one
     * @param simulate      whether to start the traffic simulator with the instance
     * @param simulator     the simulator's settings (used when {@code simulate}, and kept for {@link #startSimulator})
     * @param dataDir       folder where the embedded redis-server persists its data (AOF), or null for memory only
     * @param externalRedis an existing Redis to use instead of starting one, or null for the embedded server
     * @param keyPrefix     key prefix of the Trackeep data; null for the external settings' prefix or {@code tk}
     * @param topology      what the embedded Redis is: one server, a Sentinel set or a Cluster
     */
    public record Options(int httpPort, boolean simulate, SimulatorSettings simulator, Path dataDir,
                          RedisSettings externalRedis, String keyPrefix, Topology topology) {

        public Options {
            topology = topology == null ? Topology.STANDALONE : topology;
            if (topology != Topology.STANDALONE && externalRedis != null) {
                throw new IllegalArgumentException("A topology is for the embedded Redis; an external Redis has its own");
            }
            if (topology != Topology.STANDALONE && dataDir != null) {
                throw new IllegalArgumentException("A data folder is for the embedded standalone Redis; "
                        + "the local " + topology.label() + " keeps its data in memory");
            }
            if (httpPort < 0 || httpPort > 65_535) {
                throw new IllegalArgumentException("HTTP port must be from 0 to 65535, got " + httpPort);
            }
            if (dataDir != null && externalRedis != null) {
                throw new IllegalArgumentException("A data folder is for the embedded Redis; an external Redis keeps its own data");
            }
            simulator = simulator == null ? SimulatorSettings.defaults() : simulator;
        }

        /** Embedded Redis in memory, a free HTTP port, prefix {@code tk}, no simulator. */
        public static Options defaults() {
            return new Options(0, false, SimulatorSettings.defaults(), null, null, null, Topology.STANDALONE);
        }

        public Options withHttpPort(int port) {
            return new Options(port, simulate, simulator, dataDir, externalRedis, keyPrefix, topology);
        }

        /** Starts the simulator with these settings. */
        public Options withSimulator(SimulatorSettings settings) {
            return new Options(httpPort, true, settings, dataDir, externalRedis, keyPrefix, topology);
        }

        public Options withoutSimulator() {
            return new Options(httpPort, false, simulator, dataDir, externalRedis, keyPrefix, topology);
        }

        public Options withDataDir(Path dir) {
            return new Options(httpPort, simulate, simulator, dir, externalRedis, keyPrefix, topology);
        }

        public Options withExternalRedis(RedisSettings settings) {
            return new Options(httpPort, simulate, simulator, dataDir, settings, keyPrefix, topology);
        }

        public Options withKeyPrefix(String prefix) {
            return new Options(httpPort, simulate, simulator, dataDir, externalRedis, prefix, topology);
        }

        /** Starts the embedded Redis as this topology (standalone by default). */
        public Options withTopology(Topology t) {
            return new Options(httpPort, simulate, simulator, dataDir, externalRedis, keyPrefix, t);
        }
    }

    private final Options options;
    private final RedisServerProcess redisProcess;
    // the embedded Cluster or Sentinel set, when the topology is not standalone
    private final AutoCloseable deployment;
    private final RedisSettings redisSettings;
    private final RedisConnections connections;
    private final ApiServer api;
    private final Duration startupTime;
    private final Thread shutdownHook = new Thread(this::close, "local-instance-shutdown");
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private TrafficSimulator simulator;

    private LocalInstance(Options options, RedisServerProcess redisProcess, AutoCloseable deployment, RedisSettings redisSettings,
                          RedisConnections connections, ApiServer api, Duration startupTime) {
        this.options = options;
        this.redisProcess = redisProcess;
        this.deployment = deployment;
        this.redisSettings = redisSettings;
        this.connections = connections;
        this.api = api;
        this.startupTime = startupTime;
    }

    /**
     * Starts Redis (or connects to the external one), the HTTP API and, if asked, the simulator.
     *
     * @throws io.trackeep.dashboard.service.redis.RedisAccessException when the external Redis is
     *         unreachable or refuses the credentials
     * @throws java.io.UncheckedIOException when the HTTP port cannot be bound
     * @throws IllegalStateException when redis-server cannot be started
     */
    public static LocalInstance start(Options options) {
        return start(options, null);
    }

    /**
     * Like {@link #start(Options)}, on an embedded redis-server that is already running (started
     * with {@link #redisServerOptions}): the window starts the server first, to connect to it at
     * once, and the rest of the instance afterwards. The instance takes the server over and stops
     * it on {@link #close()}; when this start fails, the server is left running, the caller's to
     * stop (the window may go on watching it without the HTTP API).
     */
    public static LocalInstance startOn(RedisServerProcess server, Options options) {
        if (options.externalRedis() != null) {
            throw new IllegalArgumentException("An instance on an external Redis starts no redis-server of its own");
        }
        return start(options, Objects.requireNonNull(server));
    }

    /** How {@link #start(Options)} starts its embedded redis-server. */
    public static RedisServerProcess.Options redisServerOptions(Options options) {
        return RedisServerProcess.Options.defaults().withDataDir(options.dataDir());
    }

    private static LocalInstance start(Options options, RedisServerProcess running) {
        long begin = System.nanoTime();
        RedisServerProcess process = running;
        AutoCloseable deployment = null;
        RedisConnections connections = null;
        ApiServer api = null;
        try {
            RedisSettings settings;
            if (options.externalRedis() != null) {
                settings = options.externalRedis();
            } else if (options.topology() == Topology.CLUSTER) {
                ClusterTopology cluster = ClusterTopology.start();
                deployment = cluster;
                settings = cluster.settings();
            } else if (options.topology() == Topology.SENTINEL) {
                SentinelTopology sentinel = SentinelTopology.start();
                deployment = sentinel;
                settings = sentinel.settings();
            } else {
                if (process == null) {
                    process = RedisServerProcess.start(redisServerOptions(options));
                }
                settings = process.settings();
            }
            if (options.keyPrefix() != null) {
                settings = settings.withPrefix(options.keyPrefix());
            }
            long redisReady = System.nanoTime();
            connections = RedisConnections.open(settings);
            long connected = System.nanoTime();
            api = ApiServer.start(connections, options.httpPort());
            log.debug("Started: redis-server {} ms, connection {} ms, HTTP API {} ms", (redisReady - begin) / 1_000_000,
                    (connected - redisReady) / 1_000_000, (System.nanoTime() - connected) / 1_000_000);
            LocalInstance instance = new LocalInstance(options, process, deployment, settings, connections, api,
                    Duration.ofNanos(System.nanoTime() - begin));
            Runtime.getRuntime().addShutdownHook(instance.shutdownHook);
            if (options.simulate()) {
                try {
                    instance.startSimulator(options.simulator());
                } catch (RuntimeException e) {
                    instance.close();
                    throw e;
                }
            }
            log.info("Local instance ready in {} ms: Redis {}, HTTP {}", instance.startupTime.toMillis(),
                    settings.describe(), api.baseUrl());
            return instance;
        } catch (RuntimeException | Error e) {
            closeQuietly(api);
            closeQuietly(connections);
            if (running == null) {
                closeQuietly(process);
            }
            closeQuietly(deployment);
            throw e;
        }
    }

    /** What the embedded Redis is: one server, a Sentinel set or a Cluster (an external Redis: what its settings name). */
    public Topology topology() {
        return redisSettings.topology();
    }

    public Options options() { return options; }

    /** How to connect to this instance's Redis, password and key prefix included. */
    public RedisSettings redisSettings() { return redisSettings; }

    /**
     * {@code redis://:<password>@127.0.0.1:<port>} (with user name, database and {@code rediss}
     * as configured): a secret, meant for the user's own throw-away instance. Show
     * {@link RedisSettings#describe()} anywhere else.
     */
    public String redisUriWithPassword() {
        return redisSettings.uriWithCredentials();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI httpBaseUrl() {
        return api.baseUrl();
    }

    /** True when the instance uses an external Redis rather than its own redis-server (or Cluster, or Sentinel set). */
    public boolean usesExternalRedis() {
        return redisProcess == null && deployment == null;
    }

    /** The embedded Cluster, when the instance runs on one. */
    public Optional<ClusterTopology> cluster() {
        return deployment instanceof ClusterTopology c ? Optional.of(c) : Optional.empty();
    }

    /** The embedded Sentinel set, when the instance runs on one. */
    public Optional<SentinelTopology> sentinelSet() {
        return deployment instanceof SentinelTopology s ? Optional.of(s) : Optional.empty();
    }

    /** The embedded standalone redis-server (empty with an external Redis or a topology); tests stop and restart it to see outages. */
    public Optional<RedisServerProcess> embeddedRedis() {
        return Optional.ofNullable(redisProcess);
    }

    /** From the call of {@link #start} until Redis, connections and HTTP were up (the simulator not counted). */
    public Duration startupTime() { return startupTime; }

    /** The running simulator, if any. */
    public synchronized Optional<TrafficSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    /** Starts the simulator against this instance's API, replacing (and stopping) a running one. */
    public synchronized TrafficSimulator startSimulator(SimulatorSettings settings) {
        if (closed.get()) {
            throw new IllegalStateException("The local instance is closed");
        }
        stopSimulator();
        simulator = TrafficSimulator.start(api.baseUrl(), settings);
        return simulator;
    }

    /** Stops the simulator, if one runs. */
    public synchronized void stopSimulator() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    /**
     * Waits until the instance is closed (by {@link #close()} or the shutdown hook), at most
     * {@code timeout} (null: without limit). Returns true when it is closed.
     */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        if (timeout == null) {
            closedLatch.await();
            return true;
        }
        return closedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops simulator, HTTP server, connections and redis-server (every process of a topology), in that order. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            synchronized (this) {
                closeQuietly(simulator);
                simulator = null;
            }
            closeQuietly(api);
            closeQuietly(connections);
            closeQuietly(redisProcess);
            closeQuietly(deployment);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // called by the hook itself, or during JVM shutdown: nothing to remove
            }
            log.info("Local instance stopped");
        } finally {
            closedLatch.countDown();
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            // Shutting down goes on with the next part: a failure here must not leave redis-server running.
            log.warn("Stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
        }
    }
}
