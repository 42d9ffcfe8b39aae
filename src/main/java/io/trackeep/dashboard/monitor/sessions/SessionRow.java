package io.trackeep.dashboard.monitor.sessions;

import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.service.session.SessionBatchReader;
import io.trackeep.dashboard.service.session.SessionEntry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One stored session as the dashboard lists it. {@code sessionId} is the real id, kept so an
 * admin action can name it; whoever shows a row shows {@link io.trackeep.dashboard.service.session.SessionId#mask}
 * of it, never the id itself.
 *
 * @param userId    null when the value is malformed
 * @param createdAt null when the value is malformed or holds Go's zero time
 * @param ttlMillis time left from PTTL; null when not read, -1 when the key has no expiry
 * @param problem   why the value is not a session ("malformed"), null for a readable one
 * @param excerpt   the start of a malformed value, for people to see what is there; null otherwise
 */
public record SessionRow(String sessionId, Long userId, String username, String email, String role, String ipAddress,
                         String userAgent, Instant createdAt, Instant lastActive, Long ttlMillis, String problem,
                         String excerpt) {

    public boolean malformed() {
        return problem != null;
    }

    /** Rows for these entries, with their time left (PTTL, {@link SessionBatchReader#ttls}). */
    public static List<SessionRow> read(SessionBatchReader reader, List<SessionEntry> entries) {
        Map<String, Long> ttls = reader.ttls("Reading sessions", entries.stream().map(SessionEntry::sessionId).toList());
        return entries.stream().map(e -> of(e, ttls.get(e.sessionId()))).toList();
    }

    public static SessionRow of(SessionEntry entry, Long ttlMillis) {
        if (entry instanceof SessionEntry.Valid v) {
            Session s = v.session();
            return new SessionRow(v.sessionId(), s.userId(), s.username(), s.email(), s.role(), s.ipAddress(), s.userAgent(),
                    instant(s.createdAt()), instant(s.lastActive()), ttlMillis, null, null);
        }
        SessionEntry.Malformed m = (SessionEntry.Malformed) entry;
        return new SessionRow(m.sessionId(), null, "", "", "", "", "", null, null, ttlMillis, m.reason(), m.excerpt());
    }

    /** Go's zero time means "never set": no instant. */
    private static Instant instant(OffsetDateTime t) {
        return t == null || t.equals(Session.GO_ZERO_TIME) ? null : t.toInstant();
    }
}
