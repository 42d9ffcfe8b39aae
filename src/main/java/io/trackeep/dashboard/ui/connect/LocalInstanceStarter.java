package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisSettings;

import java.util.Optional;

/**
 * What the "Local instance" profile starts: for now a bare {@link RedisServerProcess} on a free
 * loopback port with a random password. Kept to this one class so that the full local instance
 * (service layer, HTTP API, simulator) can take its place later.
 *
 * <p>The process is started on the first {@link #start()}, reused (and restarted on its port
 * if it died) by later ones, and stopped by {@link #close()} when the window closes;
 * {@link RedisServerProcess} also stops it from a shutdown hook on other exit paths.
 */
public class LocalInstanceStarter implements AutoCloseable {

    private final RedisServerProcess.Options options;
    private RedisServerProcess server;

    public LocalInstanceStarter() {
        this(RedisServerProcess.Options.defaults());
    }

    public LocalInstanceStarter(RedisServerProcess.Options options) {
        this.options = options;
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

    /** The running server, if started (tests stop and restart it to see the window react). */
    public synchronized Optional<RedisServerProcess> server() {
        return Optional.ofNullable(server);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
