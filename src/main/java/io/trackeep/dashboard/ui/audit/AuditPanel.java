package io.trackeep.dashboard.ui.audit;

import io.trackeep.dashboard.monitor.audit.AuditProbe;
import io.trackeep.dashboard.monitor.audit.AuditSnapshot;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.StandardPanels;

/**
 * Audit: every admin action taken from this workstation (its local log, which also holds
 * refusals) and, where {@code P:audit} exists, from others, in one table, newest first, with a
 * filter, the whole selected entry, and paging to older entries.
 */
public final class AuditPanel extends LivePanel<AuditSnapshot, AuditProbe, AuditViewModel, AuditView> {

    public AuditPanel(PanelContext context) {
        super(StandardPanels.AUDIT, context, Refresh.WHILE_SHOWN, 4, new AuditProbe(context.actions().localLog()), new AuditViewModel());
    }

    @Override
    protected AuditView createView() {
        return new AuditView(vm, () -> {
            probe.loadOlder();
            context.refresh().refreshNow();
        });
    }
}
