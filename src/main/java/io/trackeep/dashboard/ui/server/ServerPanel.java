package io.trackeep.dashboard.ui.server;

import io.trackeep.dashboard.monitor.server.ClientOnNode;
import io.trackeep.dashboard.monitor.server.NodeDetails;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.monitor.server.ServerNode;
import io.trackeep.dashboard.service.admin.ServerActions;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.StandardPanels;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Server panel: slow log, client list, INFO sections and configuration, each a filterable,
 * sortable table, and "Kill client…" (through {@link ServerActions} and the action runner:
 * confirmation naming the client, audit, read-only refusal).
 *
 * <p>While shown, each refresh reads only the visible tab (one command; the configuration at most
 * every {@link #CONFIG_MAX_AGE}); while hidden, nothing. A command the ACL user may not run shows
 * "not permitted for this user" in its tab instead of an error dialog.
 *
 * <p>On a Sentinel set or a Cluster the header's Node list chooses where the tab is read: one
 * node (its own connection), or all nodes (clients and slow log of each node, one command per
 * node, merged with a Node column; INFO and the configuration are not read then). The nodes are
 * asked of the deployment on each refresh (one CLUSTER NODES, or the Sentinels' view). A kill goes
 * to the node the client is on, and the confirmation names that node.
 */
public final class ServerPanel extends LivePanel<ServerViewModel.Readings, ServerViewModel, ServerView> {

    /** The configuration changes rarely: read again at most this often while its tab is shown. */
    public static final Duration CONFIG_MAX_AGE = Duration.ofSeconds(10);

    private volatile Part shown = Part.SLOW_LOG;
    // the node chosen (host:port), null for all nodes; written on the FX thread, read on the refresh thread
    private volatile String node;
    private final ServerDetailsProbe probe = new ServerDetailsProbe(() -> EnumSet.of(shown));
    private volatile Instant configReadAt;
    private volatile String configReadOn;

    public ServerPanel(PanelContext context) {
        super(StandardPanels.SERVER, context, Refresh.WHILE_SHOWN, 4, new ServerViewModel());
        vm.shownProperty().addListener((obs, old, now) -> {
            shown = now;
            context.refresh().refreshNow();
        });
        vm.selectedNodeProperty().addListener((obs, old, now) -> {
            node = now;
            configReadAt = null;
            context.refresh().refreshNow();
        });
    }

    @Override
    protected ServerView createView() {
        return new ServerView(vm, this::killSelected, this::reloadConfig);
    }

    @Override
    protected void clear() {
        super.clear();
        node = null;
        configReadAt = null;
    }

    /** Shows a tab (for tests and links from other panels). */
    public void show(Part part) {
        view().select(part);
    }

    /**
     * On the refresh thread: the visible tab only, of the node chosen or of every node; null while
     * the configuration shown is recent enough.
     */
    @Override
    protected ServerViewModel.Readings read(RedisConnections redis) {
        Part part = shown;
        String chosen = node;
        Instant now = Instant.now();
        List<ServerNode> nodes = ServerDetailsProbe.nodes(redis);
        Set<Part> parts = EnumSet.of(part);
        if (part == Part.INFO || part == Part.CONFIG) {
            if (!ServerViewModel.readsInfoAndConfig(nodes, chosen)) {
                return new ServerViewModel.Readings(redis.topology(), nodes, chosen, List.of(), now); // asks for a node: nothing to read
            }
        }
        if (part == Part.CONFIG) {
            Instant read = configReadAt;
            if (read != null && Objects.equals(configReadOn, chosen) && now.isBefore(read.plus(CONFIG_MAX_AGE))) {
                return new ServerViewModel.Readings(redis.topology(), nodes, chosen, List.of(), now);
            }
            configReadAt = now;
            configReadOn = chosen;
        }
        List<NodeDetails> details;
        if (nodes.isEmpty()) {
            details = List.of(new NodeDetails(redis.nodeAddresses().get(0), probe.collect(redis, parts)));
        } else if (chosen != null) {
            details = List.of(new NodeDetails(chosen, probe.collect(redis, parts, chosen)));
        } else {
            details = probe.collectEvery(redis, parts, nodes);
        }
        return new ServerViewModel.Readings(redis.topology(), nodes, chosen, details, now);
    }

    /** The chosen client's kill, planned and sent on the node it is on (client ids are per node). */
    private void killSelected() {
        ClientOnNode row = vm.selectedClientProperty().get();
        if (row == null) {
            return;
        }
        long id = row.client().id();
        String on = vm.nodes().isEmpty() ? null : row.node();
        context.actions().run("Kill client", on, redis -> new ServerActions(redis, on).killClient(id),
                outcome -> context.refresh().refreshNow());
    }

    private void reloadConfig() {
        vm.reloadConfig();
        configReadAt = null;
        context.refresh().refreshNow();
    }
}
