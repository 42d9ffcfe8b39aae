package io.trackeep.dashboard.ui.topology;

import io.trackeep.dashboard.monitor.topology.TopologyProbe;
import io.trackeep.dashboard.service.admin.FailoverActions;
import io.trackeep.dashboard.service.health.DeploymentReport;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.StandardPanels;

/**
 * The Topology view: every data node with its role, slots, state and figures, the Sentinels with
 * the quorum, the failovers seen, and "Fail over…" (a chosen Cluster replica takes over, or the
 * Sentinels replace the master) through {@link FailoverActions} and the action runner:
 * confirmation naming the server, read-only refusal, audit. On one server it says so.
 *
 * <p>While shown, each refresh takes the check of every node the Overview made in the same tick
 * (the shared {@link io.trackeep.dashboard.monitor.topology.DeploymentTracker}), so both agree and
 * the nodes are asked once.
 */
public final class TopologyPanel extends LivePanel<DeploymentReport, TopologyProbe, TopologyViewModel, TopologyView> {

    public TopologyPanel(PanelContext context) {
        super(StandardPanels.TOPOLOGY, context, Refresh.WHILE_SHOWN, 4, new TopologyProbe(context.deployment()), new TopologyViewModel());
    }

    @Override
    protected TopologyView createView() {
        return new TopologyView(vm, this::failOver);
    }

    private void failOver() {
        if (!vm.canFailOverProperty().get()) {
            return;
        }
        NodeRow chosen = vm.selectedProperty().get();
        String replica = vm.topologyProperty().get() == Topology.CLUSTER && chosen != null ? chosen.address() : null;
        context.actions().run("Fail over", redis -> new FailoverActions(redis).failover(replica),
                outcome -> context.refresh().refreshNow());
    }
}
