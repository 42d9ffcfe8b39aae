package io.trackeep.dashboard.ui.server;

import io.trackeep.dashboard.monitor.server.ClientOnNode;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.service.admin.ServerActions;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.StandardPanels;

/**
 * The Server panel: slow log, client list, INFO sections and configuration, each a filterable,
 * sortable table, and "Kill client…" (through {@link ServerActions} and the action runner:
 * confirmation naming the client, audit, read-only refusal).
 *
 * <p>While shown, each refresh reads only the visible tab (one command; the configuration at most
 * every {@link ServerReads#CONFIG_MAX_AGE}); while hidden, nothing. A command the ACL user may not run shows
 * "not permitted for this user" in its tab instead of an error dialog.
 *
 * <p>On a Sentinel set or a Cluster the header's Node list chooses where the tab is read: one
 * node (its own connection), or all nodes (clients and slow log of each node, one command per
 * node, merged with a Node column; INFO and the configuration are not read then). The nodes are
 * asked of the deployment on each refresh (one CLUSTER NODES, or the Sentinels' view). A kill goes
 * to the node the client is on, and the confirmation names that node.
 */
public final class ServerPanel extends LivePanel<ServerViewModel.Readings, ServerReads, ServerViewModel, ServerView> {

    public ServerPanel(PanelContext context) {
        super(StandardPanels.SERVER, context, Refresh.WHILE_SHOWN, 4, new ServerReads(), new ServerViewModel());
        vm.shownProperty().addListener((obs, old, now) -> {
            probe.show(now);
            context.refresh().refreshNow();
        });
        vm.selectedNodeProperty().addListener((obs, old, now) -> {
            probe.choose(now);
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
        probe.choose(null);
    }

    /** Shows a tab (for tests and links from other panels). */
    public void show(Part part) {
        view().select(part);
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
        probe.readConfigAgain();
        context.refresh().refreshNow();
    }
}
