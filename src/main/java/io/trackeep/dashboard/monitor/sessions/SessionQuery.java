package io.trackeep.dashboard.monitor.sessions;

/**
 * Which sessions the listing shows: all of them by recency, one user's, or the session keys whose
 * value is not a session; and which page.
 *
 * @param userId     null for all sessions, else that user's
 * @param page       zero-based page of {@link SessionListProbe#PAGE_SIZE} rows
 * @param unreadable true to list the values that are not sessions (then {@code userId} is null)
 */
public record SessionQuery(Long userId, int page, boolean unreadable) {

    public static final SessionQuery ALL = new SessionQuery(null, 0);
    public static final SessionQuery UNREADABLE = new SessionQuery(null, 0, true);

    public SessionQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative: " + page);
        }
        if (userId != null && userId < 0) {
            throw new IllegalArgumentException("user id must not be negative: " + userId);
        }
        if (userId != null && unreadable) {
            throw new IllegalArgumentException("unreadable values belong to no user");
        }
    }

    public SessionQuery(Long userId, int page) {
        this(userId, page, false);
    }

    /** The same query on another page. */
    public SessionQuery onPage(int other) {
        return new SessionQuery(userId, other, unreadable);
    }
}
