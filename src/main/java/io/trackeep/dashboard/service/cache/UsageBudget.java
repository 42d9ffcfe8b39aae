package io.trackeep.dashboard.service.cache;

/**
 * How much work {@link CacheUsage} may ask of Redis for one family.
 *
 * @param scanCount    COUNT of each SCAN call: the slots Redis visits per call
 * @param maxScanCalls SCAN calls at most; the keyspace is visited up to about
 *                     {@code scanCount * maxScanCalls} keys
 * @param memoryProbes MEMORY USAGE calls at most (pipelined); with more entries than this the memory is
 *                     estimated from a uniform sample of that size
 */
public record UsageBudget(int scanCount, int maxScanCalls, int memoryProbes) {

    public UsageBudget {
        if (scanCount < 1 || maxScanCalls < 1 || memoryProbes < 0) {
            throw new IllegalArgumentException("Budget needs scanCount >= 1, maxScanCalls >= 1, memoryProbes >= 0");
        }
    }

    /** Up to 100 SCAN calls of COUNT 1000 and 500 memory probes per family. */
    public static UsageBudget defaults() {
        return new UsageBudget(1000, 100, 500);
    }
}
