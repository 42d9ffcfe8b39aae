package io.trackeep.dashboard.local.http;

import io.trackeep.dashboard.service.redis.RedisAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a failure into the response the client gets: the {@link ApiException}'s own answer,
 * 503 when Redis is unreachable or too slow, 500 with a generic message for anything else.
 * Details (never a stack trace) go to the log only.
 */
final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    private static final AtomicLong lastUnavailableWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    private ApiErrors() {
    }

    static ApiResponse toResponse(Throwable failure, String method, String path) {
        if (failure instanceof ApiException api) {
            return api.toResponse();
        }
        if (failure instanceof RedisAccessException redis && redis.isUnavailable()) {
            warnUnavailable(redis);
            return unavailable();
        }
        log.warn("{} {} failed", method, path, failure);
        return ApiResponse.error(500, "Internal server error", "The request failed; the local instance's log has the details");
    }

    /** The 503 of a request that needs Redis while Redis is unreachable or does not answer in time. */
    static ApiResponse unavailable() {
        return ApiResponse.error(503, "Service unavailable", "Redis is unavailable; try again shortly")
                .withHeader("Retry-After", "1");
    }

    /** One line per outage period rather than one per request: the simulator sends dozens a second. */
    private static void warnUnavailable(RedisAccessException e) {
        long now = System.nanoTime();
        long last = lastUnavailableWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastUnavailableWarning.compareAndSet(last, now)) {
            log.warn("Answering 503: {}", e.getMessage());
        } else {
            log.debug("Answering 503: {}", e.getMessage());
        }
    }
}
