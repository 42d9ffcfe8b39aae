package io.trackeep.dashboard.monitor.audit;

import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges this workstation's audit log with the shared trail into one timeline, newest first.
 * Every action taken here is written to both; such a pair becomes one row marked
 * {@link AuditRow.Source#BOTH} (same who, action, target and result, at most
 * {@link #SAME_ACTION} apart), so the table does not show each action twice.
 */
public final class AuditTimeline {

    /** Local and shared records of one action are written within milliseconds; allow for a slow Redis. */
    static final Duration SAME_ACTION = Duration.ofSeconds(10);

    private static final Comparator<AuditRow> NEWEST_FIRST =
            Comparator.comparing(AuditRow::when, Comparator.nullsLast(Comparator.<Instant>reverseOrder()));

    private AuditTimeline() {
    }

    /**
     * @param shared    entries of {@code P:audit}, any order, no duplicates by id
     * @param local     entries of the local log
     * @param localHost this workstation's host name as written into shared entries
     */
    public static List<AuditRow> merge(List<AuditEntry> shared, List<LocalAuditLog.Entry> local, String localHost) {
        Map<String, Deque<AuditEntry>> unmatched = new HashMap<>();
        Map<String, AuditEntry> sharedById = new LinkedHashMap<>();
        for (AuditEntry e : shared) {
            sharedById.put(e.id(), e);
            if (e.host() == null || e.host().equals(localHost)) {
                unmatched.computeIfAbsent(key(e.who(), e.action(), e.target(), e.result()), k -> new ArrayDeque<>()).add(e);
            }
        }
        List<AuditRow> rows = new ArrayList<>(shared.size() + local.size());
        for (LocalAuditLog.Entry l : local) {
            AuditEntry twin = takeTwin(unmatched.get(key(l.who(), l.action(), l.target(), l.result())), l.when());
            if (twin != null) {
                sharedById.remove(twin.id());
            }
            rows.add(new AuditRow(l.when(), l.who(), localHost, l.action(), l.target(), l.result(),
                    twin == null ? AuditRow.Source.LOCAL : AuditRow.Source.BOTH, twin == null ? null : twin.id(), l.connection()));
        }
        for (AuditEntry e : sharedById.values()) {
            rows.add(new AuditRow(when(e), e.who(), e.host(), e.action(), e.target(), e.result(), AuditRow.Source.SHARED, e.id(), null));
        }
        rows.sort(NEWEST_FIRST);
        return rows;
    }

    private static AuditEntry takeTwin(Deque<AuditEntry> candidates, Instant when) {
        if (candidates == null || when == null) {
            return null;
        }
        for (var it = candidates.iterator(); it.hasNext(); ) {
            AuditEntry e = it.next();
            Instant t = when(e);
            if (t != null && Duration.between(t, when).abs().compareTo(SAME_ACTION) <= 0) {
                it.remove();
                return e;
            }
        }
        return null;
    }

    /** The entry's own time, else the server time in its stream id ({@code <ms>-<seq>}). */
    static Instant when(AuditEntry e) {
        if (e.when() != null) {
            return e.when();
        }
        try {
            int dash = e.id().indexOf('-');
            return Instant.ofEpochMilli(Long.parseLong(dash < 0 ? e.id() : e.id().substring(0, dash)));
        } catch (RuntimeException notAnId) {
            return null;
        }
    }

    private static String key(String who, String action, String target, String result) {
        return Objects.toString(who, "") + '\u0000' + Objects.toString(action, "") + '\u0000'
                + Objects.toString(target, "") + '\u0000' + Objects.toString(result, "");
    }
}
