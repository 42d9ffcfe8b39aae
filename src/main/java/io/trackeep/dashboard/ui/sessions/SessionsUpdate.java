package io.trackeep.dashboard.ui.sessions;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.sessions.SessionFigures;
import io.trackeep.dashboard.monitor.sessions.SessionListProbe;
import io.trackeep.dashboard.monitor.sessions.SessionListing;
import io.trackeep.dashboard.monitor.sessions.SessionQuery;
import io.trackeep.dashboard.monitor.sessions.SessionsProbe;
import io.trackeep.dashboard.service.redis.RedisConnections;

/** What one refresh of the Sessions panel read: the figures and the table page. Immutable. */
public record SessionsUpdate(SessionFigures figures, SessionListing listing) {

    /**
     * The Sessions panel's refresh: the figures ({@link SessionsProbe}), then the page the admin
     * asked for ({@link SessionListProbe}), which the figures tell whether the index is complete.
     */
    static final class Reads implements Probe<SessionsUpdate> {
        private final SessionsProbe figures;
        private final SessionListProbe list = new SessionListProbe();

        Reads(CensusTracker census) {
            this.figures = new SessionsProbe(census);
        }

        /** The page or user the next refresh lists; from the FX thread. */
        void query(SessionQuery q) {
            list.query(q);
        }

        @Override
        public SessionsUpdate collect(RedisConnections redis) {
            SessionFigures read = figures.figures(redis);
            return new SessionsUpdate(read, list.collect(redis, read));
        }
    }
}
