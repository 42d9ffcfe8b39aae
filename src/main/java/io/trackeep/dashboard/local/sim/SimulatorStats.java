package io.trackeep.dashboard.local.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * What the simulator has done since it started: an immutable snapshot, so two of them give rates.
 *
 * @param startedAt    when the simulator started
 * @param takenAt      when this snapshot was taken
 * @param sent         requests sent
 * @param succeeded    answered 2xx
 * @param rateLimited  answered 429
 * @param clientErrors answered another 4xx: a 404 for the rank of a user not on a board yet, a 401
 *                     after an admin killed the session (the user then logs in again)
 * @param serverErrors answered 5xx (503 while Redis is down)
 * @param failed       no answer: connection refused, timeout
 * @param skipped      due but not sent because {@link SimulatorSettings#maxInFlight()} requests were open
 * @param cacheHits    answers with {@code X-Cache: HIT}
 * @param cacheMisses  answers with {@code X-Cache: MISS}
 * @param loggedIn     virtual users holding a session now
 * @param inFlight     requests waiting for an answer now
 */
public record SimulatorStats(Instant startedAt, Instant takenAt, long sent, long succeeded, long rateLimited,
                             long clientErrors, long serverErrors, long failed, long skipped, long cacheHits,
                             long cacheMisses, int loggedIn, int inFlight) {

    public Duration elapsed() {
        return Duration.between(startedAt, takenAt);
    }

    /** One line for people: "812 sent, 700 2xx, 90 429, 0 other 4xx, 0 5xx, 0 failed". */
    public String summary() {
        return sent + " sent, " + succeeded + " 2xx, " + rateLimited + " 429, " + clientErrors + " other 4xx, "
                + serverErrors + " 5xx, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "");
    }
}
