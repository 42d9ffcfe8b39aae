package io.trackeep.dashboard.service.health;

import java.time.Duration;

/**
 * The editable limits of the Overview alerts. Fractions are 0..1
 * (0.8 = 80 %).
 *
 * @param memoryFraction     warn when used memory exceeds this fraction of maxmemory
 * @param minHitRate         warn when the keyspace hit rate falls below this
 * @param clientsFraction    warn when connected clients exceed this fraction of maxclients
 * @param slowCommand        warn about slow log entries longer than this
 * @param replicationLag     warn when a replica lags more than this
 * @param evictionsPerMinute warn when more keys than this are evicted per minute
 */
public record AlertThresholds(double memoryFraction, double minHitRate, double clientsFraction,
                              Duration slowCommand, Duration replicationLag, long evictionsPerMinute) {

    public static final AlertThresholds DEFAULTS =
            new AlertThresholds(0.80, 0.80, 0.90, Duration.ofMillis(10), Duration.ofSeconds(1), 100);

    public AlertThresholds {
        requireFraction("memoryFraction", memoryFraction);
        requireFraction("minHitRate", minHitRate);
        requireFraction("clientsFraction", clientsFraction);
        if (slowCommand == null || slowCommand.isNegative()) {
            throw new IllegalArgumentException("slowCommand must be zero or more, got " + slowCommand);
        }
        if (replicationLag == null || replicationLag.isNegative()) {
            throw new IllegalArgumentException("replicationLag must be zero or more, got " + replicationLag);
        }
        if (evictionsPerMinute < 0) {
            throw new IllegalArgumentException("evictionsPerMinute must be zero or more, got " + evictionsPerMinute);
        }
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
