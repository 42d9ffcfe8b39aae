package io.trackeep.dashboard.monitor.sessions;

import java.time.Instant;
import java.util.List;

/**
 * One page of the session table plus the login rate, as of {@code at}.
 *
 * @param query          what was asked for
 * @param source         where the rows come from
 * @param rows           the page, most recently active first (malformed values last)
 * @param offset         position of the first row among all rows of the source
 * @param hasMore        true when a next page exists
 * @param found          rows the source has: the user's sessions found, the sample's size, the
 *                       unreadable values listed; for {@link Source#INDEX} the session count tells
 *                       instead (see {@link SessionFigures}), and this is -1
 * @param sampleComplete for {@link Source#SCAN_SAMPLE}: the last scan saw the whole keyspace and every session fits the sample
 * @param userSetFound   for a user query: whether their session set exists
 * @param logins         logins per minute over the last 15 minutes
 * @param at             when this was read
 */
public record SessionListing(SessionQuery query, Source source, List<SessionRow> rows, int offset, boolean hasMore,
                             int found, boolean sampleComplete, boolean userSetFound, LoginRate logins, Instant at) {

    public SessionListing {
        rows = List.copyOf(rows);
    }

    public enum Source {
        /** Paging by recency through {@code P:sessions:expiry}, which the census found complete. */
        INDEX,
        /** One user's sessions from {@code P:user:sessions:<uid>}, plus any of theirs among the sessions read. */
        USER,
        /** A bounded sample of session keys found by scanning: no index, or one that is not complete. */
        SCAN_SAMPLE,
        /** Session keys whose value is not a session, as the census found them. */
        UNREADABLE
    }
}
