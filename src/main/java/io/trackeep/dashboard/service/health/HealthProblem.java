package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.redis.RedisAccessException;

/**
 * Why a health check is not {@link HealthStatus#UP}.
 *
 * @param kind    the failure in terms the dashboard can act on (unreachable, auth, timeout, server error)
 * @param message a plain sentence for people; never contains a password
 */
public record HealthProblem(RedisAccessException.Kind kind, String message) {

    static HealthProblem of(RedisAccessException e) {
        return new HealthProblem(e.kind(), e.getMessage());
    }
}
