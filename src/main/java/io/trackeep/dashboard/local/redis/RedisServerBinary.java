package io.trackeep.dashboard.local.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Which {@code redis-server} a {@link RedisServerProcess} runs: the one the options name, else
 * the one {@code REDIS_SERVER} names, else the binary shipped inside
 * {@code com.github.codemonstur:embedded-redis} for this OS and CPU, copied into the process's
 * private folder (a jar entry cannot be executed).
 */
final class RedisServerBinary {

    private RedisServerBinary() {
    }

    /**
     * @param explicit the binary the options name, or null
     * @param folder   the owner-only folder the embedded binary is copied into
     */
    static Path resolve(Path explicit, Path folder) throws IOException {
        if (explicit != null) {
            return requireExecutable(explicit, "configured");
        }
        String env = System.getenv("REDIS_SERVER");
        if (env != null && !env.isBlank()) {
            return requireExecutable(Path.of(env), "REDIS_SERVER");
        }
        String resource = embeddedResourceName();
        try (InputStream in = RedisServerBinary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No embedded redis-server for this platform (" + resource
                        + "); set REDIS_SERVER to a redis-server binary");
            }
            Path target = folder.resolve("redis-server");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            return target;
        }
    }

    private static Path requireExecutable(Path p, String source) {
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("The " + source + " redis-server is not an executable file: " + p);
        }
        return p;
    }

    /** Which binary inside the embedded-redis jar fits this OS and CPU. */
    static String embeddedResourceName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        boolean x86 = arch.equals("x86") || arch.equals("i386") || arch.equals("i686");
        if (os.contains("win")) {
            return "redis-server-5.0.14.1-windows-amd64.exe";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        if (arm) {
            return "redis-server-6.2.7-linux-arm64";
        }
        return x86 ? "redis-server-6.2.7-linux-386" : "redis-server-6.2.6-v5-linux-amd64";
    }
}
