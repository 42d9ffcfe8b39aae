package io.trackeep.dashboard.service.redis;

import java.util.List;

/**
 * What the Sentinels say about the master they watch, beyond its address: the quorum and whether
 * it can be reached, every Sentinel and how it stands, and the failovers this program saw.
 * Asked of the first Sentinel that answers. Immutable.
 *
 * @param masterName      the Sentinels' name of the master
 * @param askedSentinel   {@code host:port} of the Sentinel that answered, or null when none did
 * @param quorum          Sentinels that must agree a master is down; null when no Sentinel answered
 * @param masterFlags     what that Sentinel marks the master with besides its role ({@code s_down}, {@code o_down},
 *                        {@code failover_in_progress}, ...); empty when healthy
 * @param configEpoch     the master's configuration epoch (one more with each failover); null when unknown
 * @param quorumReachable whether {@code SENTINEL CKQUORUM} says the quorum and a majority for a failover can be reached
 * @param quorumMessage   the Sentinel's answer to CKQUORUM, or why there is none
 * @param sentinels       every Sentinel: those of the settings and those the answering one knows
 * @param failovers       the master changes this program saw since it connected, oldest first (bounded)
 */
public record SentinelStatus(String masterName, String askedSentinel, Integer quorum, List<String> masterFlags, Long configEpoch,
                             boolean quorumReachable, String quorumMessage, List<Node> sentinels, List<Failover> failovers) {

    public SentinelStatus {
        masterFlags = List.copyOf(masterFlags);
        sentinels = List.copyOf(sentinels);
        failovers = List.copyOf(failovers);
        quorumMessage = quorumMessage == null ? "" : quorumMessage;
    }

    /**
     * One Sentinel.
     *
     * @param address   {@code host:port}
     * @param reachable whether this program's connection to it is up; null for one it was not told of
     *                  (known only through the answering Sentinel)
     * @param flags     how the answering Sentinel sees it ({@code s_down}, {@code disconnected}); empty when
     *                  healthy or for the answering one itself
     * @param answered  the Sentinel that answered these questions
     */
    public record Node(String address, Boolean reachable, List<String> flags, boolean answered) {
        public Node {
            flags = List.copyOf(flags);
        }

        /** Down as far as anyone here can tell: unreachable from this program or marked down by the answering Sentinel. */
        public boolean down() {
            return Boolean.FALSE.equals(reachable) || flags.contains("s_down") || flags.contains("o_down");
        }
    }

    /** Sentinels that are not {@link Node#down()}. */
    public long usable() {
        return sentinels.stream().filter(s -> !s.down()).count();
    }
}
