package io.trackeep.dashboard.monitor.census;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Figures of one pass of the keyspace census: how many keys of each kind, rate-limit clients
 * per limiter and the leaderboard ids seen. Immutable.
 *
 * @param startedAt         when the pass began
 * @param completedAt       when it ended, or null while the pass is still running (partial figures)
 * @param scannedKeys       keys looked at in this pass (SCAN may return a key twice; counts are approximate by that much)
 * @param databaseKeys      DBSIZE when the pass began, to show progress
 * @param counts            keys per kind
 * @param rateLimitClients  limiter name → number of client keys
 * @param leaderboardIds    challenge ids of leaderboards seen (at most {@link KeyspaceCensus#MAX_IDS})
 * @param keysPerMaster     keys scanned on each master ({@code host:port}, in slot order on a Cluster; one
 *                          entry for a single server), summing to {@code scannedKeys}
 * @param details           figures of the {@link CensusDetail}s asked for: each from the last pass
 *                          that completed with it, else from the running pass (they say which)
 * @param unrecognised      keys named like a family that do not parse as one (counted as
 *                          {@link KeyKind#OTHER_PREFIXED}), by the kind they were meant to be
 */
public record CensusSnapshot(Instant startedAt, Instant completedAt, long scannedKeys, long databaseKeys,
                             Map<KeyKind, Long> counts, Map<String, Long> rateLimitClients, Set<String> leaderboardIds,
                             Map<String, Long> keysPerMaster, Map<CensusDetail<?>, Object> details,
                             Map<KeyKind, Long> unrecognised) {

    public CensusSnapshot {
        counts = Map.copyOf(counts);
        rateLimitClients = Map.copyOf(rateLimitClients);
        leaderboardIds = Set.copyOf(leaderboardIds);
        keysPerMaster = keysPerMaster == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(keysPerMaster));
        details = details == null ? Map.of() : Map.copyOf(details);
        unrecognised = unrecognised == null ? Map.of() : Map.copyOf(unrecognised);
    }

    /** Figures without what was not understood. */
    public CensusSnapshot(Instant startedAt, Instant completedAt, long scannedKeys, long databaseKeys,
                          Map<KeyKind, Long> counts, Map<String, Long> rateLimitClients, Set<String> leaderboardIds,
                          Map<String, Long> keysPerMaster, Map<CensusDetail<?>, Object> details) {
        this(startedAt, completedAt, scannedKeys, databaseKeys, counts, rateLimitClients, leaderboardIds, keysPerMaster, details,
                Map.of());
    }

    /** Key counts per master, no details. */
    public CensusSnapshot(Instant startedAt, Instant completedAt, long scannedKeys, long databaseKeys,
                          Map<KeyKind, Long> counts, Map<String, Long> rateLimitClients, Set<String> leaderboardIds,
                          Map<String, Long> keysPerMaster) {
        this(startedAt, completedAt, scannedKeys, databaseKeys, counts, rateLimitClients, leaderboardIds, keysPerMaster, Map.of(),
                Map.of());
    }

    /** Figures without the per-master split (one server). */
    public CensusSnapshot(Instant startedAt, Instant completedAt, long scannedKeys, long databaseKeys,
                          Map<KeyKind, Long> counts, Map<String, Long> rateLimitClients, Set<String> leaderboardIds) {
        this(startedAt, completedAt, scannedKeys, databaseKeys, counts, rateLimitClients, leaderboardIds, Map.of(), Map.of(),
                Map.of());
    }

    /** The figures of a detail, or null when no pass has done it yet. */
    @SuppressWarnings("unchecked") // put in by KeyspaceCensus under their own detail, the only writer
    public <T> T detail(CensusDetail<T> detail) {
        return (T) details.get(detail);
    }

    /** A copy with other details. */
    CensusSnapshot withDetails(Map<CensusDetail<?>, Object> figures) {
        return new CensusSnapshot(startedAt, completedAt, scannedKeys, databaseKeys, counts, rateLimitClients, leaderboardIds,
                keysPerMaster, figures, unrecognised);
    }

    /** Keys named like {@code kind} that do not parse as one. */
    public long unrecognised(KeyKind kind) {
        return unrecognised.getOrDefault(kind, 0L);
    }

    public boolean complete() {
        return completedAt != null;
    }

    public long count(KeyKind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** Share of the keyspace scanned so far in this pass, 0..1. */
    public double progress() {
        if (complete()) {
            return 1.0;
        }
        return databaseKeys <= 0 ? 0.0 : Math.min(1.0, (double) scannedKeys / databaseKeys);
    }
}
