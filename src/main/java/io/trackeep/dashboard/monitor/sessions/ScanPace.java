package io.trackeep.dashboard.monitor.sessions;

import java.time.Duration;

/**
 * How much SCAN work one probe call may do: at most {@code callsPerTick} calls of
 * {@code COUNT count}, stopping early once {@code budget} is spent. The window uses
 * {@link #TICK}, so its load per refresh stays bounded whatever the keyspace size; the command
 * line uses {@link #UNTIL_DONE} to finish a scan in one call.
 */
public record ScanPace(int count, int callsPerTick, Duration budget) {

    /** Per refresh of the window: up to 8 calls of COUNT 1000 within 15 ms. */
    public static final ScanPace TICK = new ScanPace(1000, 8, Duration.ofMillis(15));

    /** One-shot use: scan to the end (each call still bounded by COUNT), for at most a minute. */
    public static final ScanPace UNTIL_DONE = new ScanPace(1000, Integer.MAX_VALUE, Duration.ofMinutes(1));

    public ScanPace {
        if (count < 1 || callsPerTick < 1 || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("count, callsPerTick and budget must be positive");
        }
    }
}
