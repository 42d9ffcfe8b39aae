package io.trackeep.dashboard.service.health;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * INFO {@code replication}. Fields are null when not reported; {@code replicas} is never null.
 *
 * @param role                       {@code role}: "master", or "slave" for a replica
 * @param connectedReplicas          {@code connected_slaves}
 * @param masterHost                 {@code master_host} (replica only)
 * @param masterPort                 {@code master_port} (replica only)
 * @param masterLinkStatus           {@code master_link_status}: "up" or "down" (replica only)
 * @param masterLastIoSecondsAgo     {@code master_last_io_seconds_ago} (replica only; -1 while the link is down).
 *                                   Not a lag: an idle master pings only every repl-ping-replica-period (10 s)
 * @param masterLinkDownSinceSeconds {@code master_link_down_since_seconds} (replica with the link down)
 * @param replicationOffset          {@code master_repl_offset}
 * @param replicas                   the {@code slaveN} lines of a master
 */
public record ReplicationInfo(String role, Long connectedReplicas, String masterHost, Integer masterPort,
                              String masterLinkStatus, Long masterLastIoSecondsAgo, Long masterLinkDownSinceSeconds,
                              Long replicationOffset, List<Replica> replicas) {

    public ReplicationInfo {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }

    /**
     * One replica as its master sees it ({@code slave0:ip=...,port=...,state=online,offset=...,lag=0}).
     *
     * @param lagSeconds seconds since the replica's last acknowledgement (replicas acknowledge every second)
     */
    public record Replica(String ip, Integer port, String state, Long offset, Long lagSeconds) {
    }

    @JsonIgnore // derived from role; keeps the JSON of a report to the INFO fields
    public boolean isReplica() {
        return "slave".equals(role) || "replica".equals(role);
    }

    /**
     * Replication lag in seconds where Redis reports one: on a master, the largest lag of its
     * replicas; null on a replica (it only knows {@link #masterLastIoSecondsAgo}) or without replicas.
     */
    public Long lagSeconds() {
        return replicas.stream().map(Replica::lagSeconds).filter(l -> l != null).max(Long::compare).orElse(null);
    }
}
