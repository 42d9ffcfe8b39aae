package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackeep.dashboard.monitor.DashboardSnapshot;
import io.trackeep.dashboard.monitor.overview.ServerProbe;
import io.trackeep.dashboard.monitor.overview.ServerSnapshot;
import io.trackeep.dashboard.service.health.Alert;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.health.KeyspaceLookups;
import io.trackeep.dashboard.service.health.RedisInfo;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.DeploymentView;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.redis.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code snapshot [--json]}: the dashboard's figures, read once. With {@code --json}, one JSON
 * object on one line with the sections of the dashboard ({@link DashboardSnapshot}); without,
 * a few lines for people.
 *
 * <p>Alerts use the thresholds saved by the window (the defaults when there are none) and, as
 * there is no earlier check to compare with, judge the hit rate since the server started and
 * slow commands of the last minute; evictions per minute need two checks and are not judged.
 * An unreachable Redis, a timeout or a wrong password is an error (stderr, exit code 3).
 *
 * <p>Both forms end with the deployment's {@code topology} ({@link DeploymentView}): the one
 * server, the Sentinels' master with its replicas and the Sentinels, or every Cluster node with
 * its role, slots and failure flags. The rest keeps its schema; on a Cluster, server figures are
 * one master's (see README).
 */
@Command(name = "snapshot",
        mixinStandardHelpOptions = true,
        description = "Prints what the dashboard shows, once: server figures, alerts, sessions, rate limits, caches, "
                + "leaderboards and channels (JSON with --json).")
final class SnapshotCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RedisOptions redis;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        DashboardSnapshot snapshot;
        DeploymentView topology;
        try (RedisConnections connection = redis.open()) {
            // the first command of a fresh JVM pays for loading Lettuce's command classes: time the second PING
            RedisErrors.call("PING", () -> connection.sync().ping());
            ServerSnapshot server = new ServerProbe(savedThresholds()).collect(connection);
            if (server.status() == HealthStatus.DOWN) {
                throw new RedisAccessException(server.report().problem().kind(), server.report().problem().message());
            }
            snapshot = server.status() == HealthStatus.UP
                    ? DashboardSnapshot.collectOnce(connection, server)
                    : DashboardSnapshot.ofServer(server); // INFO refused: this user cannot be expected to read the rest either
            topology = connection.deployment();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode doc = (ObjectNode) Json.tree(Json.write(snapshot));
            doc.set("topology", Json.tree(Json.write(topology)));
            out.println(Json.write(doc));
        } else {
            printSummary(out, snapshot, redis.settings().describe());
            printTopology(out, topology);
        }
        out.flush();
        return 0;
    }

    /** The thresholds the window saved, so the command and the window agree on what an alert is. */
    private static AlertThresholds savedThresholds() {
        try {
            return ProfileStore.open().settings().alertThresholds();
        } catch (RuntimeException unreadable) {
            return AlertThresholds.DEFAULTS; // the window reports an unreadable profiles file; here the defaults do
        }
    }

    static void printSummary(PrintWriter out, DashboardSnapshot snapshot, String target) {
        ServerSnapshot s = snapshot.server();
        RedisInfo info = s.info();
        out.printf(Locale.ROOT, "Redis %s (%s) at %s%n", orUnknown(s.version()), orUnknown(info.server().mode()), target);
        if (s.status() == HealthStatus.PARTIAL) {
            out.println("  INFO was refused (" + s.report().problem().message() + "): no figures");
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
        if (snapshot.alerts().isEmpty()) {
            out.println("No alerts.");
        } else {
            out.println(snapshot.alerts().size() + (snapshot.alerts().size() == 1 ? " alert:" : " alerts:"));
            for (Alert a : snapshot.alerts()) {
                out.printf(Locale.ROOT, "  %-8s %-16s %s%n", a.severity(), a.rule(), a.message());
            }
        }
        if (snapshot.sessions() != null) {
            out.println("Sessions");
            SessionsSummary.print(out, snapshot.sessions());
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

    private static String memory(ServerSnapshot s) {
        if (s.usedMemoryBytes() == null) {
            return "?";
        }
        if (s.maxMemoryBytes() == null || s.maxMemoryBytes() <= 0) {
            return bytes(s.usedMemoryBytes()) + " used, no maxmemory set";
        }
        return String.format(Locale.ROOT, "%s of %s (%.1f %%)", bytes(s.usedMemoryBytes()), bytes(s.maxMemoryBytes()),
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

    private static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
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
        return value == null ? "?" : value.toString();
    }
}
