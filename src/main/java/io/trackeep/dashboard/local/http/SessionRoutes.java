package io.trackeep.dashboard.local.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.http.Route.SessionMode;
import io.trackeep.dashboard.service.session.NewSession;
import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.service.session.SessionStore;

import java.util.List;

/**
 * Login, session lookup and logout: {@code POST /api/login} (limiter {@code auth}),
 * {@code GET} and {@code DELETE /api/session} with {@code X-Session-ID}.
 */
final class SessionRoutes {

    static final String SESSION_HEADER = "X-Session-ID";

    private final SessionStore sessions;

    SessionRoutes(SessionStore sessions) {
        this.sessions = sessions;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/login", "auth", SessionMode.NONE, this::login),
                new Route("GET", "/api/session", "general", SessionMode.REQUIRED, this::current),
                new Route("DELETE", "/api/session", "general", SessionMode.REQUIRED, this::logout));
    }

    /** The answer to a login; the id is also sent as the {@code X-Session-ID} header. */
    record LoginResponse(@JsonProperty("session_id") String sessionId, @JsonProperty("user_id") long userId,
                         @JsonProperty("expires_in") long expiresInSeconds) {
    }

    private ApiResponse login(ApiRequest request) {
        JsonNode body = request.jsonObject();
        long userId = JsonFields.userId(body, "user_id");
        String username = JsonFields.text(body, "username", 200);
        String email = JsonFields.optionalText(body, "email", 320).orElse("");
        String role = JsonFields.optionalText(body, "role", 50).filter(r -> !r.isBlank()).orElse("user");
        String userAgent = request.header("User-Agent").orElse("");
        Session session = sessions.create(new NewSession(userId, email, username, role, request.client(), userAgent));
        return ApiResponse.json(201, new LoginResponse(session.sessionId(), userId, SessionStore.TTL.toSeconds()))
                .withHeader(SESSION_HEADER, session.sessionId());
    }

    private ApiResponse current(ApiRequest request) {
        return ApiResponse.raw(200, request.requireSession().toJson());
    }

    private ApiResponse logout(ApiRequest request) {
        sessions.kill(request.requireSession().sessionId());
        return ApiResponse.noContent();
    }
}
