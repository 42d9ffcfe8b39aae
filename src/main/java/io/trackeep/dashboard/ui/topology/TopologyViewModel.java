package io.trackeep.dashboard.ui.topology;

import io.trackeep.dashboard.monitor.server.Readout;
import io.trackeep.dashboard.service.health.ClusterInfo;
import io.trackeep.dashboard.service.health.DeploymentReport;
import io.trackeep.dashboard.service.health.HealthReport;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.health.NodeHealth;
import io.trackeep.dashboard.service.health.ReplicationInfo;
import io.trackeep.dashboard.service.redis.Failover;
import io.trackeep.dashboard.service.redis.SentinelStatus;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.TableSection;
import io.trackeep.dashboard.ui.panel.LiveViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Topology view as data: what the deployment is and how it stands (one line for people), every
 * data node as a row (each master followed by its replicas), the Sentinels with the quorum, the
 * failovers seen, and whether "Fail over…" can run on the selected node. {@link #apply} takes one
 * check (FX thread); nothing here reads Redis.
 */
public final class TopologyViewModel implements LiveViewModel<DeploymentReport> {

    /** How a node, a Sentinel or the whole deployment stands. */
    public enum State { OK, DEGRADED, DOWN }

    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper quorum = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper quorumCheck = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper sentinelFailoverPossible = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper master = new ReadOnlyStringWrapper();

    private final TableSection<NodeRow> nodes = new TableSection<>("Nodes",
            "An admin can allow it with ACL SETUSER <user> +info +cluster|nodes +cluster|info.",
            "No nodes", "The deployment named no data node.",
            n -> n.address() + " " + n.role() + " " + n.placement() + " " + n.stateText());
    private final TableSection<SentinelRow> sentinels = new TableSection<>("Sentinels",
            "", "No Sentinels", "No Sentinel answered and the profile names none.",
            s -> s.address() + " " + s.stateText());
    private final TableSection<Failover> failovers = new TableSection<>("Failovers",
            "", "No failover seen",
            "Seen while connected: a master replaced by one of its replicas.",
            f -> f.from() + " " + f.to() + " " + f.how());

    private final ObjectProperty<NodeRow> selected = new SimpleObjectProperty<>();
    private final BooleanBinding canFailOver;
    private final StringBinding failOverHint;

    public TopologyViewModel() {
        canFailOver = Bindings.createBooleanBinding(() -> switch (topologyOrStandalone()) {
            case CLUSTER -> selected.get() != null && selected.get().replica() && selected.get().state() != State.DOWN;
            case SENTINEL -> sentinelFailoverPossible.get();
            case STANDALONE -> false;
        }, topology, selected, sentinelFailoverPossible);
        failOverHint = Bindings.createStringBinding(this::hint, topology, selected, sentinelFailoverPossible, master);
    }

    private Topology topologyOrStandalone() {
        return topology.get() == null ? Topology.STANDALONE : topology.get();
    }

    private String hint() {
        NodeRow s = selected.get();
        return switch (topologyOrStandalone()) {
            case STANDALONE -> "A failover needs a Sentinel set or a Cluster: this is one server";
            case CLUSTER -> s == null || !s.replica() ? "Choose a replica in the table: it takes over from its master"
                    : s.state() == State.DOWN ? "Replica " + s.address() + " is down: it cannot take over"
                    : "Let replica " + s.address() + " take over from its master (" + s.placement().replaceFirst("^of ", "") + "); asks first";
            case SENTINEL -> sentinelFailoverPossible.get()
                    ? "Ask the Sentinels to replace master " + master.get() + " with a replica (asks first)"
                    : "No replica that could take over from master " + (master.get() == null ? "" : master.get());
        };
    }

    /** Shows one check of the deployment. FX thread. */
    @Override
    public void apply(DeploymentReport report) {
        Instant at = report.checkedAt();
        topology.set(report.topology());
        List<NodeRow> rows = rows(report);
        NodeRow chosen = selected.get();
        nodes.apply(Readout.ok(rows), at);
        selected.set(chosen == null ? null : rows.stream().filter(r -> r.address().equals(chosen.address())).findFirst().orElse(null));
        NodeHealth masterNode = report.masters().stream().findFirst().orElse(null);
        master.set(masterNode == null ? null : masterNode.address());
        switch (report.topology()) {
            case STANDALONE -> standalone(report);
            case CLUSTER -> cluster(report);
            case SENTINEL -> sentinel(report);
        }
        List<Failover> newestFirst = new ArrayList<>(report.failovers());
        Collections.reverse(newestFirst);
        failovers.apply(Readout.ok(newestFirst), at);
    }

    /** Forgets everything (another connection). */
    @Override
    public void clear() {
        topology.set(null);
        title.set("");
        summary.set("");
        state.set(null);
        quorum.set("");
        quorumCheck.set("");
        master.set(null);
        sentinelFailoverPossible.set(false);
        nodes.clear();
        sentinels.clear();
        failovers.clear();
        selected.set(null);
    }

    private void standalone(DeploymentReport r) {
        title.set("Standalone: one node");
        summary.set("One server: no replicas to fail over to and no Sentinels. A profile can name a Sentinel set "
                + "(redis-sentinel://) or a Cluster (redis-cluster://) instead.");
        state.set(r.combined().status() == HealthStatus.DOWN ? State.DOWN : State.OK);
        sentinels.clear();
    }

    private void cluster(DeploymentReport r) {
        long replicas = r.nodes().stream().filter(n -> n.role().equals("replica")).count();
        title.set(String.format(Locale.ROOT, "Cluster: %d %s, %d %s", r.masters().size(), r.masters().size() == 1 ? "master" : "masters",
                replicas, replicas == 1 ? "replica" : "replicas"));
        ClusterInfo c = r.cluster().orElse(null);
        if (c == null) {
            summary.set("No node answers: " + problem(r.combined()));
            state.set(State.DOWN);
        } else {
            int fail = c.slotsFail() == null ? 0 : c.slotsFail();
            int pfail = c.slotsPfail() == null ? 0 : c.slotsPfail();
            summary.set(String.format(Locale.ROOT, "cluster_state %s · %s of %s slots served%s%s · epoch %s · %d nodes",
                    c.state(), c.slotsAssigned() == null ? "unknown" : Units.count(c.slotsAssigned()), Units.count(ClusterInfo.SLOTS),
                    fail > 0 ? " · " + Units.count(fail) + " failing" : "", pfail > 0 ? " · " + Units.count(pfail) + " suspected" : "",
                    c.currentEpoch() == null ? "unknown" : c.currentEpoch(), r.nodes().size()));
            boolean anyDown = r.nodes().stream().anyMatch(NodeHealth::down);
            state.set(!c.ok() || fail > 0 ? State.DOWN : anyDown || pfail > 0 ? State.DEGRADED : State.OK);
        }
        sentinels.clear();
    }

    private void sentinel(DeploymentReport r) {
        SentinelStatus s = r.sentinel();
        NodeHealth m = r.masters().stream().findFirst().orElse(null);
        long replicas = r.nodes().stream().filter(n -> !n.master()).count();
        title.set("Sentinel set '" + (s == null ? "?" : s.masterName()) + "': master " + (m == null ? "unknown" : m.address())
                + ", " + replicas + (replicas == 1 ? " replica" : " replicas"));
        List<SentinelRow> rows = new ArrayList<>();
        if (s != null) {
            for (SentinelStatus.Node n : s.sentinels()) {
                String fromHere = n.reachable() == null ? "not in the profile" : n.reachable() ? "reachable" : "unreachable";
                rows.add(new SentinelRow(n.address(), fromHere, n.flags().isEmpty() ? "ok" : String.join(", ", n.flags()), n.down(),
                        n.answered()));
            }
            quorum.set(String.format(Locale.ROOT, "Quorum %s · %d of %d usable · %s", s.quorum() == null ? "?" : s.quorum(), s.usable(),
                    s.sentinels().size(), s.quorumReachable() ? "failover possible" : "NO FAILOVER POSSIBLE"));
            quorumCheck.set(s.quorumMessage());
            summary.set(String.format(Locale.ROOT, "%s · %d of %d Sentinels usable%s", s.quorumReachable() ? "quorum reachable"
                    : "QUORUM NOT REACHABLE", s.usable(), s.sentinels().size(),
                    s.configEpoch() == null ? "" : " · config epoch " + s.configEpoch()));
        }
        sentinels.apply(Readout.ok(rows), r.checkedAt());
        boolean working = m != null && r.replicasOf(m).stream().anyMatch(n -> !n.down() && !n.linkDown());
        sentinelFailoverPossible.set(working && s != null && s.askedSentinel() != null);
        boolean anyDown = r.nodes().stream().anyMatch(NodeHealth::down) || rows.stream().anyMatch(SentinelRow::down);
        state.set(s == null || !s.quorumReachable() || m == null || m.down() ? State.DOWN
                : anyDown || !working ? State.DEGRADED : State.OK);
    }

    // --- rows ----------------------------------------------------------------------------------------

    private static List<NodeRow> rows(DeploymentReport r) {
        List<NodeRow> rows = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (NodeHealth m : r.masters()) {
            rows.add(row(m, r, rows.size()));
            placed.add(m.address());
            for (NodeHealth replica : r.replicasOf(m)) {
                if (placed.add(replica.address())) {
                    rows.add(row(replica, r, rows.size()));
                }
            }
        }
        for (NodeHealth n : r.nodes()) {
            if (placed.add(n.address())) {
                rows.add(row(n, r, rows.size())); // a failed master without slots, a replica whose master is gone
            }
        }
        return rows;
    }

    private static NodeRow row(NodeHealth n, DeploymentReport r, int order) {
        HealthReport report = n.report();
        boolean up = report.isUp();
        var info = report.info();
        String memory = !up || info.memory().usedBytes() == null ? null : Units.bytes(info.memory().usedBytes())
                + (info.memory().maxMemoryBytes() != null && info.memory().maxMemoryBytes() > 0
                ? " of " + Units.bytes(info.memory().maxMemoryBytes()) : "");
        return new NodeRow(n.address(), n.role(), placement(n, r), state(n), stateText(n), memory,
                up ? info.stats().opsPerSecond() : null, up ? info.keyspace().totalKeys() : null, up ? info.clients().connected() : null,
                link(n, r), lag(n, r), order);
    }

    private static String placement(NodeHealth n, DeploymentReport r) {
        if (n.master()) {
            if (r.topology() == Topology.CLUSTER) {
                return n.slots().isEmpty() ? "no slots" : String.join(", ", n.slots());
            }
            return r.topology() == Topology.SENTINEL && r.sentinel() != null ? "master '" + r.sentinel().masterName() + "'" : "";
        }
        String of = masterOf(n, r);
        return of == null ? "" : "of " + of;
    }

    private static String masterOf(NodeHealth n, DeploymentReport r) {
        if (n.masterId() == null) {
            return null;
        }
        if (r.topology() == Topology.CLUSTER) {
            return r.nodes().stream().filter(m -> m.id().equals(n.masterId())).map(NodeHealth::address).findFirst().orElse(n.masterId());
        }
        return n.masterId();
    }

    static State state(NodeHealth n) {
        if (n.report().status() == HealthStatus.DOWN || n.flags().contains("fail") || n.flags().contains("s_down")
                || n.flags().contains("o_down")) {
            return State.DOWN;
        }
        return n.flags().contains("pfail") || n.linkDown() || n.report().status() == HealthStatus.PARTIAL ? State.DEGRADED : State.OK;
    }

    static String stateText(NodeHealth n) {
        // who else holds it down: the Cluster's or the Sentinels' verdict, beside (or instead of) our own failed check
        String verdict = n.flags().contains("fail") ? "the Cluster agrees"
                : n.flags().contains("pfail") ? "suspected (pfail)"
                : n.flags().contains("o_down") ? "the Sentinels agree"
                : n.flags().contains("s_down") ? "a Sentinel says" : null;
        List<String> said = new ArrayList<>();
        if (n.report().status() == HealthStatus.DOWN) {
            said.add("down: " + problem(n.report()) + (verdict == null ? "" : " (" + verdict + ")"));
        } else if (verdict != null) {
            said.add(n.flags().contains("fail") ? "failed (the Cluster agrees)"
                    : n.flags().contains("pfail") ? "suspected down (pfail)" : "down (" + verdict + ")");
        }
        if (n.linkDown() && n.report().status() != HealthStatus.DOWN) { // a node that is down has no link to speak of
            said.add("master link down");
        }
        if (n.report().status() == HealthStatus.PARTIAL) {
            said.add("INFO not permitted");
        }
        return said.isEmpty() ? "ok" : String.join("; ", said);
    }

    private static String link(NodeHealth n, DeploymentReport r) {
        if (n.master()) {
            long count = r.replicasOf(n).size();
            return count == 0 ? "no replica" : count + (count == 1 ? " replica" : " replicas");
        }
        if (!n.report().isUp()) {
            return n.linkDown() ? "down" : null;
        }
        ReplicationInfo rep = n.report().info().replication();
        if (rep.masterLinkStatus() == null) {
            return null;
        }
        return rep.masterLinkDownSinceSeconds() != null && "down".equals(rep.masterLinkStatus())
                ? "down " + Units.duration(Duration.ofSeconds(rep.masterLinkDownSinceSeconds())) : rep.masterLinkStatus();
    }

    /** A replica's lag and offset as its master reports them. */
    private static String lag(NodeHealth n, DeploymentReport r) {
        String of = masterOf(n, r);
        if (n.master() || of == null) {
            return null;
        }
        NodeHealth m = r.node(of).orElse(null);
        if (m == null || !m.report().isUp()) {
            return null;
        }
        ReplicationInfo mr = m.report().info().replication();
        for (ReplicationInfo.Replica seen : mr.replicas()) {
            if ((seen.ip() + ":" + seen.port()).equals(n.address())) {
                String lag = seen.lagSeconds() == null ? "?" : seen.lagSeconds() + " s";
                Long behind = mr.replicationOffset() == null || seen.offset() == null ? null
                        : Math.max(0, mr.replicationOffset() - seen.offset());
                return lag + (behind == null ? "" : " · " + Units.bytes(behind) + " behind");
            }
        }
        return "not connected";
    }

    /** Why a node is down, in a few words: the row names the node, and the log and alerts give the whole sentence. */
    private static String problem(HealthReport report) {
        if (report.problem() == null) {
            return "no answer";
        }
        return switch (report.problem().kind()) {
            case UNREACHABLE -> "unreachable";
            case TIMEOUT -> "no answer in time";
            case AUTH_FAILED -> "login refused";
            default -> report.problem().message().replaceFirst("^PING \\S+: ", "");
        };
    }

    // --- properties ------------------------------------------------------------------------------------

    /** Standalone, Sentinel or Cluster; null before the first check. */
    public ReadOnlyObjectProperty<Topology> topologyProperty() { return topology.getReadOnlyProperty(); }

    /** "Cluster: 3 masters, 3 replicas", "Sentinel set 'trackeep': master …", "Standalone: one node". */
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }

    /** The state of the whole in one line: cluster_state and slots, or the quorum. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    /** How the whole deployment stands; null before the first check. */
    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }

    /** "Quorum 2 · 3 of 3 usable · failover possible" (Sentinel only). */
    public ReadOnlyStringProperty quorumProperty() { return quorum.getReadOnlyProperty(); }

    /** What the Sentinel said to SENTINEL CKQUORUM, whole (Sentinel only). */
    public ReadOnlyStringProperty quorumCheckProperty() { return quorumCheck.getReadOnlyProperty(); }

    public TableSection<NodeRow> nodes() { return nodes; }

    public TableSection<SentinelRow> sentinels() { return sentinels; }

    /** The failovers seen, newest first. */
    public TableSection<Failover> failovers() { return failovers; }

    /** The node chosen in the table; follows it across refreshes by address, null when it left. */
    public ObjectProperty<NodeRow> selectedProperty() { return selected; }

    /** Whether "Fail over…" can run: a working Cluster replica chosen, or a Sentinel master with a working replica. */
    public BooleanBinding canFailOverProperty() { return canFailOver; }

    /** What "Fail over…" would do, or why it cannot. */
    public StringBinding failOverHintProperty() { return failOverHint; }

    /** Whether the Sentinels' master has a working replica to fail over to. */
    public ReadOnlyBooleanProperty sentinelFailoverPossibleProperty() { return sentinelFailoverPossible.getReadOnlyProperty(); }
}
