package io.trackeep.dashboard.service.pubsub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.trackeep.dashboard.service.json.Json;

import java.util.Optional;

/**
 * Whether a pub/sub payload is JSON, strictly: exactly one JSON value and nothing after it
 * ({@code {"a":1} x} is not JSON, although a lenient parser would stop after the object). The
 * Trackeep channels carry JSON, so anything else is shown as such, never "fixed".
 */
public final class JsonPayload {

    private static final ObjectReader STRICT = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonPayload() {
    }

    /** The parsed value, or empty when {@code text} is not exactly one JSON value. */
    public static Optional<JsonNode> parse(String text) {
        try {
            return Optional.of(read(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The parsed value.
     *
     * @throws IllegalArgumentException naming the problem ("not valid JSON: Unexpected character ...") when it is not JSON
     */
    public static JsonNode require(String text) {
        return read(text);
    }

    /** The value pretty-printed (two-space indent), or empty when it is not JSON. */
    public static Optional<String> pretty(String text) {
        return parse(text).map(Json::writePretty);
    }

    private static JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The payload is empty, not JSON");
        }
        try {
            JsonNode node = STRICT.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("The payload is not valid JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            throw new IllegalArgumentException("The payload is not valid JSON: " + reason
                    + (line > 0 ? " (line " + line + ", column " + column + ")" : ""), e);
        }
    }
}
