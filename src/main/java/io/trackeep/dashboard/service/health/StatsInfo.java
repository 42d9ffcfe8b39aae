package io.trackeep.dashboard.service.health;

/**
 * INFO {@code stats}. Counters are totals since the server started (see
 * {@link ServerInfo#runId()}); fields are null when not reported.
 *
 * @param opsPerSecond        {@code instantaneous_ops_per_sec}
 * @param totalCommands       {@code total_commands_processed}
 * @param totalConnections    {@code total_connections_received}
 * @param rejectedConnections {@code rejected_connections} (maxclients reached)
 * @param keyspaceHits        {@code keyspace_hits}
 * @param keyspaceMisses      {@code keyspace_misses}
 * @param expiredKeys         {@code expired_keys}
 * @param evictedKeys         {@code evicted_keys}
 * @param inputKbps           {@code instantaneous_input_kbps}
 * @param outputKbps          {@code instantaneous_output_kbps}
 * @param pubsubChannels      {@code pubsub_channels}
 * @param pubsubPatterns      {@code pubsub_patterns}
 */
public record StatsInfo(Long opsPerSecond, Long totalCommands, Long totalConnections, Long rejectedConnections,
                        Long keyspaceHits, Long keyspaceMisses, Long expiredKeys, Long evictedKeys,
                        Double inputKbps, Double outputKbps, Long pubsubChannels, Long pubsubPatterns) {

    /** hits / (hits + misses) since start, or null without lookups (no traffic is not a bad hit rate). */
    public Double hitRate() {
        return keyspaceHits == null || keyspaceMisses == null ? null : HitRate.of(keyspaceHits, keyspaceMisses);
    }
}
