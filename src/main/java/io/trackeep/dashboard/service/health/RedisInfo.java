package io.trackeep.dashboard.service.health;

import java.util.Map;

/**
 * Everything INFO said, typed for the panels and alerts, plus every section as raw text pairs
 * for the Server panel. Built by {@link InfoParser#parse(String)}; no part is ever null (a
 * section INFO did not send has all fields null).
 *
 * @param sections section name (as in {@code # Server}) → field → value, in INFO order
 */
public record RedisInfo(ServerInfo server, MemoryInfo memory, ClientsInfo clients, StatsInfo stats,
                        PersistenceInfo persistence, ReplicationInfo replication, KeyspaceInfo keyspace,
                        Map<String, Map<String, String>> sections) {

    /** Nothing known: what a report carries when INFO could not be read. */
    public static final RedisInfo EMPTY = InfoParser.parse("");

    RedisInfo withClients(ClientsInfo newClients) {
        return new RedisInfo(server, memory, newClients, stats, persistence, replication, keyspace, sections);
    }

    public RedisInfo withPersistence(PersistenceInfo newPersistence) {
        return new RedisInfo(server, memory, clients, stats, newPersistence, replication, keyspace, sections);
    }
}
