package io.trackeep.dashboard.service.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RateLimits} behaves.
 *
 * @param failureMode   what limiters decide when Redis cannot be asked
 * @param configRefresh how old the cached limits may get before they are re-read (in the
 *                      background; a check never waits for it)
 * @param statsFlush    how often the per-minute counters are sent to Redis
 */
public record RateLimitOptions(FailureMode failureMode, Duration configRefresh, Duration statsFlush) {

    public static final Duration DEFAULT_CONFIG_REFRESH = Duration.ofSeconds(5);

    public RateLimitOptions {
        Objects.requireNonNull(failureMode, "failureMode");
        configRefresh = configRefresh == null || configRefresh.isNegative() ? DEFAULT_CONFIG_REFRESH : configRefresh;
        statsFlush = statsFlush == null || statsFlush.isNegative() || statsFlush.isZero()
                ? RateLimitStats.DEFAULT_FLUSH_INTERVAL : statsFlush;
    }

    /** Fail open, limits refreshed every 5 s, stats sent every second. */
    public static RateLimitOptions defaults() {
        return new RateLimitOptions(FailureMode.OPEN, DEFAULT_CONFIG_REFRESH, RateLimitStats.DEFAULT_FLUSH_INTERVAL);
    }

    public RateLimitOptions withFailureMode(FailureMode mode) {
        return new RateLimitOptions(mode, configRefresh, statsFlush);
    }

    public RateLimitOptions withConfigRefresh(Duration refresh) {
        return new RateLimitOptions(failureMode, refresh, statsFlush);
    }

    public RateLimitOptions withStatsFlush(Duration flush) {
        return new RateLimitOptions(failureMode, configRefresh, flush);
    }
}
