package io.trackeep.dashboard.service.health;

import static io.trackeep.dashboard.service.redis.ReplyNumbers.intOrNull;
import static io.trackeep.dashboard.service.redis.ReplyNumbers.longOrNull;

/**
 * One Cluster node's {@code CLUSTER INFO}: how that node sees the Cluster. Fields are null when
 * not reported.
 *
 * @param state         {@code cluster_state}: {@code ok}, or {@code fail} while a slot has no working master
 *                      (the node then refuses commands)
 * @param slotsAssigned {@code cluster_slots_assigned}: slots some master serves (16384 when all are)
 * @param slotsOk       {@code cluster_slots_ok}
 * @param slotsPfail    {@code cluster_slots_pfail}: slots whose master this node suspects is down
 * @param slotsFail     {@code cluster_slots_fail}: slots whose master the Cluster agreed is down
 * @param knownNodes    {@code cluster_known_nodes}
 * @param size          {@code cluster_size}: masters serving at least one slot
 * @param currentEpoch  {@code cluster_current_epoch}: grows with every failover; the node with the
 *                      highest has the newest view
 */
public record ClusterInfo(String state, Integer slotsAssigned, Integer slotsOk, Integer slotsPfail, Integer slotsFail,
                          Integer knownNodes, Integer size, Long currentEpoch) {

    /** Every slot of a Cluster. */
    public static final int SLOTS = 16_384;

    /** Reads a {@code CLUSTER INFO} answer ({@code field:value} lines); unknown or malformed fields stay null. */
    public static ClusterInfo parse(String answer) {
        java.util.Map<String, String> f = new java.util.HashMap<>();
        for (String line : (answer == null ? "" : answer).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                f.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        Long epoch = longOrNull(f.get("cluster_current_epoch"));
        return new ClusterInfo(f.get("cluster_state"), intOrNull(f.get("cluster_slots_assigned")), intOrNull(f.get("cluster_slots_ok")),
                intOrNull(f.get("cluster_slots_pfail")), intOrNull(f.get("cluster_slots_fail")), intOrNull(f.get("cluster_known_nodes")),
                intOrNull(f.get("cluster_size")), epoch);
    }

    public boolean ok() {
        return "ok".equals(state);
    }
}
