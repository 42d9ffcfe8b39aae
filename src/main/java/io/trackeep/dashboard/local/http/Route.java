package io.trackeep.dashboard.local.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint: method, path pattern ({@code /api/challenges/{id}/rank/{userId}}), the rate
 * limiter it counts against (null: not rate limited), whether it looks up the session, and
 * its handler.
 *
 * @param redisFree  the route needs no Redis at all: the server answers it at once, never behind
 *                   requests that wait for Redis ({@link #redisFree()})
 * @param lateAnswer what the server answers when the route's handler is still waiting for Redis
 *                   at the request's deadline; null for the generic 503
 */
public record Route(String method, String pattern, String limiter, SessionMode session, Handler handler,
                    boolean redisFree, ApiResponse lateAnswer) {

    /** What the session stage does for a route. */
    public enum SessionMode {
        /** Ignores {@code X-Session-ID}. */
        NONE,
        /** Looks the session up when the header is sent; a missing, unknown or damaged one means anonymous. */
        OPTIONAL,
        /** Answers 401 unless the header names a valid session. */
        REQUIRED
    }

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(handler, "handler");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("A path pattern starts with '/': " + pattern);
        }
        if (redisFree && (limiter != null || session != SessionMode.NONE)) {
            throw new IllegalArgumentException("A route with a limiter or a session needs Redis: " + pattern);
        }
    }

    /** A route that uses Redis, answered 503 when Redis does not answer in time. */
    public Route(String method, String pattern, String limiter, SessionMode session, Handler handler) {
        this(method, pattern, limiter, session, handler, false, null);
    }

    /** This route, marked as needing no Redis. */
    public Route withoutRedis() {
        return new Route(method, pattern, limiter, session, handler, true, lateAnswer);
    }

    /** This route, answering {@code answer} when Redis does not answer in time. */
    public Route whenLate(ApiResponse answer) {
        return new Route(method, pattern, limiter, session, handler, redisFree, answer);
    }

    /** The path parameters when {@code segments} (the split request path) fit this route's pattern. */
    Optional<Map<String, String>> match(List<String> segments) {
        List<String> parts = segments(pattern);
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String actual = segments.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                params.put(part.substring(1, part.length() - 1), actual);
            } else if (!part.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** {@code /a/b/} → [a, b]; empty segments (double or trailing slashes) are kept out, so they never match a parameter. */
    static List<String> segments(String path) {
        List<String> result = new ArrayList<>();
        Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).forEach(result::add);
        return result;
    }
}
