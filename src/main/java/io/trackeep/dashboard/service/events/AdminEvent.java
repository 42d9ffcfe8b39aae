package io.trackeep.dashboard.service.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * An event on {@code P:admin:events} telling every backend to drop local state, e.g.
 * {@code {"type":"session.killed","target":"<sid>","actor":"admin@ws1","at":"...","details":{"user_id":42}}}.
 *
 * @param type    dotted event name: {@code session.killed}, {@code cache.invalidated}, {@code ratelimit.reset}, ...
 * @param target  what the event is about (a session id, a cache key or family, a limiter/client)
 * @param actor   who caused it (admin name or service name)
 * @param at      when it happened
 * @param details extra fields, may be empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AdminEvent(String type, String target, String actor, Instant at, Map<String, Object> details) {

    public static final String SESSION_KILLED = "session.killed";
    public static final String CACHE_INVALIDATED = "cache.invalidated";
    public static final String RATE_LIMIT_RESET = "ratelimit.reset";
    public static final String RATE_LIMIT_CHANGED = "ratelimit.changed";
    public static final String LEADERBOARD_CHANGED = "leaderboard.changed";

    public AdminEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
        at = at == null ? Instant.now() : at;
    }

    public static AdminEvent of(String type, String target, String actor, Map<String, Object> details) {
        return new AdminEvent(type, target, actor, Instant.now(), details);
    }
}
