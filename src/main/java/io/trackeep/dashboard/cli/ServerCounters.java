package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.redis.RedisConnections;

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
        double scripts = redis.sync().info("commandstats").lines()
                .filter(l -> l.startsWith("cmdstat_evalsha:") || l.startsWith("cmdstat_eval:"))
                .mapToDouble(ServerCounters::usec)
                .sum();
        return new Reading(cpu, scripts);
    }

    String version() {
        return redis.sync().info("server").lines()
                .filter(l -> l.startsWith("redis_version:")).map(l -> l.substring("redis_version:".length()).strip())
                .findFirst().orElse("?");
    }

    private static double usec(String line) {
        for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
            if (field.startsWith("usec=")) {
                return Double.parseDouble(field.substring("usec=".length()));
            }
        }
        return 0;
    }
}
