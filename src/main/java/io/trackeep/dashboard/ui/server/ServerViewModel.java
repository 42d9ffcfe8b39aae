package io.trackeep.dashboard.ui.server;

import io.trackeep.dashboard.monitor.server.ClientOnNode;
import io.trackeep.dashboard.monitor.server.NodeDetails;
import io.trackeep.dashboard.monitor.server.Readout;
import io.trackeep.dashboard.monitor.server.ServerDetails;
import io.trackeep.dashboard.monitor.server.ServerNode;
import io.trackeep.dashboard.monitor.server.SlowLogOnNode;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.SlowLogEntry;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.ui.kit.TableSection;
import io.trackeep.dashboard.ui.panel.LiveViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Server panel as data: slow log, clients, INFO and configuration as filterable tables, which
 * of them is shown (only that one is read), the node they are read from, the client chosen for
 * "Kill client" and whether it may be killed. {@link #apply} takes one refresh (FX thread);
 * nothing here reads Redis.
 *
 * <p>On a Sentinel set or a Cluster the tables are one node's, chosen in {@link #nodes()}, or with
 * {@link #ALL_NODES} (the default) the clients and the slow log of every node merged, each row
 * with its node; INFO and the configuration are each node's own and ask for a node then (the
 * Topology panel compares the nodes side by side). On one server there is nothing to choose.
 */
public final class ServerViewModel implements LiveViewModel<ServerViewModel.Readings> {

    /**
     * One refresh of the visible tab and when it was read.
     *
     * @param nodes   the data nodes to choose from; empty on one server
     * @param node    the node chosen when this was read, null for all nodes (or the one server)
     * @param details what each node read answered, in the order of {@code nodes}
     */
    public record Readings(Topology topology, List<ServerNode> nodes, String node, List<NodeDetails> details, Instant at) {
        public Readings {
            nodes = List.copyOf(nodes);
            details = List.copyOf(details);
        }

        /** A reading of a Sentinel set, or of one server when {@code nodes} is empty. */
        public Readings(List<ServerNode> nodes, String node, List<NodeDetails> details, Instant at) {
            this(nodes.isEmpty() ? Topology.STANDALONE : Topology.SENTINEL, nodes, node, details, at);
        }
    }

    /** The node list's first entry, and the chosen node's value for it (null). */
    public static final String ALL_NODES = "All nodes";

    /** The section list's first entry: every INFO field. */
    public static final String ALL_SECTIONS = "All sections";

    private final ObjectProperty<Part> shown = new SimpleObjectProperty<>(Part.SLOW_LOG);

    private final TableSection<SlowLogOnNode> slowLog = new TableSection<>("Slow log",
            "An admin can allow it with ACL SETUSER <user> +slowlog.",
            "No slow commands",
            "Redis logs commands slower than slowlog-log-slower-than (10 ms by default), keeping the newest "
                    + "slowlog-max-len (128). None ran since the server started or the log was reset.",
            r -> r.node() + " " + r.entry().commandName() + " " + String.join(" ", r.entry().command()) + " "
                    + Objects.toString(r.entry().clientAddress(), "") + " " + Objects.toString(r.entry().clientName(), ""));
    private final TableSection<ClientOnNode> clients = new TableSection<>("Client list",
            "An admin can allow it with ACL SETUSER <user> +client.",
            "No clients",
            "Not even this dashboard's connection is listed, which means Redis lists only some clients to this user.",
            r -> r.node() + " " + r.client().id() + " " + Objects.toString(r.client().address(), "") + " "
                    + Objects.toString(r.client().name(), "") + " " + Objects.toString(r.client().lastCommand(), "") + " "
                    + Objects.toString(r.client().flags(), "") + " " + Objects.toString(r.client().user(), ""));
    private final TableSection<InfoField> info = new TableSection<>("INFO",
            "An admin can allow it with ACL SETUSER <user> +info.",
            "No fields in this section",
            "Redis sent nothing for this section.",
            f -> f.name() + " " + f.value());
    private final TableSection<ConfigEntry> config = new TableSection<>("Configuration",
            "An admin can allow it with ACL SETUSER <user> +config|get; managed services often disable CONFIG.",
            "No configuration",
            "CONFIG GET * returned no parameters.",
            c -> c.name() + " " + c.value());

    private final ObservableList<ServerNode> nodes = FXCollections.observableArrayList();
    private final BooleanProperty cluster = new SimpleBooleanProperty();
    private final ObjectProperty<String> selectedNode = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper missing = new ReadOnlyStringWrapper("");

    private final ObservableList<String> infoSections = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedSection = new SimpleObjectProperty<>(ALL_SECTIONS);
    private Map<String, Map<String, String>> infoBySection = Map.of();
    private Instant infoReadAt;

    private final ObjectProperty<ClientOnNode> selectedClient = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Map<String, Long>> ownClientIds = new ReadOnlyObjectWrapper<>(Map.of());
    private final BooleanBinding canKill;
    private final StringBinding killHint;

    public ServerViewModel() {
        selectedSection.addListener((obs, old, now) -> showInfoSection());
        canKill = Bindings.createBooleanBinding(() -> selectedClient.get() != null && !isOwn(selectedClient.get()),
                selectedClient, ownClientIds);
        killHint = Bindings.createStringBinding(() -> {
            ClientOnNode c = selectedClient.get();
            if (c == null) {
                return "Choose a client in the table to kill its connection";
            }
            long id = c.client().id();
            String where = nodes.isEmpty() ? "" : " on " + c.node();
            return isOwn(c) ? "Client " + id + where + " is this dashboard's own connection: it cannot be killed from here"
                    : "Close the connection of client " + id + where + " (asks first)";
        }, selectedClient, ownClientIds, nodes);
        selectedNode.addListener((obs, old, now) -> nodeChosen());
        infoSections.setAll(ALL_SECTIONS);
    }

    /** Shows what one refresh read; a reading made for another node than the one chosen now is dropped. */
    @Override
    public void apply(Readings r) {
        cluster.set(r.topology() == Topology.CLUSTER);
        if (!r.nodes().equals(nodes)) {
            nodes.setAll(r.nodes());
            String chosen = selectedNode.get();
            if (chosen != null && nodes.stream().noneMatch(n -> n.address().equals(chosen))) {
                selectedNode.set(null); // it left the deployment
                return;
            }
            updateSource();
        }
        if (!Objects.equals(r.node(), selectedNode.get())) {
            return; // read for the node chosen before
        }
        List<String> gone = new ArrayList<>();
        slowLog.apply(merge(r.details(), ServerDetails::slowLog, SlowLogOnNode::new, gone), r.at());
        Readout<List<ClientOnNode>> clientRows = merge(r.details(), ServerDetails::clients, ClientOnNode::new, gone);
        if (clientRows != null) {
            String chosen = selectedClient.get() == null ? null : selectedClient.get().key();
            Map<String, Long> own = new HashMap<>();
            r.details().forEach(d -> {
                if (d.details().ownClientId() != null) {
                    own.put(d.node(), d.details().ownClientId());
                }
            });
            ownClientIds.set(Map.copyOf(own));
            clients.apply(clientRows, r.at());
            selectedClient.set(chosen == null ? null
                    : clients.rows().stream().filter(c -> c.key().equals(chosen)).findFirst().orElse(null));
        }
        missing.set(gone.isEmpty() ? "" : "Not in the tables: " + String.join("; ", gone));
        if (r.details().size() == 1) {
            applyInfoAndConfig(r.details().get(0).details(), r.at());
        }
    }

    /** One server's refresh (no nodes to choose). */
    public void apply(ServerDetails details, Instant at) {
        apply(new Readings(List.of(), null, List.of(new NodeDetails("", details)), at));
    }

    /**
     * The nodes' rows of one part put together: every node's rows when each answered; the rows of
     * those that did when some did not (each one missing named in {@code gone}); the first refusal
     * or failure when none did; null when the part was not read.
     */
    private static <R, T> Readout<List<T>> merge(List<NodeDetails> details, Function<ServerDetails, Readout<List<R>>> part,
                                                BiFunction<String, R, T> onNode, List<String> gone) {
        List<T> rows = new ArrayList<>();
        Readout<List<T>> firstProblem = null;
        boolean anyOk = false;
        boolean anyRead = false;
        for (NodeDetails d : details) {
            Readout<List<R>> readout = part.apply(d.details());
            if (readout == null) {
                continue;
            }
            anyRead = true;
            if (readout.isOk()) {
                anyOk = true;
                readout.value().forEach(row -> rows.add(onNode.apply(d.node(), row)));
            } else {
                if (firstProblem == null) {
                    firstProblem = new Readout<>(null, readout.status(), readout.message());
                }
                gone.add(d.node().isEmpty() || readout.message().startsWith(d.node()) ? readout.message()
                        : d.node() + ": " + readout.message());
            }
        }
        if (!anyRead) {
            return null;
        }
        if (!anyOk) {
            gone.clear(); // said by the table itself
            return firstProblem;
        }
        return Readout.ok(rows);
    }

    private void applyInfoAndConfig(ServerDetails details, Instant at) {
        if (details.info() != null) {
            if (details.info().isOk()) {
                infoBySection = details.info().value();
                infoReadAt = at;
                List<String> names = new ArrayList<>();
                names.add(ALL_SECTIONS);
                names.addAll(infoBySection.keySet());
                if (!names.equals(infoSections)) {
                    String keep = selectedSection.get();
                    infoSections.setAll(names);
                    selectedSection.set(names.contains(keep) ? keep : ALL_SECTIONS);
                }
                showInfoSection();
            } else {
                infoBySection = Map.of();
                info.apply(details.info().status() == Readout.Status.DENIED
                        ? Readout.denied(details.info().message()) : Readout.failed(details.info().message()), at);
            }
        }
        if (details.config() != null) {
            config.apply(details.config().isOk()
                    ? Readout.ok(details.config().value().entrySet().stream().map(e -> new ConfigEntry(e.getKey(), e.getValue())).toList())
                    : details.config().status() == Readout.Status.DENIED ? Readout.denied(details.config().message())
                    : Readout.failed(details.config().message()), at);
        }
    }

    /** Another node chosen: nothing of the one before stays on screen. */
    private void nodeChosen() {
        slowLog.clear();
        clients.clear();
        selectedClient.set(null);
        ownClientIds.set(Map.of());
        missing.set("");
        infoBySection = Map.of();
        infoReadAt = null;
        config.clear();
        info.clear();
        askForNodeIfAll();
        updateSource();
    }

    private void askForNodeIfAll() {
        if (!nodes.isEmpty() && selectedNode.get() == null) {
            info.notRead("Choose a node to see its INFO", "INFO is each node's own: choose one in Node above. "
                    + "The Topology panel compares every node's role, memory, ops/s, clients and replication side by side.");
            config.notRead("Choose a node to see its configuration", "Each node has its own configuration: choose one in "
                    + "Node above.");
        }
    }

    private void updateSource() {
        String chosen = selectedNode.get();
        if (nodes.isEmpty()) {
            source.set("");
        } else if (chosen == null) {
            askForNodeIfAll();
            source.set("All " + nodes.size() + " nodes: clients and slow log of every node, each row with its Node; "
                    + "INFO and configuration per node");
        } else {
            source.set("From " + nodes.stream().filter(n -> n.address().equals(chosen)).findFirst()
                    .map(ServerNode::label).orElse(chosen));
        }
    }

    /** Whether INFO and the configuration are read now: not with all nodes of a Sentinel set or a Cluster. */
    public static boolean readsInfoAndConfig(List<ServerNode> nodes, String node) {
        return nodes.isEmpty() || node != null;
    }

    /** Forgets everything (another connection); back to all nodes. */
    @Override
    public void clear() {
        slowLog.clear();
        clients.clear();
        info.clear();
        config.clear();
        infoBySection = Map.of();
        infoReadAt = null;
        infoSections.setAll(ALL_SECTIONS);
        selectedSection.set(ALL_SECTIONS);
        selectedClient.set(null);
        ownClientIds.set(Map.of());
        missing.set("");
        nodes.clear();
        cluster.set(false);
        selectedNode.set(null);
        source.set("");
    }

    /** Empties the configuration table until it is read again ("Reload"). */
    public void reloadConfig() {
        config.clear();
        askForNodeIfAll();
    }

    private void showInfoSection() {
        String section = selectedSection.get();
        Map<String, Map<String, String>> chosen = section == null || ALL_SECTIONS.equals(section)
                ? infoBySection : Map.of(section, infoBySection.getOrDefault(section, Map.of()));
        List<InfoField> fields = new ArrayList<>();
        new LinkedHashMap<>(chosen).forEach((name, values) -> values.forEach((k, v) -> fields.add(new InfoField(name, k, v))));
        if (infoReadAt != null) {
            info.apply(Readout.ok(fields), infoReadAt);
        }
    }

    /** The row is the dashboard's own connection on its node. */
    public boolean isOwn(ClientOnNode c) {
        Long own = ownClientIds.get().get(c.node());
        return own != null && own == c.client().id();
    }

    /** Which part is shown, and so read. */
    public ObjectProperty<Part> shownProperty() { return shown; }

    public TableSection<SlowLogOnNode> slowLog() { return slowLog; }

    public TableSection<ClientOnNode> clients() { return clients; }

    public TableSection<InfoField> info() { return info; }

    public TableSection<ConfigEntry> config() { return config; }

    /** The data nodes of a Sentinel set or a Cluster to choose from; empty on one server. */
    public ObservableList<ServerNode> nodes() { return nodes; }

    /** On a Cluster: every node has database 0 only, so the clients' DB says nothing. */
    public ReadOnlyBooleanProperty clusterProperty() { return cluster; }

    /** The node the tables are read from ({@code host:port}), null for all nodes (and on one server). */
    public ObjectProperty<String> selectedNodeProperty() { return selectedNode; }

    /** Where the tables come from, in a line ("From 127.0.0.1:30004 · replica"); empty on one server. */
    public ReadOnlyStringProperty sourceProperty() { return source.getReadOnlyProperty(); }

    /** The nodes whose rows are missing from the merged tables, and why; empty when none is. */
    public ReadOnlyStringProperty missingProperty() { return missing.getReadOnlyProperty(); }

    /** "All sections", then the INFO sections in the server's order. */
    public ObservableList<String> infoSections() { return infoSections; }

    public ObjectProperty<String> selectedSectionProperty() { return selectedSection; }

    /** The client chosen in the table; follows it across refreshes by node and id, null when it left. */
    public ObjectProperty<ClientOnNode> selectedClientProperty() { return selectedClient; }

    /** CLIENT ID of the dashboard's own connection on each node read (by {@code host:port}), where known. */
    public ReadOnlyObjectProperty<Map<String, Long>> ownClientIdsProperty() { return ownClientIds.getReadOnlyProperty(); }

    /** A client is chosen and it is not the dashboard's own connection. */
    public BooleanBinding canKillProperty() { return canKill; }

    /** The kill button's tooltip: what it would do, or why it cannot. */
    public StringBinding killHintProperty() { return killHint; }
}
