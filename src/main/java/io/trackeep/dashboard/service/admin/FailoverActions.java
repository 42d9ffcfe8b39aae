package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.service.redis.DeploymentView;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.SentinelStatus;
import io.trackeep.dashboard.service.redis.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A failover as an admin action, planned exactly: in a Cluster a chosen replica takes over from
 * its master ({@code CLUSTER FAILOVER} on that replica); with Sentinels the Sentinels replace the
 * master ({@code SENTINEL FAILOVER <master>}). The window and the command line both plan here and
 * execute through {@link AdminActions} (confirmation, read-only refusal, audit).
 *
 * <p>Planning reads the deployment as it is now and refuses, with an
 * {@link IllegalArgumentException} before anything is asked, what cannot work: a node that is no
 * replica or is down, a one-server deployment, a Sentinel master without a replica to promote.
 * The failover itself happens after the command is answered (the Cluster switches in about 0.2 s,
 * the Sentinels in about a second): the outcome says it was started, and the topology view and
 * the "failover" alert show when it is done.
 */
public final class FailoverActions {

    /** Audit action id of a Cluster replica taking over. */
    public static final String CLUSTER_FAILOVER = "cluster.failover";
    /** Audit action id of a Sentinel failover. */
    public static final String SENTINEL_FAILOVER = "sentinel.failover";

    private final RedisConnections redis;

    public FailoverActions(RedisConnections redis) {
        this.redis = redis;
    }

    /**
     * The failover this deployment allows: a Cluster needs the replica that is to take over
     * ({@code host:port}); with Sentinels the replica is the Sentinels' choice and {@code replica}
     * must be null or one of the master's replicas.
     */
    public ActionPlan<String> failover(String replica) {
        return switch (redis.topology()) {
            case CLUSTER -> {
                if (replica == null || replica.isBlank()) {
                    throw new IllegalArgumentException("Name the replica that is to take over (host:port): in a Cluster each master "
                            + "has replicas of its own");
                }
                yield clusterFailover(replica.strip());
            }
            case SENTINEL -> sentinelFailover();
            case STANDALONE -> throw new IllegalArgumentException("A failover needs a Sentinel set or a Cluster; "
                    + redis.settings().address() + " is one server");
        };
    }

    /**
     * Plans {@code CLUSTER FAILOVER} on {@code replicaAddress}: "Let replica 10.0.0.4:7003 take over
     * from master 10.0.0.1:7000 (slots 0-5460)?". While its master answers the switch is coordinated
     * (the replica first catches up with it: nothing acknowledged is lost); when the Cluster marks
     * the master failed, {@code FORCE} is used (the master cannot agree; what it acknowledged last
     * and did not replicate is lost).
     */
    public ActionPlan<String> clusterFailover(String replicaAddress) {
        if (redis.topology() != Topology.CLUSTER) {
            throw new IllegalArgumentException("Not a Cluster: " + redis.settings().address());
        }
        DeploymentView view = redis.deployment();
        DeploymentView.Node replica = view.nodes().stream().filter(n -> n.address().equals(replicaAddress)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No node " + replicaAddress + " in the Cluster"));
        if (!replica.role().equals("replica")) {
            throw new IllegalArgumentException(replicaAddress + " is a master already; choose one of its replicas: "
                    + "a failover makes a replica the master");
        }
        if (down(replica)) {
            throw new IllegalArgumentException("Replica " + replicaAddress + " is marked " + String.join(",", replica.flags())
                    + ": it cannot take over");
        }
        DeploymentView.Node master = view.nodes().stream().filter(n -> n.id().equals(replica.masterId())).findFirst().orElse(null);
        String masterAddress = master == null ? "its master" : master.address();
        String slots = master == null || master.slots().isEmpty() ? "" : " (slots " + String.join(",", master.slots()) + ")";
        boolean force = master == null || down(master);
        List<String> effects = new ArrayList<>();
        effects.add("Sends CLUSTER FAILOVER" + (force ? " FORCE" : "") + " to replica " + replicaAddress);
        effects.add(replicaAddress + " becomes the master of " + (slots.isEmpty() ? "its master's slots" : slots.substring(2, slots.length() - 1))
                + "; " + masterAddress + (force ? ", marked failed, becomes its replica when it comes back"
                : " becomes its replica"));
        effects.add(force ? "The master cannot agree (it is marked " + String.join(",", master == null ? List.of("unknown") : master.flags())
                + "): writes it acknowledged and did not replicate are lost"
                : "Coordinated: the replica first catches up with the master, so no acknowledged write is lost");
        effects.add("Clients follow the new master (MOVED); commands for these slots are refused for a moment");
        String target = "replica " + replicaAddress + " of master " + masterAddress + slots;
        return new ActionPlan<>(CLUSTER_FAILOVER, target,
                "Let replica " + replicaAddress + " take over from master " + masterAddress + slots + "?",
                effects, "Fail over to " + replicaAddress,
                () -> redis.onNode(replicaAddress, "CLUSTER FAILOVER", r -> r.clusterFailover(force)),
                answer -> "Replica " + replicaAddress + " is taking over from " + masterAddress + slots
                        + " (CLUSTER FAILOVER" + (force ? " FORCE" : "") + ": " + answer + ")");
    }

    /**
     * Plans {@code SENTINEL FAILOVER <master>}: "Fail over master 'trackeep' (10.0.0.5:6379)?". The
     * Sentinel that answers promotes the replica it finds best without asking the others; the
     * connections follow the new master at the first Sentinel event.
     */
    public ActionPlan<String> sentinelFailover() {
        if (redis.topology() != Topology.SENTINEL) {
            throw new IllegalArgumentException("Not a Sentinel set: " + redis.settings().address());
        }
        DeploymentView view = redis.deployment();
        SentinelStatus status = redis.sentinelStatus();
        String name = redis.settings().masterName();
        if (status.askedSentinel() == null) {
            throw new IllegalArgumentException("No Sentinel answers: " + status.quorumMessage());
        }
        DeploymentView.Node master = view.nodes().stream().filter(n -> n.role().equals("master")).findFirst().orElse(null);
        String masterAddress = master == null ? "unknown" : master.address();
        List<String> candidates = view.nodes().stream().filter(n -> n.role().equals("replica") && !down(n)
                && !n.flags().contains("link-down")).map(DeploymentView.Node::address).toList();
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("Master '" + name + "' (" + masterAddress + ") has no replica that could take over");
        }
        List<String> effects = new ArrayList<>();
        effects.add("Asks a Sentinel (SENTINEL FAILOVER " + name + ") to replace master " + masterAddress
                + " now, without waiting for the others to agree");
        effects.add(candidates.size() == 1 ? "Replica " + candidates.get(0) + " becomes the master"
                : "One of the replicas " + String.join(", ", candidates) + " becomes the master (the Sentinels' choice)");
        effects.add(masterAddress + " becomes a replica of the new master");
        effects.add("Connections follow the new master at the Sentinels' first event; writes are refused for a moment, not lost");
        return new ActionPlan<>(SENTINEL_FAILOVER, "master '" + name + "' (" + masterAddress + ")",
                "Fail over master '" + name + "' (" + masterAddress + ")?", effects, "Fail over '" + name + "'",
                redis::sentinelFailover,
                sentinel -> String.format(Locale.ROOT, "Sentinel %s started the failover of '%s' (master was %s)", sentinel, name,
                        masterAddress));
    }

    private static boolean down(DeploymentView.Node n) {
        return n.flags().contains("fail") || n.flags().contains("pfail") || n.flags().contains("s_down") || n.flags().contains("o_down")
                || n.flags().contains("disconnected");
    }
}
