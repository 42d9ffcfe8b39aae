package io.trackeep.dashboard.service.redis;

import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * A Cluster as one node's {@code CLUSTER NODES} answer describes it: masters first in slot
     * order, then replicas.
     */
    public static DeploymentView ofClusterNodes(String clusterNodes) {
        Partitions partitions = ClusterPartitionParser.parse(clusterNodes);
        List<Node> nodes = new ArrayList<>();
        for (RedisClusterNode n : partitions) {
            boolean master = n.is(RedisClusterNode.NodeFlag.UPSTREAM);
            List<String> flags = new ArrayList<>();
            for (RedisClusterNode.NodeFlag f : n.getFlags()) {
                switch (f) {
                    case FAIL -> flags.add("fail");
                    case EVENTUAL_FAIL -> flags.add("pfail");
                    case HANDSHAKE -> flags.add("handshake");
                    case NOADDR -> flags.add("noaddr");
                    default -> {
                        // role and "myself": not a state
                    }
                }
            }
            List<Integer> slots = new ArrayList<>(n.getSlots());
            slots.sort(null);
            nodes.add(new Node(n.getNodeId(), n.getUri().getHost() + ":" + n.getUri().getPort(),
                    master ? "master" : "replica", master ? null : n.getSlaveOf(), master ? ranges(slots) : List.of(), flags));
        }
        nodes.sort(Comparator.comparing((Node n) -> !n.role().equals("master"))
                .thenComparing(n -> n.slots().isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(n.slots().get(0).split("-")[0]))
                .thenComparing(Node::address));
        return new DeploymentView(Topology.CLUSTER, null, nodes, List.of());
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
