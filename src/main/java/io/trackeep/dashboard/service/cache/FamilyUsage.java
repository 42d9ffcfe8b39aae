package io.trackeep.dashboard.service.cache;

/**
 * Size of one cache family, as far as a bounded scan could see.
 *
 * @param family        the family
 * @param keys          entries found; exact when {@code complete}, else a lower bound
 * @param memoryBytes   memory of the entries found: the sum of MEMORY USAGE when every entry was
 *                      probed ({@code memoryExact}), else the mean of a uniform sample times {@code keys}
 * @param complete      whether the SCAN reached the end of the keyspace within the budget
 * @param memoryExact   whether every entry found was probed
 * @param memoryProbed  how many entries were probed
 */
public record FamilyUsage(CacheFamily family, long keys, long memoryBytes, boolean complete,
                          boolean memoryExact, int memoryProbed) {
}
