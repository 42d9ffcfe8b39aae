package io.trackeep.dashboard.monitor.sessions;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sessions section of {@code snapshot --json}. Every figure is said to be exact, approximate
 * or unknown in {@code accuracy}; an unknown figure is null, an approximate one is what was
 * counted so far (a lower bound).
 *
 * <pre>{"total","unreadable","users","staleIds","ghostIds","topUsers":[{"userId","username","sessions"}],
 *  "accuracy":{"total":"exact",...},"scan":{"complete","progress","completedAt"},
 *  "index":{"present","complete","checkedAt","sessionsNotListed","countsTotal"}}</pre>
 *
 * @param total      readable live sessions: the index's live entries when the last complete scan found
 *                   the index complete ({@code index.countsTotal}), else the sessions the scan read
 * @param unreadable session keys whose value is not a session (not JSON, no user_id/session_id, another type)
 * @param users      distinct owners of the readable sessions
 * @param staleIds   index entries past their expiry; null without the index
 * @param ghostIds   ids in user session sets ({@code P:user:sessions:<uid>}) whose session is gone
 * @param topUsers   the users with the most live sessions, most first (at most {@link SessionsProbe#TOP_USERS})
 * @param accuracy   per figure above, by its JSON name
 * @param scan       the keyspace scan the figures come from
 * @param index      the project's index {@code P:sessions:expiry} as that scan found it
 */
@JsonPropertyOrder({"total", "unreadable", "users", "staleIds", "ghostIds", "topUsers", "accuracy", "scan", "index"})
public record SessionsSnapshot(Long total, Long unreadable, Long users, Long staleIds, Long ghostIds, List<TopUser> topUsers,
                               Map<String, Accuracy> accuracy, Scan scan, Index index) {

    public SessionsSnapshot {
        topUsers = topUsers == null ? List.of() : List.copyOf(topUsers);
        accuracy = Map.copyOf(accuracy);
    }

    /**
     * @param username from one of the user's live sessions; null when none could be read
     * @param sessions the user's live sessions
     */
    public record TopUser(long userId, String username, long sessions) {
    }

    /** How far a figure can be trusted. */
    public enum Accuracy {
        /** Counted completely (as of {@code scan.completedAt}, or now for the index and {@code staleIds}). */
        EXACT,
        /** Counted so far by a scan that has not completed: a lower bound. */
        APPROXIMATE,
        /** Not known; the figure is null. */
        UNKNOWN;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param complete    the scan visited the whole keyspace and finished its checks
     * @param progress    share of the keyspace it visited, 0..1
     * @param completedAt when it completed; null while it runs
     */
    public record Scan(boolean complete, double progress, Instant completedAt) {
    }

    /**
     * @param present           the index exists
     * @param complete          the last complete scan found it listing exactly the readable sessions;
     *                          null when no scan has completed
     * @param checkedAt         when that scan completed
     * @param sessionsNotListed readable sessions the scan found missing from the index (or past their entry's expiry)
     * @param countsTotal       true when {@code total} is the index's live count
     */
    public record Index(boolean present, Boolean complete, Instant checkedAt, Long sessionsNotListed, boolean countsTotal) {
    }
}
