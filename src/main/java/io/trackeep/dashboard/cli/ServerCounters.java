package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.health.CommandStats;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.util.Map;

/**
 * redis-server's cumulative CPU time (INFO cpu) and time inside scripts (INFO commandstats),
 * read before and after a benchmark run: their differences are what the run cost the server.
 */
final class ServerCounters {

    private final RedisConnections redis;

    ServerCounters(RedisConnections redis) {
        this.redis = redis;
    }

    /** Server CPU (user + system) and script time in EVAL/EVALSHA, in microseconds since start. */
    record Reading(double cpuMicros, double scriptMicros) {
        static final Reading ZERO = new Reading(0, 0);

        Reading minus(Reading other) {
            return new Reading(cpuMicros - other.cpuMicros, scriptMicros - other.scriptMicros);
        }

        Reading plus(Reading other) {
            return new Reading(cpuMicros + other.cpuMicros, scriptMicros + other.scriptMicros);
        }
    }

    Reading read() {
        double cpu = 0;
        for (String line : redis.sync().info("cpu").lines().toList()) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                cpu += Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()) * 1e6;
            }
        }
        Map<String, CommandStats.Totals> commands = CommandStats.parse(redis.sync().info("commandstats"));
        double scripts = commands.getOrDefault("evalsha", CommandStats.Totals.NONE).micros()
                + commands.getOrDefault("eval", CommandStats.Totals.NONE).micros();
        return new Reading(cpu, scripts);
    }

    String version() {
        return redis.sync().info("server").lines()
                .filter(l -> l.startsWith("redis_version:")).map(l -> l.substring("redis_version:".length()).strip())
                .findFirst().orElse("?");
    }
}
