package io.trackeep.dashboard.service.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.trackeep.dashboard.service.json.Json;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A login session exactly as the Go backend stores it in {@code P:session:<sid>} (its
 * {@code SessionData} struct): same field names, same order, {@code user_id} a JSON number and
 * both timestamps RFC 3339 with nanoseconds and an offset ({@link io.trackeep.dashboard.service.json.GoTime}).
 *
 * <p>Reading follows Go's {@code encoding/json}: unknown fields are ignored and a missing field
 * takes Go's zero value ({@code ""}, {@code 0}, {@link #GO_ZERO_TIME}). A negative user id is
 * rejected, as Go's {@code uint} rejects it.
 */
@JsonPropertyOrder({"user_id", "email", "username", "role", "session_id", "ip_address", "user_agent", "created_at", "last_active"})
public record Session(
        @JsonProperty("user_id") long userId,
        @JsonProperty("email") String email,
        @JsonProperty("username") String username,
        @JsonProperty("role") String role,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("ip_address") String ipAddress,
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("created_at")
        @JsonSerialize(using = GoTimeJson.Writer.class) @JsonDeserialize(using = GoTimeJson.Reader.class)
        OffsetDateTime createdAt,
        @JsonProperty("last_active")
        @JsonSerialize(using = GoTimeJson.Writer.class) @JsonDeserialize(using = GoTimeJson.Reader.class)
        OffsetDateTime lastActive) {

    /** Go's zero {@code time.Time}, what Go reads for a missing timestamp. */
    public static final OffsetDateTime GO_ZERO_TIME = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    public Session {
        if (userId < 0) {
            throw new IllegalArgumentException("user_id must not be negative: " + userId);
        }
        email = orEmpty(email);
        username = orEmpty(username);
        role = orEmpty(role);
        sessionId = orEmpty(sessionId);
        ipAddress = orEmpty(ipAddress);
        userAgent = orEmpty(userAgent);
        createdAt = createdAt == null ? GO_ZERO_TIME : createdAt;
        lastActive = lastActive == null ? GO_ZERO_TIME : lastActive;
    }

    /** Parses a stored value; throws {@link Json.MalformedJsonException} when it is not a session. */
    public static Session fromJson(String json) {
        return Json.read(json, Session.class);
    }

    /** The same from parsed JSON (see {@link SessionEntry#of}, which reads the tree once). */
    static Session fromJson(JsonNode json) {
        try {
            return Json.mapper().treeToValue(json, Session.class);
        } catch (JsonProcessingException e) {
            throw new Json.MalformedJsonException(Session.class.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new Json.MalformedJsonException(Session.class.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The JSON the Go backend would write for this session. */
    public String toJson() {
        return Json.write(this);
    }

    public Session withRole(String newRole) {
        return new Session(userId, email, username, newRole, sessionId, ipAddress, userAgent, createdAt, lastActive);
    }

    Session withLastActive(OffsetDateTime time) {
        return new Session(userId, email, username, role, sessionId, ipAddress, userAgent, createdAt, time);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
