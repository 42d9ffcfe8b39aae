package io.trackeep.dashboard.monitor.sessions;

import java.time.Instant;

/**
 * What the Sessions panel shows at the top, with what each figure was counted from, so the window
 * can say which figures are exact, which are being counted and since when.
 *
 * @param snapshot     the figures as {@code snapshot --json} prints them, each with its accuracy
 * @param census       what the keyspace census found about sessions: the last complete pass, or the
 *                     running first pass; null before the census has read anything
 * @param indexTrusted true when the session count comes from the index, which that complete pass
 *                     found listing exactly the readable sessions
 * @param at           when these figures were collected
 */
public record SessionFigures(SessionsSnapshot snapshot, SessionCensus.Figures census, boolean indexTrusted, Instant at) {

    /** True when a complete scan stands behind the figures. */
    public boolean counted() {
        return census != null && census.complete();
    }
}
