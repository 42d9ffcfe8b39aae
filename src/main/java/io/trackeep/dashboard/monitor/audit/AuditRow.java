package io.trackeep.dashboard.monitor.audit;

import java.time.Instant;

/**
 * One admin action in the merged audit timeline.
 *
 * @param when       when it happened; null when no entry says
 * @param who        the admin
 * @param host       the workstation it came from
 * @param action     e.g. {@code session.kill}
 * @param target     what it acted on (session ids are masked by the plans)
 * @param result     {@code ok: ...}, {@code failed: ...}, {@code refused: ...}
 * @param source     where the entry was found
 * @param sharedId   the {@code P:audit} stream id, null for an entry only in the local log
 * @param connection for entries of the local log: the connection it was taken on (password hidden)
 */
public record AuditRow(Instant when, String who, String host, String action, String target, String result,
                       Source source, String sharedId, String connection) {

    public enum Source {
        /** Only in this workstation's log (refused, or the shared trail could not be written). */
        LOCAL,
        /** Only in the shared trail {@code P:audit}: another workstation, or a command line elsewhere. */
        SHARED,
        /** Taken on this workstation and recorded in the shared trail too. */
        BOTH;

        /** True when this workstation took the action. */
        public boolean local() {
            return this != SHARED;
        }
    }
}
