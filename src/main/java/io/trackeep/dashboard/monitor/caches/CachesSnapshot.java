package io.trackeep.dashboard.monitor.caches;

import com.fasterxml.jackson.annotation.JsonValue;
import io.trackeep.dashboard.service.cache.CacheFamily;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Caches panel's figures at one moment. As JSON it is the {@code caches} array of
 * {@code snapshot --json}: one {@link CacheFamilyStatus} per family; the other fields serve the window.
 *
 * @param collectedAt       when it was collected (this workstation's clock)
 * @param families          response, search, analytics
 * @param countersAvailable whether any family has hit/miss counters in the last
 *                          {@link CachesProbe#HISTORY_MINUTES} minutes (the Go backend writes none)
 * @param keyspaceHits      INFO stats {@code keyspace_hits}: the whole server since it started; null if not reported
 * @param keyspaceMisses    INFO stats {@code keyspace_misses}; null if not reported
 * @param keyspaceHitRate   hits / (hits + misses) since start; null without lookups
 * @param unrecognisedKeys  keys under {@code P:cache:} that are no response entry or per-user index
 *                          ({@code P:cache:NOT-A-HASH}, {@code P:cache:user:abc}): skipped, counted by the census
 */
public record CachesSnapshot(Instant collectedAt, @JsonValue List<CacheFamilyStatus> families, boolean countersAvailable,
                             Long keyspaceHits, Long keyspaceMisses, Double keyspaceHitRate, long unrecognisedKeys) {

    public CachesSnapshot {
        families = List.copyOf(families);
    }

    public CachesSnapshot(Instant collectedAt, List<CacheFamilyStatus> families, boolean countersAvailable,
                          Long keyspaceHits, Long keyspaceMisses, Double keyspaceHitRate) {
        this(collectedAt, families, countersAvailable, keyspaceHits, keyspaceMisses, keyspaceHitRate, 0);
    }

    public Optional<CacheFamilyStatus> family(CacheFamily family) {
        return families.stream().filter(f -> f.family().equals(family.id())).findFirst();
    }

    /** Entries of every family (approximate when any family's count is). */
    public long totalKeys() {
        return families.stream().mapToLong(CacheFamilyStatus::keys).sum();
    }
}
