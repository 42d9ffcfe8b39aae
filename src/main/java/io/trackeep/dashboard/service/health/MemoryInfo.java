package io.trackeep.dashboard.service.health;

/**
 * INFO {@code memory}. Fields are null when not reported.
 *
 * @param usedBytes          {@code used_memory}
 * @param usedRssBytes       {@code used_memory_rss}
 * @param peakBytes          {@code used_memory_peak}
 * @param maxMemoryBytes     {@code maxmemory}; 0 means no limit
 * @param maxMemoryPolicy    {@code maxmemory_policy}
 * @param fragmentationRatio {@code mem_fragmentation_ratio}
 * @param totalSystemBytes   {@code total_system_memory}
 */
public record MemoryInfo(Long usedBytes, Long usedRssBytes, Long peakBytes, Long maxMemoryBytes,
                         String maxMemoryPolicy, Double fragmentationRatio, Long totalSystemBytes) {

    /** used / maxmemory, or null when there is no limit (maxmemory 0) or a figure is missing. */
    public Double usedFractionOfMax() {
        if (usedBytes == null || maxMemoryBytes == null || maxMemoryBytes <= 0) {
            return null;
        }
        return (double) usedBytes / maxMemoryBytes;
    }
}
