package io.trackeep.dashboard.monitor.audit;

import java.time.Instant;
import java.util.List;

/**
 * The merged audit timeline as of {@code at}.
 *
 * @param rows          newest first
 * @param sharedRead    entries read from {@code P:audit}
 * @param localRead     entries read from this workstation's log
 * @param olderShared   true when {@code P:audit} may hold entries older than those read
 * @param olderLocal    true when the local log may hold entries older than those read
 * @param sharedProblem why {@code P:audit} could not be read (e.g. not a stream), null when it was
 * @param localProblem  why the local log could not be read, null when it was (or none is kept)
 * @param localLog      where the local log is, for people; null when none is kept
 */
public record AuditSnapshot(List<AuditRow> rows, int sharedRead, int localRead, boolean olderShared, boolean olderLocal,
                            String sharedProblem, String localProblem, String localLog, Instant at) {

    public AuditSnapshot {
        rows = List.copyOf(rows);
    }
}
