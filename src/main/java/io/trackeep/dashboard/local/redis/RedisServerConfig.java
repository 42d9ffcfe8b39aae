package io.trackeep.dashboard.local.redis;

import java.nio.file.Path;
import java.util.List;

/**
 * The configuration a {@link RedisServerProcess} starts its server with: on loopback only, behind
 * the password, in the foreground logging to its standard output; with a data folder, append-only
 * persistence, without one, none at all. The options' own lines follow, so one that repeats a
 * directive set here has the last word, as in any redis.conf.
 */
final class RedisServerConfig {

    private RedisServerConfig() {
    }

    /**
     * @param dir     the server's working directory (the data folder, or else the private folder)
     * @param persist whether a data folder keeps the data
     */
    static String text(String host, int port, String password, Path dir, boolean persist, List<String> extraConfig) {
        StringBuilder c = new StringBuilder()
                .append("port ").append(port).append('\n')
                .append("bind ").append(host).append('\n')
                .append("protected-mode yes\n")
                .append("requirepass ").append(password).append('\n')
                .append("daemonize no\n")
                .append("dir \"").append(dir.toAbsolutePath()).append("\"\n")
                .append("logfile \"\"\n")
                .append("loglevel notice\n");
        if (persist) {
            c.append("appendonly yes\n").append("save 60 1000\n");
        } else {
            c.append("save \"\"\n").append("appendonly no\n");
        }
        for (String line : extraConfig) {
            c.append(line).append('\n');
        }
        return c.toString();
    }
}
