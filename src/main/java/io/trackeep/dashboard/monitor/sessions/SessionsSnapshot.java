package io.trackeep.dashboard.monitor.sessions;

import java.util.List;

/**
 * The sessions section of {@code snapshot --json}:
 * {@code {"total","users","staleIds","topUsers":[{"userId","username","sessions"}]}}.
 * A figure that cannot be known is null.
 *
 * @param total    live sessions: the index's live entries when {@code P:sessions:expiry} exists,
 *                 else session keys counted by a complete keyspace scan; null while no count is complete
 * @param users    user session sets ({@code P:user:sessions:*}) counted by a complete scan; null while none is
 * @param staleIds index entries past their expiry (sessions gone but still indexed); null without the index,
 *                 since stale ids in user sets cannot be counted without checking every member
 * @param topUsers the users with the largest session sets, largest first (at most {@link SessionsProbe#TOP_USERS})
 */
public record SessionsSnapshot(Long total, Long users, Long staleIds, List<TopUser> topUsers) {

    public SessionsSnapshot {
        topUsers = topUsers == null ? List.of() : List.copyOf(topUsers);
    }

    /**
     * @param username from one of the user's live sessions; null when none could be read
     * @param sessions ids in the user's session set (SCARD)
     */
    public record TopUser(long userId, String username, long sessions) {
    }
}
