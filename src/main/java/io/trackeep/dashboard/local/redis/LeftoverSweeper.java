package io.trackeep.dashboard.local.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Cleans up after a JVM that died without running its shutdown hooks (SIGKILL, power loss): its
 * redis-server child would otherwise keep running and its temporary folder stay behind. Each
 * server folder holds an {@code owner} file with the JVM's pid and the server's pid; the next
 * start removes folders whose JVM is gone and stops their server — only when that process is
 * still the redis-server binary of that very folder, so a reused pid is never touched.
 */
final class LeftoverSweeper {

    private static final Logger log = LoggerFactory.getLogger(LeftoverSweeper.class);
    private static final String OWNER_FILE = "owner";
    /** Folders without an owner file (a start that never got that far) are removed once this old. */
    private static final Duration ORPHAN_AGE = Duration.ofHours(1);

    private LeftoverSweeper() {
    }

    static void recordOwner(Path workDir, long serverPid) {
        try {
            Files.writeString(workDir.resolve(OWNER_FILE), ProcessHandle.current().pid() + " " + serverPid + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.debug("Cannot record the owner of {}: {}", workDir, e.getMessage());
        }
    }

    static void sweep(Path tmp, String prefix) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, prefix + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && Files.isWritable(dir)) {
                    sweepOne(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Sweeping leftover redis-server folders failed: {}", e.getMessage());
        }
    }

    private static void sweepOne(Path dir) throws IOException {
        Path owner = dir.resolve(OWNER_FILE);
        if (!Files.exists(owner)) {
            if (Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(ORPHAN_AGE))) {
                FolderDeletion.delete(dir);
            }
            return;
        }
        String[] pids = Files.readString(owner, StandardCharsets.UTF_8).strip().split(" ");
        if (pids.length != 2 || ProcessHandle.of(Long.parseLong(pids[0])).map(ProcessHandle::isAlive).orElse(false)) {
            return; // malformed, or its JVM still runs: not ours to touch
        }
        Optional<ProcessHandle> server = ProcessHandle.of(Long.parseLong(pids[1]));
        server.filter(p -> p.info().command().map(c -> c.startsWith(dir.toString())).orElse(false))
                .ifPresent(p -> {
                    log.info("Stopping leftover redis-server (pid {}) of a JVM that exited without cleaning up", p.pid());
                    p.destroy();
                });
        FolderDeletion.delete(dir);
    }
}
