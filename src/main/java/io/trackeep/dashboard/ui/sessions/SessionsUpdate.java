package io.trackeep.dashboard.ui.sessions;

import io.trackeep.dashboard.monitor.sessions.SessionFigures;
import io.trackeep.dashboard.monitor.sessions.SessionListing;

/** What one refresh of the Sessions panel read: the figures and the table page. Immutable. */
public record SessionsUpdate(SessionFigures figures, SessionListing listing) {
}
