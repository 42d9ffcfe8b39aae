package io.trackeep.dashboard.local.http;

import io.trackeep.dashboard.service.ratelimit.Decision;
import io.trackeep.dashboard.service.ratelimit.RateLimiter;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.session.MalformedSessionException;
import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.service.session.SessionStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The middleware stack of the Go backend, in its order: rate limit → session → handler.
 *
 * <ul>
 *   <li><b>Rate limit</b>, for every path under {@code /api/} (also unknown ones, counted as
 *       {@code general}): the route's limiter checks the client; every answer carries
 *       {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
 *       (epoch seconds), a refusal is 429 with {@code Retry-After}. When Redis is unreachable the
 *       limiters fail open (the service layer's default), so the request goes on and the
 *       headers carry the limiter's estimate.</li>
 *   <li><b>Routing</b>: 404 for an unknown path, 405 with {@code Allow} for a wrong method.</li>
 *   <li><b>Session</b>: per route none, optional or required ({@link Route.SessionMode}). A lookup
 *       refreshes the session's lifetime. It fails closed: Redis unreachable is a 503, never an
 *       anonymous or an accepted request.</li>
 * </ul>
 */
final class ApiPipeline implements Handler {

    private static final int MAX_SESSION_ID = 256;

    private final Router router;
    private final RateLimits rateLimits;
    private final SessionStore sessions;

    ApiPipeline(Router router, RateLimits rateLimits, SessionStore sessions) {
        this.router = router;
        this.rateLimits = rateLimits;
        this.sessions = sessions;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Router.Match match = router.match(request.method(), request.path());
        if (!isApi(request.path())) {
            return routed(match, request);
        }
        String limiter = match.limiter() != null ? match.limiter() : "general";
        RateLimiter rateLimiter = rateLimits.forName(limiter);
        Decision decision = rateLimiter.check(request.client());
        Map<String, String> headers = rateLimitHeaders(decision);
        if (!decision.allowed()) {
            return tooManyRequests(rateLimiter, decision).withHeaders(headers);
        }
        ApiResponse response;
        try {
            response = routed(match, request);
        } catch (RuntimeException e) {
            // Mapped here so that errors carry the rate-limit headers too.
            response = ApiErrors.toResponse(e, request.method(), request.path());
        }
        return response.withHeaders(headers);
    }

    /**
     * True unless the request is for a route that needs no Redis ({@link Route#redisFree()}) or
     * for a path outside {@code /api/} that no route serves (a 404 or 405 from the router alone).
     */
    boolean needsRedis(String method, String path) {
        if (isApi(path)) {
            return true; // rate limited, whatever the route
        }
        Router.Match match = router.match(method, path);
        return match instanceof Router.Match.Found found && !found.route().redisFree();
    }

    /** What a request answers when Redis has not answered it in time: its route's own answer, or a 503. */
    ApiResponse late(String method, String path) {
        Router.Match match = router.match(method, path);
        if (match instanceof Router.Match.Found found && found.route().lateAnswer() != null) {
            return found.route().lateAnswer();
        }
        return ApiErrors.unavailable();
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    private ApiResponse routed(Router.Match match, ApiRequest request) {
        if (match instanceof Router.Match.Found found) {
            ApiRequest withParams = request.withPathParams(found.params());
            return found.route().handler().handle(withSession(found.route(), withParams));
        }
        if (match instanceof Router.Match.WrongMethod wrong) {
            throw ApiException.methodNotAllowed(request.method() + " is not supported on " + request.path()
                    + "; allowed: " + wrong.allow(), wrong.allow());
        }
        throw ApiException.notFound("No route for " + request.method() + " " + request.path());
    }

    private ApiRequest withSession(Route route, ApiRequest request) {
        if (route.session() == Route.SessionMode.NONE) {
            return request;
        }
        String sessionId = request.header(SessionRoutes.SESSION_HEADER).map(String::strip).orElse("");
        Session session = null;
        if (!sessionId.isEmpty() && sessionId.length() <= MAX_SESSION_ID) {
            try {
                session = sessions.get(sessionId).orElse(null);
            } catch (MalformedSessionException e) {
                session = null; // a damaged session authenticates nobody
            }
        }
        if (session == null && route.session() == Route.SessionMode.REQUIRED) {
            throw ApiException.unauthorized(sessionId.isEmpty()
                    ? "The X-Session-ID header is required"
                    : "The session is unknown or has expired; log in again");
        }
        return request.withSession(session);
    }

    private static Map<String, String> rateLimitHeaders(Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Limit", Long.toString(decision.limit()));
        headers.put("X-RateLimit-Remaining", Long.toString(Math.max(0, decision.remaining())));
        headers.put("X-RateLimit-Reset", Long.toString(decision.resetEpochSecond()));
        return headers;
    }

    private static ApiResponse tooManyRequests(RateLimiter limiter, Decision decision) {
        long retryAfter = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "Rate limit exceeded");
        body.put("message", "Too many requests: the '" + limiter.name() + "' limit is " + limiter.definition().describe()
                + "; retry in " + retryAfter + " s");
        body.put("retry_after", retryAfter);
        return ApiResponse.json(429, body).withHeader("Retry-After", Long.toString(retryAfter));
    }
}
