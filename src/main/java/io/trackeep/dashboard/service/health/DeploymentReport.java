package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.redis.Failover;
import io.trackeep.dashboard.service.redis.OwnTraffic;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.SentinelStatus;
import io.trackeep.dashboard.service.redis.Topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One check of the whole deployment ({@link DeploymentCheck}): every data node with its own health
 * report, the figures of the deployment as one, what the Sentinels say, and the failovers seen.
 * Immutable.
 *
 * <p>{@code combined} is what the Overview shows and the deployment-wide alerts judge: on one
 * server its report; with Sentinels the report of the master the connection follows; on a Cluster
 * the masters' INFO put together ({@link #combine}): sums of memory, keys, ops/s, hits, misses,
 * evictions and expirations over the masters (replicas hold copies and replay the masters' writes,
 * so adding them would count twice), connected clients over every node, the youngest master's
 * uptime (counters since start restart with it), the worst persistence of any node, and this
 * program's own traffic summed over the masters, each node's counted on its
 * own connection, so the hit rate leaves out exactly the dashboard's reads. Its {@code run_id} is
 * the masters' run ids joined: a master replaced or restarted starts a new history for rates.
 *
 * @param topology  standalone, Sentinel or Cluster
 * @param checkedAt when the check started
 * @param combined  the deployment as one server
 * @param nodes     every data node: masters first (a Cluster's in slot order), then replicas
 * @param sentinel  the Sentinels' view (Sentinel only), else null
 * @param failovers the master changes this program saw since it connected, oldest first
 */
public record DeploymentReport(Topology topology, Instant checkedAt, HealthReport combined, List<NodeHealth> nodes,
                               SentinelStatus sentinel, List<Failover> failovers) {

    public DeploymentReport {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(combined, "combined");
        nodes = List.copyOf(nodes);
        failovers = List.copyOf(failovers);
    }

    /** One server: its report is the deployment's. */
    public static DeploymentReport standalone(HealthReport report, String address) {
        String role = report.isUp() && report.info().replication().isReplica() ? "replica" : "master";
        ReplicationInfo r = report.info().replication();
        String masterId = role.equals("replica") && r.masterHost() != null ? r.masterHost() + ":" + r.masterPort() : null;
        return new DeploymentReport(Topology.STANDALONE, report.checkedAt(), report,
                List.of(new NodeHealth(address, address, role, masterId, List.of(), List.of(), report, null)), null, List.of());
    }

    public HealthStatus status() {
        return combined.status();
    }

    /** The masters that serve data: a Cluster's masters with slots, the one master elsewhere. */
    public List<NodeHealth> masters() {
        return nodes.stream().filter(n -> n.servesData(topology == Topology.CLUSTER)).toList();
    }

    /** The replicas of {@code master} (by Cluster id, or any replica outside a Cluster). */
    public List<NodeHealth> replicasOf(NodeHealth master) {
        return nodes.stream().filter(n -> !n.master() && (topology != Topology.CLUSTER || master.id().equals(n.masterId()))).toList();
    }

    public Optional<NodeHealth> node(String address) {
        return nodes.stream().filter(n -> n.address().equals(address)).findFirst();
    }

    /**
     * How the Cluster sees itself: the CLUSTER INFO of the answering node with the newest view
     * (highest epoch); empty when not a Cluster or no node answered.
     */
    public Optional<ClusterInfo> cluster() {
        return nodes.stream().filter(n -> n.cluster() != null && n.report().isUp())
                .max(Comparator.comparing(n -> n.cluster().currentEpoch() == null ? -1L : n.cluster().currentEpoch()))
                .map(NodeHealth::cluster);
    }

    /** The newest failover seen, if any. */
    public Optional<Failover> lastFailover() {
        return failovers.isEmpty() ? Optional.empty() : Optional.of(failovers.get(failovers.size() - 1));
    }

    /**
     * The deployment as one server, from its masters' reports and every node's: see the class
     * comment. DOWN when no master answers, PARTIAL when none answers INFO.
     *
     * @param pingMicros the round trip of the deployment's connection, or null when it did not answer
     * @param pingFailure why that PING failed, or null
     */
    public static HealthReport combine(Instant at, Long pingMicros, RedisAccessException pingFailure,
                                       List<HealthReport> masters, List<HealthReport> every) {
        List<HealthReport> up = masters.stream().filter(HealthReport::isUp).toList();
        if (up.isEmpty()) {
            HealthReport partial = masters.stream().filter(r -> r.status() == HealthStatus.PARTIAL).findFirst().orElse(null);
            if (partial != null && pingMicros != null) {
                return HealthReport.partial(at, pingMicros, partial.problem());
            }
            HealthProblem why = masters.stream().map(HealthReport::problem).filter(Objects::nonNull).findFirst()
                    .orElse(pingFailure != null ? HealthProblem.of(pingFailure)
                            : new HealthProblem(RedisAccessException.Kind.UNREACHABLE, "No master answers"));
            return HealthReport.down(at, why);
        }
        List<HealthReport> everyUp = every.stream().filter(HealthReport::isUp).toList();
        RedisInfo info = new RedisInfo(server(up), memory(up), clients(everyUp), stats(up), persistence(everyUp),
                replication(up), keyspace(up), Map.of());
        long ping = pingMicros != null ? pingMicros
                : up.stream().map(HealthReport::pingMicros).filter(Objects::nonNull).min(Long::compare).orElse(0L);
        // the slow logs stay per node; a refusal on any master is said for the whole
        String slowLogRefused = up.stream().map(HealthReport::slowLogRefused).filter(Objects::nonNull).findFirst().orElse(null);
        return HealthReport.up(at, ping, info, List.of(), own(up), slowLogRefused);
    }

    private static ServerInfo server(List<HealthReport> up) {
        List<ServerInfo> s = up.stream().map(r -> r.info().server()).toList();
        String versions = s.stream().map(ServerInfo::version).filter(Objects::nonNull).distinct().sorted()
                .collect(Collectors.joining(", "));
        Long youngest = s.stream().map(ServerInfo::uptimeSeconds).filter(Objects::nonNull).min(Long::compare).orElse(null);
        String runIds = s.stream().map(i -> String.valueOf(i.runId())).sorted().collect(Collectors.joining(","));
        Instant time = s.stream().map(ServerInfo::serverTime).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return new ServerInfo(versions.isEmpty() ? null : versions, s.get(0).mode(), s.get(0).os(), null, null, youngest, runIds, time);
    }

    private static MemoryInfo memory(List<HealthReport> up) {
        List<MemoryInfo> m = up.stream().map(r -> r.info().memory()).toList();
        boolean allLimited = m.stream().allMatch(x -> x.maxMemoryBytes() != null && x.maxMemoryBytes() > 0);
        boolean anyUnknown = m.stream().anyMatch(x -> x.maxMemoryBytes() == null);
        Long max = anyUnknown ? null : allLimited ? sum(m, MemoryInfo::maxMemoryBytes) : 0L;
        List<String> policies = m.stream().map(MemoryInfo::maxMemoryPolicy).filter(Objects::nonNull).distinct().toList();
        return new MemoryInfo(sum(m, MemoryInfo::usedBytes), sum(m, MemoryInfo::usedRssBytes), sum(m, MemoryInfo::peakBytes), max,
                policies.size() == 1 ? policies.get(0) : policies.isEmpty() ? null : String.join(", ", policies), null, null);
    }

    private static ClientsInfo clients(List<HealthReport> up) {
        List<ClientsInfo> c = up.stream().map(r -> r.info().clients()).toList();
        return new ClientsInfo(sum(c, ClientsInfo::connected), sum(c, ClientsInfo::blocked), sum(c, ClientsInfo::maxClients));
    }

    private static StatsInfo stats(List<HealthReport> up) {
        List<StatsInfo> s = up.stream().map(r -> r.info().stats()).toList();
        return new StatsInfo(sum(s, StatsInfo::opsPerSecond), sum(s, StatsInfo::totalCommands), sum(s, StatsInfo::totalConnections),
                sum(s, StatsInfo::rejectedConnections), sum(s, StatsInfo::keyspaceHits), sum(s, StatsInfo::keyspaceMisses),
                sum(s, StatsInfo::expiredKeys), sum(s, StatsInfo::evictedKeys), decimalSum(s, StatsInfo::inputKbps),
                decimalSum(s, StatsInfo::outputKbps),
                // a channel with subscribers on two nodes would count twice: the union is ChannelDirectory's
                null, null);
    }

    /** The worst: a failing node's, else a loading one's, else the first master's. */
    private static PersistenceInfo persistence(List<HealthReport> every) {
        List<PersistenceInfo> p = every.stream().map(r -> r.info().persistence()).toList();
        return p.stream().filter(PersistenceInfo::hasFailure).findFirst()
                .or(() -> p.stream().filter(x -> Boolean.TRUE.equals(x.loading())).findFirst())
                .orElse(p.get(0));
    }

    private static ReplicationInfo replication(List<HealthReport> up) {
        List<ReplicationInfo> r = up.stream().map(x -> x.info().replication()).toList();
        List<ReplicationInfo.Replica> replicas = new ArrayList<>();
        r.forEach(x -> replicas.addAll(x.replicas()));
        return new ReplicationInfo("master", sum(r, ReplicationInfo::connectedReplicas), null, null, null, null, null, null, replicas);
    }

    private static KeyspaceInfo keyspace(List<HealthReport> up) {
        Map<Integer, KeyspaceInfo.Database> dbs = new TreeMap<>();
        for (HealthReport r : up) {
            r.info().keyspace().databases().forEach((db, d) -> dbs.merge(db, d,
                    (a, b) -> new KeyspaceInfo.Database(a.keys() + b.keys(), a.expires() + b.expires(), 0)));
        }
        return new KeyspaceInfo(dbs);
    }

    /** This program's own traffic on every master, each counted on its own connection; not counted unless all are. */
    private static OwnTraffic own(List<HealthReport> up) {
        if (!up.stream().allMatch(r -> r.own().counted())) {
            return OwnTraffic.NOT_COUNTED;
        }
        long hits = 0;
        long misses = 0;
        long commands = 0;
        long unknown = 0;
        for (HealthReport r : up) {
            hits += r.own().hits();
            misses += r.own().misses();
            commands += r.own().commands();
            unknown += r.own().unknown();
        }
        return new OwnTraffic(hits, misses, commands, unknown, true);
    }

    /** The sum, or null when any is unknown (a partial sum would pass for the whole). */
    private static <T> Long sum(List<T> items, Function<T, Long> field) {
        return total(items, field, 0L, Long::sum);
    }

    /** {@link #sum} of decimals. */
    private static <T> Double decimalSum(List<T> items, Function<T, Double> field) {
        return total(items, field, 0.0, Double::sum);
    }

    private static <T, N> N total(List<T> items, Function<T, N> field, N zero, BinaryOperator<N> plus) {
        N total = zero;
        for (T item : items) {
            N v = field.apply(item);
            if (v == null) {
                return null;
            }
            total = plus.apply(total, v);
        }
        return total;
    }
}
