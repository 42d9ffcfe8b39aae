package io.trackeep.dashboard.service.health;

import io.lettuce.core.KillArgs;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * What the Server panel reads and does: slow log, client list, configuration, killing a client.
 * Every method throws {@link RedisAccessException} when Redis is unreachable or refuses the
 * command (ACL, renamed CONFIG); the panel shows that message instead of the table.
 *
 * <p>These are one node's: the node the shared connection talks to, or the data node named at
 * construction (a Cluster node, a Sentinel replica): client ids, the slow log and the
 * configuration are each node's own.
 */
public final class ServerDiagnostics {

    /** Shown instead of password-like configuration values. */
    public static final String MASKED = "****";

    private final RedisConnections redis;
    // host:port of the node, or null for the one the shared connection talks to
    private final String node;

    public ServerDiagnostics(RedisConnections redis) {
        this(redis, null);
    }

    /** The diagnostics of the data node at {@code node} ({@code host:port}); null for the shared connection's. */
    public ServerDiagnostics(RedisConnections redis, String node) {
        this.redis = redis;
        this.node = node;
    }

    private <T> T on(String what, Function<RedisClusterCommands<String, String>, T> command) {
        return redis.onNodeOrShared(node, what, command);
    }

    /** The newest {@code count} slow log entries, newest first (SLOWLOG GET). */
    public List<SlowLogEntry> slowLog(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        return SlowLogEntry.parse(on("Reading the slow log", r -> r.slowlogGet(count)));
    }

    /**
     * Every connected client (CLIENT LIST). The reply grows with the number of clients, not with
     * the keyspace; the panel asks on demand, not on every tick.
     */
    public List<ClientConnection> clients() {
        return ClientConnection.parseList(on("Listing clients", RedisClusterCommands::clientList));
    }

    /**
     * Closes one client connection (CLIENT KILL ID). Refused on a read-only profile. The caller
     * records the action in the audit trail.
     *
     * @return true when a client with that id existed and was closed
     */
    public boolean killClient(long clientId) {
        redis.requireWritable("Killing client " + clientId);
        Long killed = on("Killing client " + clientId, r -> r.clientKill(KillArgs.Builder.id(clientId)));
        return killed != null && killed > 0;
    }

    /**
     * All configuration parameters (CONFIG GET *), sorted by name. Values of parameters that hold
     * passwords ({@code requirepass}, {@code masterauth}, {@code *pass*}) are replaced by
     * {@link #MASKED} when set, so the panel never displays them.
     */
    public SortedMap<String, String> config() {
        Map<String, String> raw = on("Reading the configuration", r -> r.configGet("*"));
        SortedMap<String, String> result = new TreeMap<>();
        raw.forEach((name, value) -> result.put(name, isSecret(name) && value != null && !value.isEmpty() ? MASKED : value));
        return Collections.unmodifiableSortedMap(result);
    }

    static boolean isSecret(String parameter) {
        String p = parameter.toLowerCase(Locale.ROOT);
        return p.contains("pass") || p.equals("masterauth");
    }
}
