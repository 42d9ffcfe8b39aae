package io.trackeep.dashboard.service.ratelimit;

import java.time.Duration;

/**
 * A client's current use of a limiter, read without consuming anything ("37 of 100").
 *
 * @param limiter    limiter name
 * @param client     client id (IP address, "user:42", ...)
 * @param used       requests counted in the current window (token bucket: tokens missing from a full bucket, rounded up)
 * @param limit      requests per window (token bucket: capacity)
 * @param remaining  requests that would still be admitted now
 * @param resetAfter how long until the client's state is empty again
 */
public record Usage(String limiter, String client, long used, long limit, long remaining, Duration resetAfter) {

    static Usage of(String limiter, String client, Decision peek) {
        return new Usage(limiter, client, Math.max(0, peek.limit() - peek.remaining()), peek.limit(),
                peek.remaining(), peek.resetAfter());
    }
}
