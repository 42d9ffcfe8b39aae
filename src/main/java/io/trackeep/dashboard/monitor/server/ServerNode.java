package io.trackeep.dashboard.monitor.server;

import java.util.List;

/**
 * One data node the Server panel can read from (a Cluster node, a Sentinel set's master or
 * replica), as the deployment names it now. Immutable.
 *
 * @param address {@code host:port}
 * @param role    {@code master} or {@code replica}
 * @param flags   what the node is marked with ({@code fail}, {@code pfail}, {@code s_down}…); empty when healthy
 */
public record ServerNode(String address, String role, List<String> flags) {

    public ServerNode {
        flags = List.copyOf(flags);
    }

    /** Marked as down (failed, without address, subjectively or objectively down): nothing to read there. */
    public boolean isDown() {
        return flags.stream().anyMatch(f -> f.equals("fail") || f.equals("noaddr") || f.equals("s_down") || f.equals("o_down"));
    }

    /** "127.0.0.1:30004 · replica", with its marks: "127.0.0.1:30001 · master · fail". */
    public String label() {
        return flags.isEmpty() ? address + " · " + role : address + " · " + role + " · " + String.join(", ", flags);
    }
}
