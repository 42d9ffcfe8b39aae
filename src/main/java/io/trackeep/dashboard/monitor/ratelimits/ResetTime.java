package io.trackeep.dashboard.monitor.ratelimits;

import io.trackeep.dashboard.service.ratelimit.Decision;

import java.time.Duration;

/**
 * How long until a client's state is empty again, when its stored times allow saying it. A
 * sorted set written with a request time of 1e308 or in milliseconds where seconds were meant
 * gives a reset that overflows (negative) or lies thousands of years away: that is no time a
 * limiter meant, and the window and the command line say so instead of printing the number.
 */
public final class ResetTime {

    /** Longer than any window a limiter uses, short of a stored time from another era. */
    public static final Duration LONGEST = Duration.ofDays(36_525);
    /** What is shown in place of such a time. */
    public static final String UNKNOWN = "unknown (its stored times lie far outside any window)";

    private ResetTime() {
    }

    /** What is shown for a counter that has no expiry ({@link Decision#NO_EXPIRY}), after "back to empty". */
    public static final String NEVER = "never by itself (the key has no expiry: its EXPIRE was lost; the Go backend keeps"
            + " refusing this client until the key is reset)";

    /** {@code resetAfter} when it is a time a limiter can mean, else null. */
    public static Duration known(Duration resetAfter) {
        return resetAfter == null || resetAfter.isNegative() || resetAfter.compareTo(LONGEST) > 0 ? null : resetAfter;
    }
}
