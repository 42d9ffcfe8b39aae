package io.trackeep.dashboard.monitor.caches;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.service.cache.MinuteCounts;

import java.util.List;

/**
 * What the dashboard knows of one cache family. JSON (the {@code caches} entries of
 * {@code snapshot --json}): {@code {"family","keys","hits","misses","hitRate"}}.
 *
 * @param family      {@code response}, {@code search} or {@code analytics}
 * @param keys        entries: exact when {@code keysExact}, else the census count of the last
 *                    complete pass or a lower bound from a bounded scan
 * @param hits        lookups answered from the cache in the last {@link CachesProbe#HISTORY_MINUTES}
 *                    minutes; null when no hit/miss counters exist (Go-only data)
 * @param misses      lookups that were not; null likewise
 * @param hitRate     hits / (hits + misses), 0..1; null without counters or without lookups
 * @param memoryBytes memory of the entries: exact when {@code memoryExact}, else a sample mean times {@code keys};
 *                    null when the census counted entries but the bounded scan met none to sample
 * @param keysExact   whether a complete scan counted {@code keys} just now
 * @param memoryExact whether every entry was measured
 * @param perMinute   hits and misses per minute, oldest first ({@link CachesProbe#HISTORY_MINUTES} minutes)
 */
@JsonPropertyOrder({"family", "keys", "hits", "misses", "hitRate"})
public record CacheFamilyStatus(String family, long keys, Long hits, Long misses, Double hitRate,
                                @JsonIgnore Long memoryBytes, @JsonIgnore boolean keysExact,
                                @JsonIgnore boolean memoryExact, @JsonIgnore List<MinuteCounts> perMinute) {

    public CacheFamilyStatus {
        perMinute = List.copyOf(perMinute);
    }

    /** The family as the service layer knows it. */
    public CacheFamily cacheFamily() {
        return CacheFamily.fromId(family);
    }
}
