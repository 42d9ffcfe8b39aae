package io.trackeep.dashboard.service.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.session.SessionId;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks session ids inside message payloads (session ids are bearer credentials): an admin
 * event {@code {"type":"session.killed","target":"<sid>"}} carries one, and so may a chat message
 * or a backend's own event. In JSON, the value of every field whose name says it is a session id
 * ({@code session_id}, {@code sessionId}, {@code sid}, ...) and the target of a {@code session.*}
 * event are masked, and so is the id in a session key ({@code P:session:<sid>}) anywhere; in
 * other text, {@code session_id=<sid>} and session keys. Everything else stays as it was.
 */
public final class SessionIdsInPayloads {

    private static final Pattern SESSION_KEY = Pattern.compile("(:session:)([^\\s\"',;:}\\]]{8,})");
    private static final Pattern FIELD_IN_TEXT = Pattern.compile(
            "(?i)((?:session[_-]?id|sid)[\"']?\\s*[:=]\\s*[\"']?)([A-Za-z0-9_\\-+/=.]{8,})");

    private SessionIdsInPayloads() {
    }

    /** The payload with every session id masked; as it was when it holds none. */
    public static String mask(String payload) {
        if (payload == null || payload.isEmpty()) {
            return payload;
        }
        Optional<JsonNode> json = JsonPayload.parse(payload);
        if (json.isPresent() && json.get().isContainerNode()) {
            JsonNode copy = json.get().deepCopy();
            return maskNode(copy, null) ? Json.write(copy) : payload;
        }
        return maskText(payload);
    }

    /** Pretty-printed JSON with session ids masked, or empty when the payload is not JSON. */
    public static Optional<String> maskPretty(String payload) {
        return JsonPayload.parse(payload).map(node -> {
            JsonNode copy = node.deepCopy();
            maskNode(copy, null);
            return Json.writePretty(copy);
        });
    }

    private static String maskText(String text) {
        String masked = replace(SESSION_KEY, text);
        return replace(FIELD_IN_TEXT, masked);
    }

    private static String replace(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + SessionId.mask(m.group(2))));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** Masks in place; true when anything changed. */
    private static boolean maskNode(JsonNode node, String eventType) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            String type = object.path("type").isTextual() ? object.get("type").asText() : eventType;
            boolean sessionEvent = type != null && type.toLowerCase(Locale.ROOT).startsWith("session.");
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    String masked = isSessionField(field.getKey()) || (sessionEvent && field.getKey().equals("target"))
                            ? SessionId.mask(value.asText()) : maskText(value.asText());
                    if (!masked.equals(value.asText())) {
                        field.setValue(TextNode.valueOf(masked));
                        changed = true;
                    }
                } else {
                    changed |= maskNode(value, type);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    String masked = maskText(value.asText());
                    if (!masked.equals(value.asText())) {
                        array.set(i, TextNode.valueOf(masked));
                        changed = true;
                    }
                } else {
                    changed |= maskNode(value, eventType);
                }
            }
        }
        return changed;
    }

    private static boolean isSessionField(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return n.equals("sid") || n.equals("sessionid") || n.equals("session") || n.endsWith("sessionid");
    }
}
