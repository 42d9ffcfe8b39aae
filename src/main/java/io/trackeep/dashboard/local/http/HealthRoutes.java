package io.trackeep.dashboard.local.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trackeep.dashboard.local.http.Route.SessionMode;
import io.trackeep.dashboard.service.health.HealthCheck;
import io.trackeep.dashboard.service.health.HealthReport;
import io.trackeep.dashboard.service.health.HealthStatus;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /health} (not rate limited): Redis status, PING round trip and version; 503 when
 * Redis is DOWN, also when Redis does not answer within the request's deadline (a stall). {@code GET /}
 * lists the routes, so the printed base URL answers something useful; it needs no Redis.
 */
final class HealthRoutes {

    private final HealthCheck health;
    private final Supplier<List<Route>> routes;

    HealthRoutes(HealthCheck health, Supplier<List<Route>> routes) {
        this.health = health;
        this.routes = routes;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/health", null, SessionMode.NONE, this::health).whenLate(stalled()),
                new Route("GET", "/", null, SessionMode.NONE, this::index).withoutRedis());
    }

    /** The report when Redis did not answer in time: DOWN, said as a stall. */
    private static ApiResponse stalled() {
        RedisHealth redis = new RedisHealth(HealthStatus.DOWN, null, null, "Redis did not answer in time: it stopped answering");
        return ApiResponse.json(503, new Health("DOWN", redis)).withHeader("Retry-After", "1");
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RedisHealth(@JsonProperty("status") HealthStatus status, @JsonProperty("ping_micros") Long pingMicros,
                       @JsonProperty("version") String version, @JsonProperty("problem") String problem) {
    }

    record Health(@JsonProperty("status") String status, @JsonProperty("redis") RedisHealth redis) {
    }

    record Index(@JsonProperty("service") String service, @JsonProperty("routes") List<String> routes) {
    }

    private ApiResponse health(ApiRequest request) {
        HealthReport report = health.check();
        boolean down = report.status() == HealthStatus.DOWN;
        RedisHealth redis = new RedisHealth(report.status(), report.pingMicros(), report.info().server().version(),
                report.problem() == null ? null : report.problem().message());
        return ApiResponse.json(down ? 503 : 200, new Health(down ? "DOWN" : "UP", redis));
    }

    private ApiResponse index(ApiRequest request) {
        List<String> all = routes.get().stream().map(r -> r.method() + " " + r.pattern()).toList();
        return ApiResponse.json(200, new Index("Trackeep local instance", all));
    }
}
