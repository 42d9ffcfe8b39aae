package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackeep.dashboard.monitor.DashboardSnapshot;
import io.trackeep.dashboard.monitor.overview.ServerProbe;
import io.trackeep.dashboard.monitor.overview.ServerSnapshot;
import io.trackeep.dashboard.service.health.Alert;
import io.trackeep.dashboard.service.health.AlertRules;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.health.KeyspaceLookups;
import io.trackeep.dashboard.service.health.RedisInfo;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.DeploymentView;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.redis.Topology;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * {@code snapshot [--json | --check]}: the dashboard's figures, read once. With {@code --json},
 * one JSON object on one line ({@link DashboardSnapshot}); without, every one of its sections for
 * people; with {@code --check}, a monitoring plugin's answer (see {@link Check}).
 *
 * <p>Alerts use the thresholds saved by the window (the defaults when there are none) and, as
 * there is no earlier check to compare with, judge the hit rate since the server started and
 * slow commands of the last minute; evictions per minute need two checks and are not judged.
 *
 * <p>Exit codes without {@code --check}: 0 every section read; {@value #INCOMPLETE} some
 * section could not be read (refused by the ACL, an error reply), the others are printed and
 * the reasons said; 3 Redis unreachable, a timeout or a wrong password (stderr); 1 any other
 * failure; 2 a usage error.
 *
 * <p>Both forms end with the deployment's {@code topology} ({@link DeploymentView}): the one
 * server, the Sentinels' master with its replicas and the Sentinels, or every Cluster node with
 * its role, slots and failure flags. The rest keeps its schema; on a Cluster, server figures are
 * one master's (see README).
 */
@Command(name = "snapshot",
        mixinStandardHelpOptions = true,
        description = "Prints what the dashboard shows, once: server figures, alerts, sessions, rate limits, caches, "
                + "leaderboards and channels (JSON with --json). With --check: one status line and the exit code of a "
                + "monitoring plugin (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).")
final class SnapshotCommand extends RedisCommand {

    /** Exit code when some section could not be read; what could be read is printed. */
    static final int INCOMPLETE = 5;

    @CommandLine.ArgGroup(exclusive = true)
    Output output = new Output();

    static final class Output {
        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Option(names = "--check", description = "Judge the server's alerts only, as a monitoring plugin: first line "
                + "'TRACKEEP REDIS <OK|WARNING|CRITICAL|UNKNOWN> - ...' with performance data, exit 0/1/2/3.")
        boolean check;
    }

    @Override
    public Integer call() {
        if (output.check) {
            return check();
        }
        CompletableFuture<AlertThresholds> thresholds = savedThresholds();
        DashboardSnapshot snapshot;
        DeploymentView topology;
        try (RedisConnections connection = redis.open()) {
            ServerSnapshot server = server(connection, thresholds);
            snapshot = DashboardSnapshot.collectOnce(connection, server);
            try {
                topology = connection.deployment();
            } catch (RedisAccessException e) {
                if (e.isUnavailable() || e.kind() == RedisAccessException.Kind.AUTH_FAILED) {
                    throw e;
                }
                topology = null; // ROLE or CLUSTER NODES refused: a section like the others
                snapshot = snapshot.withUnavailable("topology", e.getMessage());
            }
        }
        PrintWriter out = out();
        if (output.json) {
            ObjectNode doc = (ObjectNode) Json.toTree(snapshot);
            doc.set("topology", topology == null ? null : Json.toTree(topology));
            out.println(Json.write(doc));
        } else {
            printSummary(out, snapshot, redis.settings().describe(), new KeySchema(redis.settings().keyPrefix()));
            if (topology == null) {
                out.println();
                out.println("Topology: unavailable (" + Printable.message(snapshot.unavailable().get("topology")) + ")");
            } else {
                printTopology(out, topology);
            }
        }
        out.flush();
        if (!snapshot.complete()) {
            PrintWriter err = err();
            err.println("warning: not every section could be read: " + String.join(", ", snapshot.unavailable().keySet()));
            err.flush();
            return INCOMPLETE;
        }
        return 0;
    }

    /** The server figures and alerts; an unreachable Redis or refused credentials end the command (exit 3). */
    private static ServerSnapshot server(RedisConnections connection, CompletableFuture<AlertThresholds> thresholds) {
        // the first command of a fresh JVM pays for loading Lettuce's command classes: time the second PING
        RedisErrors.call("PING", () -> connection.sync().ping());
        ServerSnapshot server = new ServerProbe(thresholds.join()).collect(connection);
        if (server.status() == HealthStatus.DOWN) {
            throw new RedisAccessException(server.report().problem().kind(), server.report().problem().message());
        }
        return server;
    }

    private int check() {
        PrintWriter out = out();
        CompletableFuture<AlertThresholds> thresholds = savedThresholds();
        Check result;
        try (RedisConnections connection = redis.open()) {
            result = Check.of(server(connection, thresholds));
        } catch (RuntimeException e) {
            result = Check.unknown(e.getMessage());
        }
        out.println(result.statusLine());
        result.details().forEach(d -> out.println(Printable.message(d)));
        out.flush();
        return result.state().exitCode();
    }

    /**
     * The thresholds the window saved, so the command and the window agree on what an alert is;
     * read on another thread while the connection is made (the profiles file is JSON: the first
     * read of a JVM loads Jackson, a tenth of the command's start).
     */
    private static CompletableFuture<AlertThresholds> savedThresholds() {
        // SLF4J starts here, on this thread: loggers asked for on two threads while it starts are replayed with a warning
        LoggerFactory.getILoggerFactory();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ProfileStore.open().settings().alertThresholds();
            } catch (RuntimeException unreadable) {
                return AlertThresholds.DEFAULTS; // the window reports an unreadable profiles file; here the defaults do
            }
        });
    }

    /**
     * The answer of {@code snapshot --check}, as monitoring plugins give it (Nagios, Icinga,
     * Checkmk, Zabbix's external checks): state from the alerts in force (the worst severity),
     * UNKNOWN when there is nothing to judge (Redis unreachable, credentials refused, INFO
     * refused); first line {@code TRACKEEP REDIS <STATE> - <summary> | <performance data>}, then
     * one line per alert.
     */
    record Check(State state, String summary, List<String> details, String perfData) {

        enum State {
            OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

            private final int exitCode;

            State(int exitCode) {
                this.exitCode = exitCode;
            }

            int exitCode() { return exitCode; }
        }

        static Check of(ServerSnapshot s) {
            if (s.status() != HealthStatus.UP) {
                return unknown("no figures to judge: " + (s.report().problem() == null ? "INFO could not be read"
                        : s.report().problem().message()));
            }
            List<Alert> alerts = s.alerts();
            State state = alerts.stream().anyMatch(a -> a.severity() == Alert.Severity.CRITICAL) ? State.CRITICAL
                    : alerts.isEmpty() ? State.OK : State.WARNING;
            String summary = alerts.isEmpty() ? "no alerts"
                    : alerts.stream().map(a -> a.rule() + ": " + a.message()).collect(Collectors.joining("; "));
            List<String> details = new ArrayList<>(alerts.stream().map(a -> a.severity() + " " + a.rule() + ": " + a.message()).toList());
            if (s.report().slowLogRefused() != null) {
                summary += "; slow commands not judged (SLOWLOG refused)";
                details.add("not judged: slow commands: " + s.report().slowLogRefused());
            }
            return new Check(state, summary, details, perfData(s));
        }

        static Check unknown(String why) {
            return new Check(State.UNKNOWN, why == null ? "the check failed" : why, List.of(), "");
        }

        String statusLine() {
            return Printable.message("TRACKEEP REDIS " + state + " - " + summary) + (perfData.isEmpty() ? "" : " | " + perfData);
        }

        /** Performance data in the plugin format: {@code label=value[unit]}, one space apart. */
        private static String perfData(ServerSnapshot s) {
            List<String> p = new ArrayList<>();
            if (s.pingMicros() != null) {
                p.add(String.format(Locale.ROOT, "ping=%.3fms", s.pingMicros() / 1000.0));
            }
            if (s.usedMemoryBytes() != null) {
                p.add("used_memory=" + s.usedMemoryBytes() + "B");
            }
            if (s.connectedClients() != null) {
                p.add("clients=" + s.connectedClients());
            }
            if (s.opsPerSec() != null) {
                p.add("ops_per_sec=" + s.opsPerSec());
            }
            KeyspaceLookups lookups = KeyspaceLookups.sinceStart(s.report()); // without this command's own reads
            if (lookups != null && lookups.total() > 0) {
                p.add(String.format(Locale.ROOT, "hit_rate=%.1f%%", 100.0 * lookups.hitRate()));
            }
            if (s.evictedKeys() != null) {
                p.add("evicted_keys=" + s.evictedKeys() + "c");
            }
            return String.join(" ", p);
        }
    }

    // ---- for people -------------------------------------------------------------------------

    static void printSummary(PrintWriter out, DashboardSnapshot snapshot, String target, KeySchema keys) {
        printServer(out, snapshot, target);
        Map<String, String> unavailable = snapshot.unavailable();

        heading(out, "Sessions", "sessions", unavailable);
        if (snapshot.sessions() != null) {
            SessionsSummary.print(out, snapshot.sessions());
        }
        heading(out, "Rate limits", "rateLimits", unavailable);
        if (snapshot.rateLimits() != null) {
            RateLimitCommand.ListLimiters.print(snapshot.rateLimits(), out);
            if (unavailable.containsKey("rateLimits.topClients")) {
                out.println("Clients are not ranked: " + Printable.message(unavailable.get("rateLimits.topClients")));
            }
        }
        heading(out, "Caches", "caches", unavailable);
        if (snapshot.caches() != null) {
            CacheCommand.Stats.print(snapshot.caches(), out);
        }
        heading(out, "Leaderboards", "leaderboards", unavailable);
        if (snapshot.leaderboards() != null) {
            LeaderboardCommand.print(snapshot.leaderboards(), out, keys.leaderboardPattern());
        }
        heading(out, "Channels", "channels", unavailable);
        if (snapshot.channels() != null) {
            PubSubCommand.print(snapshot.channels(), out, keys.prefix());
        }
        if (!snapshot.unrecognised().isEmpty()) {
            out.println();
            out.println("Not understood (named like a family's keys, but none of them; skipped): " + snapshot.unrecognised().entrySet()
                    .stream().map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
        }
    }

    private static void printServer(PrintWriter out, DashboardSnapshot snapshot, String target) {
        ServerSnapshot s = snapshot.server();
        RedisInfo info = s.info();
        out.printf(Locale.ROOT, "Redis %s (%s) at %s%n", orUnknown(s.version()), orUnknown(info.server().mode()), target);
        if (s.status() != HealthStatus.UP) {
            out.println("  INFO was refused (" + Printable.message(snapshot.unavailable().get("server")) + "): no figures");
        }
        out.printf(Locale.ROOT, "  ping        %s%n", s.pingMicros() == null ? "?" : String.format(Locale.ROOT, "%.2f ms", s.pingMicros() / 1000.0));
        if (s.status() == HealthStatus.UP) {
            out.printf(Locale.ROOT, "  uptime      %s%n", info.server().uptimeSeconds() == null ? "?" : duration(info.server().uptimeSeconds()));
            out.printf(Locale.ROOT, "  memory      %s%n", memory(s));
            out.printf(Locale.ROOT, "  clients     %s%n", orUnknown(s.connectedClients()));
            out.printf(Locale.ROOT, "  ops/s       %s%n", orUnknown(s.opsPerSec()));
            out.printf(Locale.ROOT, "  hit rate    %s%n", hitRate(s));
            out.printf(Locale.ROOT, "  evicted     %s keys since start%n", orUnknown(s.evictedKeys()));
        }
        if (s.status() != HealthStatus.UP) {
            out.println("Alerts: not judged, without the server's figures.");
            return;
        }
        if (s.report().slowLogRefused() != null) {
            out.println("Slow commands: not judged (" + Printable.message(s.report().slowLogRefused()) + ").");
        }
        if (snapshot.alerts().isEmpty()) {
            out.println("No alerts.");
        } else {
            out.println(snapshot.alerts().size() + (snapshot.alerts().size() == 1 ? " alert:" : " alerts:"));
            for (Alert a : snapshot.alerts()) {
                out.printf(Locale.ROOT, "  %-8s %-16s %s%n", a.severity(), a.rule(), Printable.message(a.message()));
            }
        }
    }

    static void printTopology(PrintWriter out, DeploymentView t) {
        if (t.topology() == Topology.STANDALONE) {
            DeploymentView.Node n = t.nodes().get(0);
            out.printf(Locale.ROOT, "Topology: one server (%s%s)%n", n.role(), n.masterId() == null ? "" : " of " + n.masterId());
            return;
        }
        out.printf(Locale.ROOT, "Topology: %s%s%n", t.topology().label(), t.masterName() == null ? "" : ", master '" + t.masterName() + "'");
        for (DeploymentView.Node n : t.nodes()) {
            out.printf(Locale.ROOT, "  %-8s %-22s %s%s%n", n.role(), n.address(),
                    n.role().equals("master") ? String.join(",", n.slots()) : "of " + n.masterId(),
                    n.flags().isEmpty() ? "" : "  [" + String.join(",", n.flags()) + "]");
        }
        for (DeploymentView.Sentinel sentinel : t.sentinels()) {
            out.printf(Locale.ROOT, "  %-8s %-22s %s%n", "sentinel", sentinel.address(), sentinel.reachable() ? "" : "unreachable");
        }
    }

    private static void heading(PrintWriter out, String title, String section, Map<String, String> unavailable) {
        out.println();
        out.println(title);
        if (unavailable.containsKey(section)) {
            out.println("Unavailable: " + Printable.message(unavailable.get(section)));
        }
    }

    private static String memory(ServerSnapshot s) {
        if (s.usedMemoryBytes() == null) {
            return "?";
        }
        if (s.maxMemoryBytes() == null || s.maxMemoryBytes() <= 0) {
            return AlertRules.bytes(s.usedMemoryBytes()) + " used, no maxmemory set";
        }
        return String.format(Locale.ROOT, "%s of %s (%.1f %%)", AlertRules.bytes(s.usedMemoryBytes()), AlertRules.bytes(s.maxMemoryBytes()),
                100.0 * s.usedMemoryBytes() / s.maxMemoryBytes());
    }

    private static String hitRate(ServerSnapshot s) {
        KeyspaceLookups lookups = KeyspaceLookups.sinceStart(s.report()); // without this command's own reads
        if (lookups == null) {
            return "?";
        }
        if (lookups.total() == 0) {
            return "no lookups yet";
        }
        return String.format(Locale.ROOT, "%.1f %% (%d hits, %d misses since start)",
                100.0 * lookups.hitRate(), lookups.hits(), lookups.misses());
    }

    private static String duration(long seconds) {
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3600;
        long m = seconds % 3600 / 60;
        if (d > 0) {
            return d + " d " + h + " h";
        }
        if (h > 0) {
            return h + " h " + m + " min";
        }
        return m > 0 ? m + " min " + seconds % 60 + " s" : seconds + " s";
    }

    private static String orUnknown(Object value) {
        return value == null ? "?" : Printable.text(value.toString());
    }
}
