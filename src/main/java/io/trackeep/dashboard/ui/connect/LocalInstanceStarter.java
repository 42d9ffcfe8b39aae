package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the "Local instance" profile starts: for now a bare {@link RedisServerProcess} on a free
 * loopback port with a random password. Kept to this one class so that the full local instance
 * (service layer, HTTP API, simulator) can take its place later.
 *
 * <p>The process is started on the first {@link #connect()}, reused (and restarted on its port if
 * it died) by later ones, and stopped by {@link #close()} when the window closes;
 * {@link RedisServerProcess} also stops it from a shutdown hook on other exit paths.
 * {@link #prepare()} does the slow part (starting Redis, opening the first connection, which
 * loads Lettuce) in the background while the window is still being built.
 */
public class LocalInstanceStarter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInstanceStarter.class);

    private final RedisServerProcess.Options options;
    private RedisServerProcess server;
    private CompletableFuture<RedisConnections> prepared;

    public LocalInstanceStarter() {
        this(RedisServerProcess.Options.defaults());
    }

    public LocalInstanceStarter(RedisServerProcess.Options options) {
        this.options = options;
    }

    /** Starts the server and opens a connection on a background thread now; the next {@link #connect()} takes it over. */
    public synchronized void prepare() {
        if (prepared != null) {
            return;
        }
        prepared = new CompletableFuture<>();
        CompletableFuture<RedisConnections> target = prepared;
        Thread t = new Thread(() -> {
            try {
                target.complete(RedisConnections.open(start()));
            } catch (RuntimeException e) {
                target.completeExceptionally(e);
            }
        }, "local-instance-prepare");
        t.setDaemon(true);
        t.start();
    }

    /** Starts the local Redis if needed and returns how to reach it. Blocks: never call on the FX thread. */
    public synchronized RedisSettings start() {
        if (server == null) {
            server = RedisServerProcess.start(options);
        } else if (!server.isRunning()) {
            server.restart();
        }
        return server.settings();
    }

    /**
     * A new connection to the local instance, starting it if needed (the prepared connection the
     * first time). Blocks: never call on the FX thread.
     */
    public RedisConnections connect() {
        CompletableFuture<RedisConnections> ready;
        synchronized (this) {
            ready = prepared;
            prepared = null;
        }
        if (ready != null) {
            try {
                RedisConnections c = ready.join();
                if (c.isOpen()) {
                    return c;
                }
                c.close();
            } catch (RuntimeException e) {
                // Try once more below, so that the caller gets the failure of a fresh attempt.
                log.debug("Preparing the local instance failed: {}", e.getMessage());
            }
        }
        return RedisConnections.open(start());
    }

    /** The running server, if started (tests stop and restart it to see the window react). */
    public synchronized Optional<RedisServerProcess> server() {
        return Optional.ofNullable(server);
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
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }
}
