package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --redis-server PATH}: the redis-server a benchmark starts for itself (a picocli mixin). */
final class RedisServerOption {

    @Option(names = "--redis-server", paramLabel = "PATH",
            description = "redis-server binary to run (default: REDIS_SERVER, else the embedded one).")
    Path binary;

    /** How to start the throw-away server: this binary, or {@code REDIS_SERVER} or the embedded one when none was given. */
    RedisServerProcess.Options options() {
        return RedisServerProcess.Options.defaults().withBinary(binary);
    }
}
