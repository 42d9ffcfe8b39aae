package io.trackeep.dashboard.service.ratelimit;

import java.time.Duration;
import java.util.Locale;

/**
 * One limiter's limit as stored in {@code P:config:ratelimits}, e.g.
 * {@code {"algorithm":"sliding-window","limit":100,"windowMs":60000,"capacity":0,"refillPerSec":0.0}}.
 *
 * <p>Window algorithms use {@code limit} per {@code windowMs}; their capacity and refill are
 * stored as 0. A token bucket uses {@code capacity} and {@code refillPerSec}; its {@code limit}
 * is the capacity and {@code windowMs} the time to refill an empty bucket, so that every
 * limiter reads as "limit per window". A token bucket given only one pair is completed from it.
 *
 * @param algorithm    how requests are counted
 * @param limit        requests admitted per window (token bucket: the capacity)
 * @param windowMs     window length in ms (token bucket: time to refill from empty)
 * @param capacity     token bucket: most tokens held, i.e. the largest burst; 0 otherwise
 * @param refillPerSec token bucket: tokens added per second; 0 otherwise
 */
public record LimitDefinition(LimitAlgorithm algorithm, long limit, long windowMs, long capacity, double refillPerSec) {

    public LimitDefinition {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is missing");
        }
        if (algorithm == LimitAlgorithm.TOKEN_BUCKET) {
            if (capacity <= 0 && refillPerSec <= 0 && limit > 0 && windowMs > 0) {
                capacity = limit;
                refillPerSec = limit * 1000.0 / windowMs;
            }
            if (capacity <= 0 || !(refillPerSec > 0) || Double.isInfinite(refillPerSec)) {
                throw new IllegalArgumentException("A token bucket needs capacity > 0 and refillPerSec > 0, got capacity="
                        + capacity + " refillPerSec=" + refillPerSec);
            }
            limit = capacity;
            windowMs = Math.max(1, Math.round(capacity * 1000.0 / refillPerSec));
        } else {
            if (limit <= 0 || windowMs <= 0) {
                throw new IllegalArgumentException("A " + algorithm.wireName() + " limit needs limit > 0 and windowMs > 0, got limit="
                        + limit + " windowMs=" + windowMs);
            }
            capacity = 0;
            refillPerSec = 0;
        }
    }

    public static LimitDefinition slidingWindow(long limit, Duration window) {
        return new LimitDefinition(LimitAlgorithm.SLIDING_WINDOW, limit, window.toMillis(), 0, 0);
    }

    public static LimitDefinition fixedWindow(long limit, Duration window) {
        return new LimitDefinition(LimitAlgorithm.FIXED_WINDOW, limit, window.toMillis(), 0, 0);
    }

    public static LimitDefinition tokenBucket(long capacity, double refillPerSec) {
        return new LimitDefinition(LimitAlgorithm.TOKEN_BUCKET, 0, 0, capacity, refillPerSec);
    }

    public Duration window() {
        return Duration.ofMillis(windowMs);
    }

    /** "100 per 1m (sliding-window)", for the dashboard and log lines. */
    public String describe() {
        String base = limit + " per " + window().toString().substring(2).toLowerCase(Locale.ROOT)
                + " (" + algorithm.wireName() + ")";
        return algorithm == LimitAlgorithm.TOKEN_BUCKET
                ? base + ", refill " + refillPerSec + "/s" : base;
    }
}
