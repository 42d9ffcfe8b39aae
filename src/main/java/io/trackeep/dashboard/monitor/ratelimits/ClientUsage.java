package io.trackeep.dashboard.monitor.ratelimits;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trackeep.dashboard.service.ratelimit.Decision;

import java.time.Duration;

/**
 * One client's use of a limiter, read without consuming anything. JSON: {@code {"client","used","limit"}}.
 *
 * @param client     client id (IP address, {@code user:42}, ...)
 * @param used       requests counted in the current window (token bucket: tokens missing from a full bucket)
 * @param limit      requests per window (token bucket: capacity)
 * @param remaining  requests that would still be admitted now
 * @param resetAfter how long until the client's state is empty again; {@link Decision#NO_EXPIRY} for a counter
 *                   without expiry; null when its stored times allow no answer ({@link ResetTime})
 */
@JsonPropertyOrder({"client", "used", "limit"})
public record ClientUsage(String client, long used, long limit,
                          @JsonIgnore long remaining, @JsonIgnore Duration resetAfter) {

    static ClientUsage of(String client, Decision peek) {
        return new ClientUsage(client, Math.max(0, peek.limit() - peek.remaining()), peek.limit(), peek.remaining(),
                Decision.NO_EXPIRY.equals(peek.resetAfter()) ? Decision.NO_EXPIRY : ResetTime.known(peek.resetAfter()));
    }

    /** used / limit, 0..1 (a Go counter can stand above its limit: capped at 1). */
    @JsonIgnore
    public double share() {
        return limit <= 0 ? 0 : Math.min(1.0, (double) used / limit);
    }
}
