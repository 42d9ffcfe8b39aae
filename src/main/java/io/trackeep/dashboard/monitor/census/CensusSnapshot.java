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
 */
public record CensusSnapshot(Instant startedAt, Instant completedAt, long scannedKeys, long databaseKeys,
                             Map<KeyKind, Long> counts, Map<String, Long> rateLimitClients, Set<String> leaderboardIds,
                             Map<String, Long> keysPerMaster) {

    public CensusSnapshot {
        counts = Map.copyOf(counts);
        rateLimitClients = Map.copyOf(rateLimitClients);
        leaderboardIds = Set.copyOf(leaderboardIds);
        keysPerMaster = keysPerMaster == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(keysPerMaster));
    }

    /** Figures without the per-master split (one server). */
    public CensusSnapshot(Instant startedAt, Instant completedAt, long scannedKeys, long databaseKeys,
                          Map<KeyKind, Long> counts, Map<String, Long> rateLimitClients, Set<String> leaderboardIds) {
        this(startedAt, completedAt, scannedKeys, databaseKeys, counts, rateLimitClients, leaderboardIds, Map.of());
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
