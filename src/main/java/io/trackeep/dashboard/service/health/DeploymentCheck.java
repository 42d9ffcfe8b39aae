package io.trackeep.dashboard.service.health;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.redis.DeploymentView;
import io.trackeep.dashboard.service.redis.Failover;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.redis.SentinelStatus;
import io.trackeep.dashboard.service.redis.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the whole deployment at once: a {@link HealthCheck} of every data node on that node's own
 * connection (PING, INFO marked with this program's own traffic there, the newest slow log
 * entries), plus, on a Cluster, each node's {@code CLUSTER INFO} and {@code CLUSTER NODES}
 * pipelined with them, and with Sentinels what the Sentinels say ({@link SentinelStatus}). A few
 * commands per node, none growing with the keyspace.
 *
 * <p>On one server this is exactly its {@link HealthCheck}. With Sentinels the master is checked on
 * the shared connection (which follows it), the replicas on links of their own. On a Cluster the
 * layout (roles, slots, failure flags) is the {@code CLUSTER NODES} of the answering node with the
 * newest view (highest epoch), so a killed node, or the one the client first talked to, does not
 * hide the others.
 *
 * <p>Failovers are seen as they happen: with Sentinels from their events ({@link SentinelStatus#failovers()});
 * on a Cluster by comparing this check's layout with the previous one (a replica that now serves
 * the slots of its former master).
 *
 * <p>{@link #check()} never throws. A node that does not answer costs at most the command timeout
 * (nodes are checked one after another; a killed node is refused at once). One thread at a time.
 */
public final class DeploymentCheck {

    static final int KEPT_FAILOVERS = 16;
    private static final Logger log = LoggerFactory.getLogger(DeploymentCheck.class);

    private final RedisConnections redis;
    private final Clock clock;
    private final HealthCheck shared;
    // per node, so that each keeps its own refusals (SLOWLOG, CONFIG not permitted)
    private final Map<String, HealthCheck> nodeChecks = new HashMap<>();
    private DeploymentView lastLayout;
    private final Deque<Failover> clusterFailovers = new ArrayDeque<>();

    public DeploymentCheck(RedisConnections redis) {
        this(redis, Clock.systemUTC());
    }

    public DeploymentCheck(RedisConnections redis, Clock clock) {
        this.redis = Objects.requireNonNull(redis);
        this.clock = Objects.requireNonNull(clock);
        this.shared = new HealthCheck(redis, clock);
    }

    public DeploymentReport check() {
        Instant at = clock.instant();
        try {
            return switch (redis.topology()) {
                case STANDALONE -> DeploymentReport.standalone(shared.check(), redis.nodeAddresses().get(0));
                case SENTINEL -> sentinel(at);
                case CLUSTER -> cluster(at);
            };
        } catch (RuntimeException unexpected) {
            log.warn("Deployment check failed unexpectedly", unexpected);
            HealthReport down = HealthReport.down(at, HealthProblem.of(RedisErrors.translate("Health check", unexpected)));
            return new DeploymentReport(redis.topology(), at, down, List.of(), null, List.of());
        }
    }

    private HealthCheck checkOf(String address) {
        return nodeChecks.computeIfAbsent(address, a -> new HealthCheck(redis, a, clock));
    }

    // --- Sentinel ----------------------------------------------------------------------------------

    private DeploymentReport sentinel(Instant at) {
        HealthReport master = shared.check();
        String followed = redis.nodeAddresses().get(0);
        DeploymentView view = redis.deployment();
        SentinelStatus status = redis.sentinelStatus();
        List<NodeHealth> nodes = new ArrayList<>();
        boolean followedListed = false;
        for (DeploymentView.Node n : view.nodes()) {
            boolean isFollowed = n.address().equals(followed);
            followedListed |= isFollowed;
            HealthReport report = isFollowed ? master : checkOf(n.address()).check();
            nodes.add(new NodeHealth(n.id(), n.address(), n.role(), n.masterId(), n.slots(), n.flags(), report, null));
        }
        if (!followedListed) {
            // no Sentinel answered (or it names another master already): the master the connection follows is still a node
            nodes.add(0, new NodeHealth(followed, followed, "master", null, List.of(), List.of(), master, null));
        }
        return new DeploymentReport(Topology.SENTINEL, at, master, nodes, status, status.failovers());
    }

    // --- Cluster -----------------------------------------------------------------------------------

    private DeploymentReport cluster(Instant at) {
        Long ping = null;
        RedisAccessException pingFailure = null;
        try {
            long start = System.nanoTime();
            redis.call("PING", () -> redis.sync().ping());
            ping = (System.nanoTime() - start) / 1_000;
        } catch (RedisAccessException e) {
            pingFailure = e;
        }
        List<String> asked = redis.clusterNodesKnown();
        Map<String, RedisFuture<String>> infoReplies = new HashMap<>();
        Map<String, RedisFuture<String>> layoutReplies = new HashMap<>();
        for (String address : asked) {
            try {
                RedisClusterAsyncCommands<String, String> node = redis.nodeAsync(address);
                infoReplies.put(address, node.clusterInfo());
                layoutReplies.put(address, node.clusterNodes());
            } catch (RedisAccessException unreachable) {
                // its health check says so
            }
        }
        Map<String, HealthReport> reports = new LinkedHashMap<>();
        for (String address : asked) {
            reports.put(address, checkOf(address).check());
        }
        Map<String, ClusterInfo> infos = new HashMap<>();
        String newestLayout = null;
        long newestEpoch = Long.MIN_VALUE;
        for (String address : asked) {
            if (!reports.get(address).isUp() || !infoReplies.containsKey(address)) {
                continue; // its replies were refused or will time out: no need to wait for them
            }
            try {
                ClusterInfo info = ClusterInfo.parse(redis.call("CLUSTER INFO on " + address,
                        () -> infoReplies.get(address).toCompletableFuture().join()));
                infos.put(address, info);
                String layout = redis.call("CLUSTER NODES on " + address, () -> layoutReplies.get(address).toCompletableFuture().join());
                long epoch = info.currentEpoch() == null ? -1 : info.currentEpoch();
                if (newestLayout == null || epoch > newestEpoch) {
                    newestLayout = layout;
                    newestEpoch = epoch;
                }
            } catch (RedisAccessException e) {
                log.debug("No Cluster view from {}: {}", address, e.getMessage());
            }
        }
        List<NodeHealth> nodes = new ArrayList<>();
        if (newestLayout != null) {
            DeploymentView layout = DeploymentView.ofClusterNodes(newestLayout);
            noticeFailovers(lastLayout, layout);
            lastLayout = layout;
            for (DeploymentView.Node n : layout.nodes()) {
                HealthReport report = reports.remove(n.address());
                if (report == null) {
                    report = n.flags().contains("noaddr") || n.flags().contains("handshake")
                            ? HealthReport.down(at, new HealthProblem(RedisAccessException.Kind.UNREACHABLE, "No address known yet"))
                            : checkOf(n.address()).check(); // a node the client has not learned of yet
                }
                nodes.add(new NodeHealth(n.id(), n.address(), n.role(), n.masterId(), n.slots(), n.flags(), report, infos.get(n.address())));
            }
        }
        // nodes the client knows and the layout does not (or no layout at all): their INFO says what they are
        reports.forEach((address, report) -> nodes.add(new NodeHealth(address, address, roleOf(report), null, List.of(),
                List.of(), report, infos.get(address))));
        List<HealthReport> masters = nodes.stream().filter(n -> n.servesData(true)).map(NodeHealth::report).toList();
        if (masters.isEmpty()) {
            masters = nodes.stream().filter(NodeHealth::master).map(NodeHealth::report).toList();
        }
        HealthReport combined = DeploymentReport.combine(at, ping, pingFailure, masters, nodes.stream().map(NodeHealth::report).toList());
        return new DeploymentReport(Topology.CLUSTER, at, combined, nodes, null, List.copyOf(clusterFailovers));
    }

    private static String roleOf(HealthReport report) {
        if (!report.isUp() || report.info().replication().role() == null) {
            return "unknown";
        }
        return report.info().replication().isReplica() ? "replica" : "master";
    }

    /**
     * A failover between two layouts: a node that was a replica of a slot range's master and now
     * serves that range. (A range moved to another master by resharding is no failover.)
     */
    private void noticeFailovers(DeploymentView before, DeploymentView after) {
        if (before == null) {
            return;
        }
        Map<String, DeploymentView.Node> was = new HashMap<>();
        Map<Integer, String> ownerOfFirstSlot = new HashMap<>();
        for (DeploymentView.Node n : before.nodes()) {
            was.put(n.id(), n);
            for (String range : n.slots()) {
                ownerOfFirstSlot.put(firstSlot(range), n.id());
            }
        }
        Map<String, DeploymentView.Node> now = new HashMap<>();
        after.nodes().forEach(n -> now.put(n.id(), n));
        for (DeploymentView.Node n : after.nodes()) {
            for (String range : n.slots()) {
                String oldOwner = ownerOfFirstSlot.get(firstSlot(range));
                DeploymentView.Node formerly = was.get(n.id());
                if (oldOwner == null || oldOwner.equals(n.id()) || formerly == null || !"replica".equals(formerly.role())
                        || !oldOwner.equals(formerly.masterId())) {
                    continue;
                }
                DeploymentView.Node old = now.getOrDefault(oldOwner, was.get(oldOwner));
                boolean failed = old.flags().contains("fail") || old.flags().contains("pfail");
                String how = failed ? "its master failed and the Cluster promoted this replica"
                        : "a manual failover (CLUSTER FAILOVER): the old master is now a replica";
                clusterFailovers.addLast(new Failover(clock.instant(), old.address(), n.address(), how));
                while (clusterFailovers.size() > KEPT_FAILOVERS) {
                    clusterFailovers.removeFirst();
                }
                log.info("Cluster failover seen: {} -> {} ({})", old.address(), n.address(), how);
                break;
            }
        }
    }

    private static int firstSlot(String range) {
        int dash = range.indexOf('-');
        return Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
    }
}
