package io.trackeep.dashboard.service.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * What a deployment consists of right now, as its nodes say: for the command line's
 * {@code snapshot} and the topology view. Immutable.
 *
 * @param topology   standalone, Sentinel or Cluster
 * @param masterName the Sentinels' name of the master (Sentinel only), else null
 * @param nodes      the data nodes: masters first (a Cluster's in slot order), then replicas
 * @param sentinels  the Sentinels of the settings with whether this program reaches them (Sentinel only)
 */
public record DeploymentView(Topology topology, String masterName, List<Node> nodes, List<Sentinel> sentinels) {

    public DeploymentView {
        nodes = List.copyOf(nodes);
        sentinels = List.copyOf(sentinels);
    }

    /**
     * One data node.
     *
     * @param id       the Cluster node id; elsewhere the address
     * @param address  {@code host:port}
     * @param role     {@code master} or {@code replica}
     * @param masterId for a replica, its master's id (Cluster) or address, else null
     * @param slots    slot ranges such as {@code 0-5460} (Cluster masters only)
     * @param flags    what the node is marked with: {@code fail}, {@code pfail} (suspected), {@code handshake},
     *                 {@code noaddr}, {@code s_down}, {@code o_down}, {@code disconnected}; empty when healthy
     */
    public record Node(String id, String address, String role, String masterId, List<String> slots, List<String> flags) {
        public Node {
            slots = List.copyOf(slots);
            flags = List.copyOf(flags);
        }
    }

    /** A Sentinel of the settings and whether this program's connection to it is up. */
    public record Sentinel(String address, boolean reachable) {
    }

    /** Ranges such as {@code 0-5460} of a sorted list of slots. */
    static List<String> ranges(List<Integer> sortedSlots) {
        List<String> ranges = new ArrayList<>();
        int start = -1;
        int previous = -2;
        for (int slot : sortedSlots) {
            if (slot != previous + 1) {
                if (start >= 0) {
                    ranges.add(start == previous ? Integer.toString(start) : start + "-" + previous);
                }
                start = slot;
            }
            previous = slot;
        }
        if (start >= 0) {
            ranges.add(start == previous ? Integer.toString(start) : start + "-" + previous);
        }
        return ranges;
    }
}
