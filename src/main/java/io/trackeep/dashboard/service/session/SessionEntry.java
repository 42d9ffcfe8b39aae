package io.trackeep.dashboard.service.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.service.json.Json;

/**
 * One stored session as found when listing: either a readable {@link Session} or a value that is
 * not one. Listings return these so that one bad value never hides the others.
 */
public sealed interface SessionEntry {

    /** The id from the key name ({@code P:session:<sid>}), which is authoritative. */
    String sessionId();

    /**
     * What a stored value is. A session is a JSON object naming at least its user ({@code user_id},
     * a whole number) and its id ({@code session_id}); every other field may be missing and takes
     * Go's zero value, as in {@link Session#fromJson}. Anything else (not JSON, wrong field types,
     * JSON without those two fields, such as {@code {}}) is {@link Malformed}: neither backend
     * writes it, and counting it as a session of user 0 would invent one.
     */
    static SessionEntry of(String sessionId, String raw) {
        try {
            JsonNode json = Json.tree(raw);
            if (!json.isObject()) {
                return new Malformed(sessionId, "not a session: not a JSON object", raw);
            }
            if (!json.has("user_id") || !json.has("session_id")) {
                return new Malformed(sessionId, "not a session: JSON without " + (json.has("user_id") ? "session_id" : "user_id"), raw);
            }
            return new Valid(sessionId, Session.fromJson(json));
        } catch (Json.MalformedJsonException e) {
            return new Malformed(sessionId, e.getMessage(), raw);
        }
    }

    record Valid(String sessionId, Session session) implements SessionEntry {
    }

    /**
     * @param reason  why it could not be read, for people
     * @param excerpt the start of the stored value (at most {@value #EXCERPT_CHARS} characters)
     */
    record Malformed(String sessionId, String reason, String excerpt) implements SessionEntry {

        public static final int EXCERPT_CHARS = 200;

        public Malformed {
            excerpt = excerpt != null && excerpt.length() > EXCERPT_CHARS ? excerpt.substring(0, EXCERPT_CHARS) : excerpt;
        }
    }
}
