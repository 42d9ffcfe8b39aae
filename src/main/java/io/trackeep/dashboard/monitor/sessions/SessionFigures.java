package io.trackeep.dashboard.monitor.sessions;

import java.time.Instant;

/**
 * What the Sessions panel shows at the top, with how each figure was obtained, so the window can
 * say which figures are exact, which come from scanning and which are still being counted.
 *
 * @param snapshot          the figures as {@code snapshot --json} prints them (null where unknown)
 * @param indexed           true when the project's index {@code P:sessions:expiry} exists
 * @param sessionsSeen      the session count: the index's live entries, or the session keys the
 *                          census found (so far, when {@code sessionsComplete} is false)
 * @param sessionsComplete  false while only a partial census is available (the count is a lower bound)
 * @param scanProgress      share of the keyspace the running census has visited, 0..1 (1 when complete)
 * @param sessionsCountedAt when the census pass behind the count ended; null for the index (counted now)
 * @param userSetsSeen      user session sets seen (so far, when {@code userSetsComplete} is false)
 * @param userSetsComplete  true when the user count comes from a complete pass
 * @param userSetsCountedAt when that pass ended (or now for a running pass)
 * @param topUsersFrom      what the top users were counted from
 * @param sessionsRead      with {@link TopUsersBasis#RECENT_SESSIONS} or {@link TopUsersBasis#ALL_LIVE_SESSIONS},
 *                          the sessions read through the index; else 0
 * @param at                when these figures were collected
 */
public record SessionFigures(SessionsSnapshot snapshot, boolean indexed, long sessionsSeen, boolean sessionsComplete,
                             double scanProgress, Instant sessionsCountedAt, long userSetsSeen, boolean userSetsComplete,
                             Instant userSetsCountedAt, TopUsersBasis topUsersFrom, int sessionsRead, Instant at) {

    /** Where the top users come from. */
    public enum TopUsersBasis {
        /** SCARD of every user session set, from a complete scan. */
        USER_SETS,
        /** SCARD of the user session sets the first scan has seen so far (no index to do better). */
        USER_SETS_SO_FAR,
        /** Owners of the most recently active sessions in the index, until the first scan completes. */
        RECENT_SESSIONS,
        /** Owners of every live session in the index (small enough to read whole), until the first scan completes. */
        ALL_LIVE_SESSIONS
    }
}
