package io.trackeep.dashboard.monitor.sessions;

/**
 * Which sessions the listing shows: all of them by recency, or one user's; and which page.
 *
 * @param userId null for all sessions, else that user's
 * @param page   zero-based page of {@link SessionListProbe#PAGE_SIZE} rows
 */
public record SessionQuery(Long userId, int page) {

    public static final SessionQuery ALL = new SessionQuery(null, 0);

    public SessionQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative: " + page);
        }
        if (userId != null && userId < 0) {
            throw new IllegalArgumentException("user id must not be negative: " + userId);
        }
    }
}
