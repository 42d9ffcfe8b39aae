package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.health.Alert.Severity;
import io.trackeep.dashboard.service.redis.Topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Overview alerts as a pure function of two health reports. At most
 * one alert per rule, in the order of the rule constants below.
 *
 * <p>Rules, with the thresholds of {@link AlertThresholds}:
 * <ul>
 * <li>{@value #DOWN}: the report is DOWN (CRITICAL). No other rule is evaluated then.</li>
 * <li>{@value #MEMORY}: used memory above {@code memoryFraction} of maxmemory; CRITICAL from
 *     95 % (or the threshold, if higher). No alert without a limit (maxmemory 0).</li>
 * <li>{@value #HIT_RATE}: keyspace hit rate below {@code minHitRate}, over the lookups between the
 *     previous report and this one (since server start without one), without the lookups of this
 *     program's own reads ({@link KeyspaceLookups}); CRITICAL below half the threshold. Fewer than
 *     {@value #MIN_LOOKUPS_FOR_HIT_RATE} lookups, or a server younger than the warm-up given (the
 *     local instance: its caches are cold), no alert.</li>
 * <li>{@value #CLIENTS}: connected clients above {@code clientsFraction} of maxclients; CRITICAL
 *     at maxclients, or when connections were rejected since the previous report.</li>
 * <li>{@value #SLOWLOG}: slow log entries longer than {@code slowCommand} that are new since the
 *     previous report (within the last minute of server time without one); CRITICAL when the
 *     slowest took more than ten times the threshold. Redis logs only commands slower than its
 *     {@code slowlog-log-slower-than} (10 ms by default); a lower threshold here sees no more.</li>
 * <li>{@value #REPLICATION_LAG}: on a master, a replica lagging more than {@code replicationLag};
 *     CRITICAL beyond ten times. On a replica, a master link that is down is CRITICAL (a replica
 *     cannot measure its own lag in seconds).</li>
 * <li>{@value #EVICTIONS}: keys evicted per minute between the two reports above
 *     {@code evictionsPerMinute}; CRITICAL beyond ten times. Needs a previous report; pass one
 *     about a minute old for a steady figure.</li>
 * <li>{@value #PERSISTENCE}: the last RDB save, AOF write or AOF rewrite failed (CRITICAL: with
 *     the default stop-writes-on-bgsave-error, Redis refuses writes). Beyond the alerts first asked for;
 *     added because it stops every backend from writing.</li>
 * </ul>
 * A previous report is used for differences only when both are UP, from the same server run
 * (same {@code run_id}) and in time order; counters that went down are not compared.
 *
 * <p>On a Sentinel set or a Cluster ({@link #evaluate(DeploymentReport, DeploymentReport, AlertThresholds, Duration)}),
 * the rules that judge one server's limits (memory, clients, slow log, replication, persistence)
 * run on every node against its own earlier report, and each rule's worst node is reported, with
 * how many others share the problem; the hit rate and evictions judge the deployment as one
 * ({@link DeploymentReport#combined()}: the masters together, this program's reads left out per
 * node). Then the rules of the topology, which judge the deployment's shape rather than figures
 * against thresholds ({@link TopologyAlertRules}): {@value #CLUSTER_STATE}, {@value #SLOTS},
 * {@value #NODE_DOWN}, {@value #SENTINEL_QUORUM}, {@value #NO_REPLICA}, {@value #FAILOVER}.
 */
public final class AlertRules {

    public static final String DOWN = "down";
    public static final String MEMORY = "memory";
    public static final String HIT_RATE = "hit-rate";
    /**
     * How long the caches of a server this program started take to fill: the longest-lived
     * entries (responses, searches) live 5 minutes.
     */
    public static final Duration WARM_UP = Duration.ofMinutes(5);
    /** Fewer lookups than this in the window: no hit-rate alert (one miss on an idle server is not a problem). */
    public static final long MIN_LOOKUPS_FOR_HIT_RATE = 100;
    public static final String CLIENTS = "clients";
    public static final String SLOWLOG = "slowlog";
    public static final String REPLICATION_LAG = "replication-lag";
    public static final String EVICTIONS = "evictions";
    public static final String PERSISTENCE = "persistence";
    public static final String CLUSTER_STATE = "cluster-state";
    public static final String SLOTS = "slots";
    public static final String NODE_DOWN = "node-down";
    public static final String SENTINEL_QUORUM = "sentinel-quorum";
    public static final String NO_REPLICA = "no-replica";
    public static final String FAILOVER = "failover";
    /** How long a failover stays an alert. */
    public static final Duration FAILOVER_RECENT = Duration.ofMinutes(5);

    /** Most important first: the order alerts of a deployment are listed in. */
    private static final List<String> ORDER = List.of(DOWN, CLUSTER_STATE, SLOTS, NODE_DOWN, SENTINEL_QUORUM, MEMORY, HIT_RATE,
            CLIENTS, SLOWLOG, REPLICATION_LAG, NO_REPLICA, EVICTIONS, PERSISTENCE, FAILOVER);

    static final double CRITICAL_MEMORY_FRACTION = 0.95;
    static final int CRITICAL_FACTOR = 10;
    private static final Duration RECENT = Duration.ofMinutes(1);

    private AlertRules() {
    }

    /**
     * @param current    the newest report
     * @param previous   the report before it, or null
     * @param thresholds the limits in force
     */
    public static List<Alert> evaluate(HealthReport current, HealthReport previous, AlertThresholds thresholds) {
        return evaluate(current, previous, thresholds, Duration.ZERO);
    }

    /**
     * As {@link #evaluate(HealthReport, HealthReport, AlertThresholds)}, with no hit-rate alert
     * while the server is younger than {@code warmUp}: a server this program just started (the
     * local instance) has cold caches by definition, which is not a cache problem.
     */
    public static List<Alert> evaluate(HealthReport current, HealthReport previous, AlertThresholds thresholds, Duration warmUp) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(thresholds, "thresholds");
        List<Alert> alerts = new ArrayList<>();
        if (current.status() == HealthStatus.DOWN) {
            String reason = current.problem() == null ? "no answer" : current.problem().message();
            alerts.add(new Alert(DOWN, Severity.CRITICAL, "Redis is down: " + reason));
            return alerts;
        }
        if (!current.isUp()) {
            return alerts; // PARTIAL: no figures to judge
        }
        HealthReport before = comparable(current, previous) ? previous : null;
        memory(current.info(), thresholds, alerts);
        hitRate(current, before, thresholds, warmUp, alerts);
        clients(current.info(), before == null ? null : before.info(), thresholds, alerts);
        slowLog(current, before, thresholds, alerts);
        replication(current.info().replication(), thresholds, alerts);
        if (before != null) {
            evictions(current, before, thresholds, alerts);
        }
        persistence(current.info().persistence(), alerts);
        return List.copyOf(alerts);
    }

    /**
     * The alerts of a whole deployment (see the class comment). On one server exactly
     * {@link #evaluate(HealthReport, HealthReport, AlertThresholds, Duration)} of its report.
     *
     * @param current  the newest check
     * @param previous an earlier check to compare with (about a minute older), or null
     */
    public static List<Alert> evaluate(DeploymentReport current, DeploymentReport previous, AlertThresholds thresholds,
                                       Duration warmUp) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(thresholds, "thresholds");
        if (current.topology() == Topology.STANDALONE) {
            return evaluate(current.combined(), previous == null ? null : previous.combined(), thresholds, warmUp);
        }
        List<Alert> alerts = new ArrayList<>();
        HealthReport combined = current.combined();
        if (combined.status() == HealthStatus.DOWN) {
            String reason = combined.problem() == null ? "no answer" : combined.problem().message();
            alerts.add(new Alert(DOWN, Severity.CRITICAL, (current.topology() == Topology.CLUSTER
                    ? "No master of the Cluster answers: " : "Redis is down: ") + reason));
        } else if (combined.isUp()) {
            perNode(current, previous, thresholds, alerts);
            HealthReport before = previous != null && comparable(combined, previous.combined()) ? previous.combined() : null;
            hitRate(combined, before, thresholds, warmUp, alerts);
            if (before != null) {
                evictions(combined, before, thresholds, alerts);
            }
        }
        TopologyAlertRules.evaluate(current, alerts);
        alerts.sort(Comparator.comparing((Alert a) -> ORDER.indexOf(a.rule())));
        return List.copyOf(alerts);
    }

    /** The one-server rules on every node that answered; per rule the worst node, naming how many others have it too. */
    private static void perNode(DeploymentReport current, DeploymentReport previous, AlertThresholds t, List<Alert> alerts) {
        Map<String, List<Alert>> byRule = new LinkedHashMap<>();
        Map<Alert, NodeHealth> where = new java.util.IdentityHashMap<>();
        for (NodeHealth n : current.nodes()) {
            if (!n.report().isUp()) {
                continue; // the node-down rule says so
            }
            HealthReport before = previous == null ? null
                    : previous.node(n.address()).map(NodeHealth::report).filter(p -> comparable(n.report(), p)).orElse(null);
            List<Alert> found = new ArrayList<>();
            memory(n.report().info(), t, found);
            clients(n.report().info(), before == null ? null : before.info(), t, found);
            slowLog(n.report(), before, t, found);
            replication(n.report().info().replication(), t, found);
            persistence(n.report().info().persistence(), found);
            for (Alert a : found) {
                byRule.computeIfAbsent(a.rule(), r -> new ArrayList<>()).add(a);
                where.put(a, n);
            }
        }
        byRule.forEach((rule, list) -> {
            Alert worst = list.stream().max(Comparator.comparing(Alert::severity)).orElseThrow();
            NodeHealth node = where.get(worst);
            List<String> others = list.stream().filter(a -> a != worst).map(a -> where.get(a).address()).toList();
            String also = others.isEmpty() ? "" : " (also on " + others.size() + " other node" + (others.size() == 1 ? "" : "s")
                    + ": " + String.join(", ", others) + ")";
            alerts.add(new Alert(rule, worst.severity(), "On " + node.address() + " (" + node.role() + "): " + worst.message() + also));
        });
    }

    private static boolean comparable(HealthReport current, HealthReport previous) {
        return previous != null && previous.isUp()
                && Objects.equals(previous.info().server().runId(), current.info().server().runId())
                && previous.checkedAt().isBefore(current.checkedAt());
    }

    private static void memory(RedisInfo info, AlertThresholds t, List<Alert> alerts) {
        MemoryInfo m = info.memory();
        Double used = m.usedFractionOfMax();
        if (used == null || used <= t.memoryFraction()) {
            return;
        }
        Severity severity = used >= Math.max(CRITICAL_MEMORY_FRACTION, t.memoryFraction()) ? Severity.CRITICAL : Severity.WARNING;
        alerts.add(new Alert(MEMORY, severity, String.format(Locale.ROOT,
                "Memory at %s of maxmemory (%s of %s, policy %s); threshold %s",
                percent(used), bytes(m.usedBytes()), bytes(m.maxMemoryBytes()),
                m.maxMemoryPolicy() == null ? "unknown" : m.maxMemoryPolicy(), percent(t.memoryFraction()))));
    }

    private static void hitRate(HealthReport current, HealthReport before, AlertThresholds t, Duration warmUp, List<Alert> alerts) {
        Long uptime = current.info().server().uptimeSeconds();
        if (uptime != null && uptime < warmUp.toSeconds()) {
            return;
        }
        KeyspaceLookups lookups = before == null ? null : KeyspaceLookups.between(before, current);
        if (lookups == null) {
            lookups = KeyspaceLookups.sinceStart(current);
        }
        if (lookups == null || lookups.total() < MIN_LOOKUPS_FOR_HIT_RATE) {
            return; // a handful of lookups on an idle server says nothing about the cache
        }
        Double rate = lookups.hitRate();
        if (rate == null || rate >= t.minHitRate()) {
            return;
        }
        Severity severity = rate < t.minHitRate() / 2 ? Severity.CRITICAL : Severity.WARNING;
        String window = lookups.window() == null ? "since the server started" : "over the last " + seconds(lookups.window());
        String own = lookups.window() == null ? "" : ", this dashboard's own reads left out";
        alerts.add(new Alert(HIT_RATE, severity, String.format(Locale.ROOT,
                "Keyspace hit rate %s%s %s (%d hits, %d misses%s); threshold %s",
                lookups.exact() ? "" : "about ", percent(rate), window, lookups.hits(), lookups.misses(), own, percent(t.minHitRate()))));
    }

    private static String seconds(Duration d) {
        long s = Math.max(1, Math.round(d.toMillis() / 1000.0));
        return s + " s";
    }

    private static void clients(RedisInfo info, RedisInfo before, AlertThresholds t, List<Alert> alerts) {
        ClientsInfo c = info.clients();
        long rejected = 0;
        if (before != null && info.stats().rejectedConnections() != null && before.stats().rejectedConnections() != null) {
            rejected = Math.max(0, info.stats().rejectedConnections() - before.stats().rejectedConnections());
        }
        Double used = c.usedFractionOfMax();
        boolean full = used != null && c.connected() >= c.maxClients();
        if (rejected > 0) {
            alerts.add(new Alert(CLIENTS, Severity.CRITICAL, String.format(Locale.ROOT,
                    "%d connections rejected since the last check: maxclients (%s) reached; %s clients connected",
                    rejected, c.maxClients() == null ? "unknown" : c.maxClients(), c.connected())));
        } else if (used != null && used > t.clientsFraction()) {
            alerts.add(new Alert(CLIENTS, full ? Severity.CRITICAL : Severity.WARNING, String.format(Locale.ROOT,
                    "%d clients connected, %s of maxclients %d; threshold %s",
                    c.connected(), percent(used), c.maxClients(), percent(t.clientsFraction()))));
        }
    }

    private static void slowLog(HealthReport current, HealthReport before, AlertThresholds t, List<Alert> alerts) {
        List<SlowLogEntry> fresh;
        String window;
        if (before != null) {
            long seen = before.slowLog().stream().mapToLong(SlowLogEntry::id).max().orElse(-1);
            fresh = current.slowLog().stream().filter(e -> e.id() > seen).toList();
            window = "since the last check";
        } else {
            Instant now = current.info().server().serverTime() != null ? current.info().server().serverTime() : current.checkedAt();
            Instant since = now.minus(RECENT);
            fresh = current.slowLog().stream().filter(e -> !e.startedAt().isBefore(since)).toList();
            window = "in the last minute";
        }
        List<SlowLogEntry> slow = fresh.stream().filter(e -> e.duration().compareTo(t.slowCommand()) > 0).toList();
        if (slow.isEmpty()) {
            return;
        }
        SlowLogEntry worst = slow.stream().max(Comparator.comparing(SlowLogEntry::duration)).orElseThrow();
        boolean critical = !t.slowCommand().isZero() && worst.duration().compareTo(t.slowCommand().multipliedBy(CRITICAL_FACTOR)) > 0;
        alerts.add(new Alert(SLOWLOG, critical ? Severity.CRITICAL : Severity.WARNING, String.format(Locale.ROOT,
                "%d command%s slower than %s %s; slowest %s (%s)",
                slow.size(), slow.size() == 1 ? "" : "s", duration(t.slowCommand()), window,
                duration(worst.duration()), worst.commandName())));
    }

    private static void replication(ReplicationInfo r, AlertThresholds t, List<Alert> alerts) {
        if (r.isReplica() && "down".equals(r.masterLinkStatus())) {
            String since = r.masterLinkDownSinceSeconds() == null ? "" : " for " + r.masterLinkDownSinceSeconds() + " s";
            alerts.add(new Alert(REPLICATION_LAG, Severity.CRITICAL, "This replica lost the link to its master "
                    + r.masterHost() + ":" + r.masterPort() + since));
            return;
        }
        ReplicationInfo.Replica worst = r.replicas().stream()
                .filter(rep -> rep.lagSeconds() != null)
                .max(Comparator.comparing(ReplicationInfo.Replica::lagSeconds)).orElse(null);
        if (worst == null) {
            return;
        }
        Duration lag = Duration.ofSeconds(worst.lagSeconds());
        if (lag.compareTo(t.replicationLag()) <= 0) {
            return;
        }
        boolean critical = !t.replicationLag().isZero() && lag.compareTo(t.replicationLag().multipliedBy(CRITICAL_FACTOR)) > 0;
        alerts.add(new Alert(REPLICATION_LAG, critical ? Severity.CRITICAL : Severity.WARNING, String.format(Locale.ROOT,
                "Replica %s:%s lags %d s behind (state %s); threshold %s",
                worst.ip(), worst.port(), worst.lagSeconds(), worst.state(), duration(t.replicationLag()))));
    }

    private static void evictions(HealthReport current, HealthReport before, AlertThresholds t, List<Alert> alerts) {
        Long now = current.info().stats().evictedKeys();
        Long then = before.info().stats().evictedKeys();
        long elapsedMs = Duration.between(before.checkedAt(), current.checkedAt()).toMillis();
        if (now == null || then == null || now < then || elapsedMs <= 0) {
            return;
        }
        double perMinute = (now - then) * 60_000.0 / elapsedMs;
        if (perMinute <= t.evictionsPerMinute()) {
            return;
        }
        boolean critical = t.evictionsPerMinute() > 0 && perMinute > (double) t.evictionsPerMinute() * CRITICAL_FACTOR;
        alerts.add(new Alert(EVICTIONS, critical ? Severity.CRITICAL : Severity.WARNING, String.format(Locale.ROOT,
                "%.0f keys evicted per minute (%d in %.1f s); threshold %d per minute",
                perMinute, now - then, elapsedMs / 1000.0, t.evictionsPerMinute())));
    }

    private static void persistence(PersistenceInfo p, List<Alert> alerts) {
        if (p.hasFailure()) {
            alerts.add(new Alert(PERSISTENCE, Severity.CRITICAL, String.format(Locale.ROOT,
                    "Persistence is failing (last RDB save %s, last AOF write %s, last AOF rewrite %s); "
                            + "Redis may refuse writes", status(p.rdbLastSaveStatus()), status(p.aofLastWriteStatus()),
                    status(p.aofLastRewriteStatus()))));
        }
    }

    private static String status(String s) {
        return s == null ? "unknown" : s;
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    /** "12 ms", "12.3 ms", "1 s", "1.5 s". */
    static String duration(Duration d) {
        double ms = d.toNanos() / 1_000_000.0;
        if (ms < 1000) {
            return ms == Math.rint(ms) ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
        }
        double s = ms / 1000;
        return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }

    /** A size in binary units as alerts say it ("3.8 MiB", "876 B"; "?" when unknown); the command line prints sizes so too. */
    public static String bytes(Long n) {
        if (n == null) {
            return "?";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
