package io.trackeep.dashboard.service.health;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** INFO {@code keyspace}: the databases that hold keys, by index. Empty when none (or when not reported). */
public record KeyspaceInfo(Map<Integer, Database> databases) {

    public KeyspaceInfo {
        databases = databases == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(databases));
    }

    /**
     * One {@code dbN:keys=..,expires=..,avg_ttl=..} line.
     *
     * @param keys        keys in the database
     * @param expires     keys with a time to live
     * @param avgTtlMillis estimated average remaining TTL of those keys (0 when none, and on replicas)
     */
    public record Database(long keys, long expires, long avgTtlMillis) {
    }

    public long totalKeys() {
        return databases.values().stream().mapToLong(Database::keys).sum();
    }
}
