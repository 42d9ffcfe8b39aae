package io.trackeep.dashboard.monitor.ratelimits;

import java.time.Duration;

/**
 * How much work {@link ClientSampler} may ask of Redis per tick.
 *
 * @param scanCount    COUNT of each SCAN call over {@code P:rl:*}
 * @param scanCalls    SCAN calls at most per tick
 * @param peeks        newly found client keys read per tick at most (a uniform sample of those found);
 *                     the clients already in a top list are read again on top of these
 * @param timeBudget   the tick stops scanning once this is spent
 */
public record SamplingBudget(int scanCount, int scanCalls, int peeks, Duration timeBudget) {

    public SamplingBudget {
        if (scanCount < 1 || scanCalls < 1 || peeks < 1 || timeBudget == null || timeBudget.isNegative()) {
            throw new IllegalArgumentException("Sampling budget needs scanCount, scanCalls and peeks >= 1 and a time budget");
        }
    }

    /** A dashboard tick: up to 4 SCAN calls of COUNT 500 (at most 20 ms) and 100 new clients read. */
    public static SamplingBudget perTick() {
        return new SamplingBudget(500, 4, 100, Duration.ofMillis(20));
    }

    /** A one-off collection (the command line): larger steps, repeated until a pass is complete. */
    public static SamplingBudget oneOff() {
        return new SamplingBudget(1000, 20, 1000, Duration.ofMillis(200));
    }
}
