package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.health.Alert.Severity;
import io.trackeep.dashboard.service.redis.Failover;
import io.trackeep.dashboard.service.redis.SentinelStatus;
import io.trackeep.dashboard.service.redis.Topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.trackeep.dashboard.service.health.AlertRules.CLUSTER_STATE;
import static io.trackeep.dashboard.service.health.AlertRules.FAILOVER;
import static io.trackeep.dashboard.service.health.AlertRules.FAILOVER_RECENT;
import static io.trackeep.dashboard.service.health.AlertRules.NODE_DOWN;
import static io.trackeep.dashboard.service.health.AlertRules.NO_REPLICA;
import static io.trackeep.dashboard.service.health.AlertRules.SENTINEL_QUORUM;
import static io.trackeep.dashboard.service.health.AlertRules.SLOTS;

/**
 * The alerts of a Sentinel set's or a Cluster's shape, for {@link AlertRules}: which nodes and
 * Sentinels answer, who serves which slots, who could take over, what failed over lately. They
 * read the deployment report alone, no threshold; the rule names are {@link AlertRules}' own.
 * <ul>
 * <li>{@value AlertRules#CLUSTER_STATE}: a Cluster node reports {@code cluster_state:fail} (it refuses
 *     commands) (CRITICAL).</li>
 * <li>{@value AlertRules#SLOTS}: slots without a working master ({@code cluster_slots_fail}) or assigned to
 *     none (CRITICAL); slots whose master is suspected down ({@code pfail}) (WARNING).</li>
 * <li>{@value AlertRules#NODE_DOWN}: a data node does not answer this program or the deployment marks it
 *     failed or suspected down: CRITICAL for a master that serves data, else WARNING.</li>
 * <li>{@value AlertRules#SENTINEL_QUORUM}: {@code SENTINEL CKQUORUM} says the quorum (or the majority a
 *     failover needs) cannot be reached, or no Sentinel answers (CRITICAL); a Sentinel this
 *     program cannot reach (WARNING).</li>
 * <li>{@value AlertRules#NO_REPLICA}: a master that serves data has no working replica (none, or all down or
 *     with their link down): its failure would lose data or its slots (WARNING).</li>
 * <li>{@value AlertRules#FAILOVER}: a master was replaced in the last {@link AlertRules#FAILOVER_RECENT} (WARNING):
 *     the old one is gone or demoted, what it acknowledged last may be lost.</li>
 * </ul>
 */
final class TopologyAlertRules {

    private TopologyAlertRules() {
    }

    /** Adds the alerts of {@code d}'s topology to {@code alerts}. */
    static void evaluate(DeploymentReport d, List<Alert> alerts) {
        clusterState(d, alerts);
        slots(d, alerts);
        nodesDown(d, alerts);
        sentinelQuorum(d.sentinel(), alerts);
        if (d.combined().isUp()) {
            noReplica(d, alerts);
        }
        failover(d, alerts);
    }

    private static void clusterState(DeploymentReport d, List<Alert> alerts) {
        List<NodeHealth> failing = d.nodes().stream().filter(n -> n.report().isUp() && n.cluster() != null && !n.cluster().ok()).toList();
        if (failing.isEmpty()) {
            return;
        }
        long answering = d.nodes().stream().filter(n -> n.report().isUp() && n.cluster() != null).count();
        alerts.add(new Alert(CLUSTER_STATE, Severity.CRITICAL, String.format(Locale.ROOT,
                "Cluster state is %s on %d of %d nodes (%s): they refuse commands until every slot has a working master",
                failing.get(0).cluster().state(), failing.size(), answering,
                String.join(", ", failing.stream().map(NodeHealth::address).toList()))));
    }

    private static void slots(DeploymentReport d, List<Alert> alerts) {
        ClusterInfo c = d.cluster().orElse(null);
        if (c == null) {
            return;
        }
        int fail = c.slotsFail() == null ? 0 : c.slotsFail();
        int pfail = c.slotsPfail() == null ? 0 : c.slotsPfail();
        int unassigned = c.slotsAssigned() == null ? 0 : ClusterInfo.SLOTS - c.slotsAssigned();
        if (fail > 0 || unassigned > 0) {
            List<String> parts = new ArrayList<>();
            if (fail > 0) {
                parts.add(fail + " slots have no working master");
            }
            if (unassigned > 0) {
                parts.add(unassigned + " slots are served by no master");
            }
            alerts.add(new Alert(SLOTS, Severity.CRITICAL, String.join("; ", parts)
                    + ": commands for their keys fail" + (pfail > 0 ? "; " + pfail + " more on a master suspected down" : "")));
        } else if (pfail > 0) {
            alerts.add(new Alert(SLOTS, Severity.WARNING, pfail
                    + " slots are on a master suspected down (pfail): the Cluster fails them over if the others agree"));
        }
    }

    private static void nodesDown(DeploymentReport d, List<Alert> alerts) {
        boolean cluster = d.topology() == Topology.CLUSTER;
        List<NodeHealth> down = d.nodes().stream().filter(NodeHealth::down).toList();
        if (down.isEmpty()) {
            return;
        }
        boolean critical = down.stream().anyMatch(n -> n.servesData(cluster));
        List<String> said = down.stream().map(n -> n.address() + " (" + describe(n, cluster) + ")" + why(n)).toList();
        alerts.add(new Alert(NODE_DOWN, critical ? Severity.CRITICAL : Severity.WARNING,
                (down.size() == 1 ? "Node " : down.size() + " nodes down: ") + String.join("; ", said)));
    }

    private static String describe(NodeHealth n, boolean cluster) {
        if (!n.master()) {
            return n.role();
        }
        if (cluster) {
            return n.slots().isEmpty() ? "master without slots" : "master of slots " + String.join(",", n.slots());
        }
        return "master";
    }

    private static String why(NodeHealth n) {
        List<String> reasons = new ArrayList<>();
        if (n.report().status() == HealthStatus.DOWN) {
            reasons.add("does not answer: " + (n.report().problem() == null ? "no answer" : n.report().problem().message()));
        }
        List<String> marks = n.flags().stream().filter(f -> List.of("fail", "pfail", "s_down", "o_down").contains(f)).toList();
        if (!marks.isEmpty()) {
            reasons.add("marked " + String.join(",", marks));
        }
        return reasons.isEmpty() ? "" : " " + String.join(", ", reasons);
    }

    private static void sentinelQuorum(SentinelStatus s, List<Alert> alerts) {
        if (s == null) {
            return;
        }
        long usable = s.usable();
        String counts = String.format(Locale.ROOT, "%d of %d Sentinels usable, quorum %s", usable, s.sentinels().size(),
                s.quorum() == null ? "unknown" : s.quorum());
        if (!s.quorumReachable()) {
            alerts.add(new Alert(SENTINEL_QUORUM, Severity.CRITICAL, "Sentinel quorum not reachable: " + s.quorumMessage()
                    + " (" + counts + "): a failed master would not be replaced"));
            return;
        }
        List<String> unreachable = s.sentinels().stream().filter(SentinelStatus.Node::down).map(SentinelStatus.Node::address).toList();
        if (!unreachable.isEmpty()) {
            alerts.add(new Alert(SENTINEL_QUORUM, Severity.WARNING, "Sentinel " + String.join(", ", unreachable)
                    + " is down or does not answer this dashboard (" + counts + ")"));
        }
    }

    private static void noReplica(DeploymentReport d, List<Alert> alerts) {
        boolean cluster = d.topology() == Topology.CLUSTER;
        List<String> alone = new ArrayList<>();
        for (NodeHealth m : d.masters()) {
            if (m.down()) {
                continue;
            }
            boolean working = d.replicasOf(m).stream().anyMatch(r -> !r.down() && !r.linkDown());
            if (!working) {
                alone.add(m.address() + (cluster ? " (slots " + String.join(",", m.slots()) + ")" : ""));
            }
        }
        if (!alone.isEmpty()) {
            alerts.add(new Alert(NO_REPLICA, Severity.WARNING, (alone.size() == 1 ? "Master " : "Masters ") + String.join(", ", alone)
                    + (alone.size() == 1 ? " has" : " have") + " no working replica: "
                    + (cluster ? "if it fails, its slots are lost" : "if it fails, there is nothing to fail over to")));
        }
    }

    private static void failover(DeploymentReport d, List<Alert> alerts) {
        Failover last = d.lastFailover().orElse(null);
        if (last == null) {
            return;
        }
        Duration ago = Duration.between(last.at(), d.checkedAt());
        if (ago.compareTo(FAILOVER_RECENT) > 0) {
            return;
        }
        long recent = d.failovers().stream().filter(f -> Duration.between(f.at(), d.checkedAt()).compareTo(FAILOVER_RECENT) <= 0).count();
        alerts.add(new Alert(FAILOVER, Severity.WARNING, String.format(Locale.ROOT,
                "Failover %s ago: %s replaced %s as master (%s)%s; writes the old master acknowledged last may be lost",
                ago(ago), last.to(), last.from(), last.how(), recent > 1 ? "; " + recent + " failovers in the last "
                        + FAILOVER_RECENT.toMinutes() + " minutes" : "")));
    }

    private static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 90 ? s + " s" : s / 60 + " min";
    }
}
