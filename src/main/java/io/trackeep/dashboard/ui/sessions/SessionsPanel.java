package io.trackeep.dashboard.ui.sessions;

import io.trackeep.dashboard.monitor.sessions.SessionListProbe;
import io.trackeep.dashboard.monitor.sessions.SessionRow;
import io.trackeep.dashboard.monitor.sessions.SessionsProbe;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.SessionActions;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.StandardPanels;

/**
 * Sessions: how many sessions and users, logins per minute, the users with
 * the most sessions, and the session table with filter, role choice, one user's sessions and
 * paging; actions kill a session, kill all sessions of a user and remove stale index entries,
 * each through {@link SessionActions} and the panel context's action runner. Reads only while
 * visible, on the refresh thread ({@link SessionsProbe}, {@link SessionListProbe}); the screen is
 * updated at most four times a second.
 */
public final class SessionsPanel extends LivePanel<SessionsUpdate, SessionsUpdate.Reads, SessionsViewModel, SessionsView> {

    public SessionsPanel(PanelContext context) {
        super(StandardPanels.SESSIONS, context, Refresh.WHILE_SHOWN, 4, new SessionsUpdate.Reads(context.census()),
                new SessionsViewModel());
        vm.queryProperty().addListener((obs, old, q) -> {
            probe.query(q);
            context.refresh().refreshNow(); // show the new page or user now, not at the next tick
        });
    }

    @Override
    protected SessionsView createView() {
        return new SessionsView(vm, new SessionsView.Actions() {
            @Override
            public void killSession(SessionRow row) {
                SessionsPanel.this.killSession(row);
            }

            @Override
            public void killUser(long userId) {
                SessionsPanel.this.killUser(userId);
            }

            @Override
            public void showUser(long userId) {
                vm.showUser(userId);
            }

            @Override
            public void prune() {
                SessionsPanel.this.prune();
            }
        });
    }

    // ---- actions -------------------------------------------------------------------------

    private void killSession(SessionRow row) {
        String id = row.sessionId();
        context.actions().run("Kill session", redis -> SessionActions.of(redis, AdminActions.defaultActor()).killSession(id),
                outcome -> context.refresh().refreshNow());
    }

    private void killUser(long userId) {
        context.actions().run("Kill sessions of user " + userId,
                redis -> SessionActions.of(redis, AdminActions.defaultActor()).killUser(userId),
                outcome -> context.refresh().refreshNow());
    }

    private void prune() {
        context.actions().run("Remove stale session entries", redis -> SessionActions.of(redis, AdminActions.defaultActor()).prune(),
                outcome -> context.refresh().refreshNow());
    }
}
