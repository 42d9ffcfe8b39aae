package io.trackeep.dashboard.service.health;

import java.util.List;
import java.util.Objects;

/**
 * One data node of the deployment in one check: where it stands in the topology (as the Cluster
 * or the Sentinels describe it) and its own health report. Immutable.
 *
 * @param id       the Cluster node id; elsewhere the address
 * @param address  {@code host:port}
 * @param role     {@code master} or {@code replica}, as the deployment says (a Cluster's CLUSTER NODES,
 *                 the Sentinels), or {@code unknown} when nothing said
 * @param masterId for a replica, its master's id (Cluster) or address (Sentinel), else null
 * @param slots    slot ranges such as {@code 0-5460} (Cluster masters)
 * @param flags    what the deployment marks the node with ({@code fail}, {@code pfail}, {@code s_down},
 *                 {@code o_down}, {@code disconnected}, {@code link-down}, ...); empty when healthy
 * @param report   the node's own check (PING, INFO, slow log); DOWN when it does not answer this program
 * @param cluster  the node's CLUSTER INFO (Cluster only, when it answered), else null
 */
public record NodeHealth(String id, String address, String role, String masterId, List<String> slots, List<String> flags,
                         HealthReport report, ClusterInfo cluster) {

    public NodeHealth {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(report, "report");
        role = role == null ? "unknown" : role;
        slots = List.copyOf(slots);
        flags = List.copyOf(flags);
    }

    public boolean master() {
        return role.equals("master");
    }

    /** A master that serves slots (any master outside a Cluster). */
    public boolean servesData(boolean cluster) {
        return master() && (!cluster || !slots.isEmpty());
    }

    /** Marked failed or suspected by the deployment ({@code fail}, {@code pfail}, {@code s_down}, {@code o_down}). */
    public boolean flaggedDown() {
        return flags.contains("fail") || flags.contains("pfail") || flags.contains("s_down") || flags.contains("o_down");
    }

    /** Does not answer this program, or the deployment marks it failed or suspected. */
    public boolean down() {
        return report.status() == HealthStatus.DOWN || flaggedDown();
    }

    /** A replica whose link to its master is down (the deployment's mark, or its own INFO). */
    public boolean linkDown() {
        return !master() && (flags.contains("link-down") || flags.contains("disconnected")
                || (report.isUp() && "down".equals(report.info().replication().masterLinkStatus())));
    }
}
