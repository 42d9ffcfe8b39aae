package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.local.sim.SimulatorSettings;
import io.trackeep.dashboard.local.sim.TrafficSimulator;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code local}: runs a local instance of every feature (see {@link LocalInstance}) until Ctrl-C
 * or {@code --duration}. Standard output gets the Redis URI (with its password: the user's own
 * throw-away instance), with {@code --topology sentinel} the Sentinels' own password on a line of
 * its own, and the HTTP base URL; progress and the final simulator figures go to standard error.
 */
@Command(name = "local",
        mixinStandardHelpOptions = true,
        description = {"Runs a local instance: redis-server on loopback with a random password, the service layer "
                + "behind an HTTP API on loopback and, with --simulate, a traffic simulator.",
                "Prints the Redis URI and the HTTP base URL, then runs until Ctrl-C or --duration."})
public final class LocalCommand extends CliCommand {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "HTTP port on 127.0.0.1 (default: a free port)")
    int port;

    @Option(names = "--simulate", description = "Start the traffic simulator")
    boolean simulate;

    @Option(names = "--users", paramLabel = "N", description = "Simulated users (with --simulate; default 50)")
    Integer users;

    @Option(names = "--rps", paramLabel = "N", description = "Simulated requests per second (with --simulate; default 40)")
    Double rps;

    @Option(names = "--abuse", paramLabel = "SHARE", description = "Share 0..1 of requests from abusive clients (with --simulate; default 0.1)")
    Double abuse;

    @Option(names = "--chat-rate", paramLabel = "N", description = "Chat messages per second (with --simulate; default 2)")
    Double chatRate;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 30s, 5m, PT1M (default: until Ctrl-C)")
    Duration duration;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Persist the embedded Redis's data in this folder")
    Path dataDir;

    @Option(names = "--topology", paramLabel = "KIND", defaultValue = "standalone", converter = TopologyConverter.class,
            description = "What the embedded Redis is: standalone (one server), sentinel (a master, a replica and 3 Sentinels) "
                    + "or cluster (3 masters, 3 replicas); default: ${DEFAULT-VALUE}")
    Topology topology;

    @Option(names = "--redis", paramLabel = "URI",
            description = "Use this Redis instead of starting one: redis://[user:password@]host:port[/db], "
                    + "redis-sentinel://[user:password@]s1:p1,s2:p2[/db]#master or redis-cluster://[user:password@]n1:p1,n2:p2 "
                    + "(password also from REDIS_PASSWORD, the Sentinels' from REDIS_SENTINEL_PASSWORD)")
    String redisUri;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "CA certificate(s) to verify a --redis rediss:// server")
    Path caFile;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = RedisSettings.DEFAULT_PREFIX,
            description = "Key prefix of the Trackeep data (default: ${DEFAULT-VALUE})")
    String prefix;

    @Override
    public Integer call() throws InterruptedException {
        LocalInstance.Options options = options();
        PrintWriter out = out();
        PrintWriter err = err();
        try (LocalInstance instance = LocalInstance.start(options)) {
            // An external Redis's password is the user's own secret from elsewhere: not echoed.
            out.println("Redis: " + (instance.usesExternalRedis() ? instance.redisSettings().describe() : instance.redisUriWithPassword()));
            if (!instance.usesExternalRedis() && instance.redisSettings().sentinelPassword() != null) {
                out.println("Sentinel password: " + instance.redisSettings().sentinelPassword());
            }
            out.println("HTTP:  " + instance.httpBaseUrl());
            out.flush();
            err.println("Local instance ready in " + instance.startupTime().toMillis() + " ms"
                    + instance.simulator().map(s -> "; simulating " + describe(s.settings())).orElse("")
                    + (duration == null ? ". Ctrl-C stops it." : "; stopping after " + duration.toString().substring(2).toLowerCase(Locale.ROOT) + "."));
            err.flush();
            Optional<TrafficSimulator> simulator = instance.simulator(); // the shutdown hook clears it
            instance.awaitClosed(duration);
            simulator.ifPresent(s -> err.println("Simulator: " + s.stats().summary()));
            err.flush();
        }
        return 0;
    }

    private LocalInstance.Options options() {
        boolean simulatorOptions = users != null || rps != null || abuse != null || chatRate != null;
        if (simulatorOptions && !simulate) {
            throw badOption("--users, --rps, --abuse and --chat-rate need --simulate");
        }
        if (dataDir != null && redisUri != null) {
            throw badOption("--data-dir is for the embedded Redis; it cannot go with --redis");
        }
        if (caFile != null && redisUri == null) {
            throw badOption("--ca-file is for a --redis rediss:// server; the embedded Redis runs without TLS");
        }
        if (topology != Topology.STANDALONE && redisUri != null) {
            throw badOption("--topology is for the embedded Redis; --redis names its own");
        }
        if (topology != Topology.STANDALONE && dataDir != null) {
            throw badOption("--data-dir is for the embedded standalone Redis; "
                    + "the local " + topology.label() + " keeps its data in memory");
        }
        if (port < 0 || port > 65_535) {
            throw badOption("--port must be from 0 (any free port) to 65535, got " + port);
        }
        SimulatorSettings sim = SimulatorSettings.defaults();
        try {
            if (users != null) {
                sim = sim.withUsers(users);
            }
            if (rps != null) {
                sim = sim.withRequestsPerSecond(rps);
            }
            if (abuse != null) {
                sim = sim.withAbuseShare(abuse);
            }
            if (chatRate != null) {
                sim = sim.withChatPerSecond(chatRate);
            }
        } catch (IllegalArgumentException e) {
            throw badOption(e.getMessage());
        }
        LocalInstance.Options options = LocalInstance.Options.defaults().withHttpPort(port).withDataDir(dataDir)
                .withKeyPrefix(prefix).withTopology(topology);
        if (redisUri != null) {
            options = options.withExternalRedis(RedisOptions.settings(redisUri, prefix, false, caFile));
        }
        return simulate ? options.withSimulator(sim) : options;
    }

    /** {@code standalone}, {@code sentinel} or {@code cluster}, in any case. */
    static final class TopologyConverter implements CommandLine.ITypeConverter<Topology> {
        @Override
        public Topology convert(String value) {
            try {
                return Topology.ofLabel(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    private static String describe(SimulatorSettings s) {
        return s.users() + " users, " + s.requestsPerSecond() + " req/s, " + Math.round(s.abuseShare() * 100)
                + " % abusive, " + s.chatPerSecond() + " chat msg/s";
    }
}
