package io.trackeep.dashboard.monitor.sessions;

import java.time.Duration;

/**
 * How much SCAN work one probe call may do: at most {@code callsPerTick} calls of
 * {@code COUNT count}, stopping early once {@code budget} is spent. The window uses
 * {@link #TICK}, so its load per refresh stays bounded whatever the keyspace size; the command
 * line uses {@link #UNTIL_DONE} to finish a scan in one call.
 */
public record ScanPace(int count, int callsPerTick, Duration budget) {

    /**
     * Per refresh of the window: up to 40 calls of COUNT 250 within 12 ms. COUNT 250 keeps one
     * SCAN with MATCH and TYPE well under a millisecond of server time (COUNT 1000 measured 0.8 ms
     * on average and up to 5 ms on 420,000 keys).
     */
    public static final ScanPace TICK = new ScanPace(250, 40, Duration.ofMillis(12));

    /** One-shot use: scan to the end (each call as small as in the window), for at most a minute. */
    public static final ScanPace UNTIL_DONE = new ScanPace(250, Integer.MAX_VALUE, Duration.ofMinutes(1));

    public ScanPace {
        if (count < 1 || callsPerTick < 1 || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("count, callsPerTick and budget must be positive");
        }
    }
}
