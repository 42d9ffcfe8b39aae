package io.trackeep.dashboard.service.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One admin action in {@code P:audit}. Read tolerantly: entries written by other tools or
 * versions may lack fields (null here) or carry more (kept in {@code otherFields}).
 *
 * @param id          the stream entry id ({@code <ms>-<seq>}, server time of the append)
 * @param who         the admin who acted
 * @param when        when it happened (the acting workstation's clock); null when missing or unreadable
 * @param action      what was done, e.g. {@code session.kill}, {@code client.kill}
 * @param target      what it was done to (a masked session id, a cache family, a client id)
 * @param result      how it ended, e.g. {@code ok}, {@code failed: <reason>}
 * @param host        the workstation it came from
 * @param otherFields fields beyond these, and a {@code when} that could not be read, as stored
 */
public record AuditEntry(String id, String who, Instant when, String action, String target, String result,
                         String host, Map<String, String> otherFields) {

    public AuditEntry {
        otherFields = otherFields == null ? Map.of() : Map.copyOf(otherFields);
    }
}
