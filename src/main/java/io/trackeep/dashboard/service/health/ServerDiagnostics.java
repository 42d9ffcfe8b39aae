package io.trackeep.dashboard.service.health;

import io.lettuce.core.KillArgs;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the Server panel reads and does: slow log, client list, configuration, killing a client.
 * Every method throws {@link RedisAccessException} when Redis is unreachable or refuses the
 * command (ACL, renamed CONFIG); the panel shows that message instead of the table.
 */
public final class ServerDiagnostics {

    /** Shown instead of password-like configuration values. */
    public static final String MASKED = "****";

    private final RedisConnections redis;

    public ServerDiagnostics(RedisConnections redis) {
        this.redis = redis;
    }

    /** The newest {@code count} slow log entries, newest first (SLOWLOG GET). */
    public List<SlowLogEntry> slowLog(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        return SlowLogEntry.parse(RedisErrors.call("Reading the slow log", () -> redis.sync().slowlogGet(count)));
    }

    /**
     * Every connected client (CLIENT LIST). The reply grows with the number of clients, not with
     * the keyspace; the panel asks on demand, not on every tick.
     */
    public List<ClientConnection> clients() {
        return ClientConnection.parseList(RedisErrors.call("Listing clients", () -> redis.sync().clientList()));
    }

    /**
     * Closes one client connection (CLIENT KILL ID). Refused on a read-only profile. The caller
     * records the action in the audit trail.
     *
     * @return true when a client with that id existed and was closed
     */
    public boolean killClient(long clientId) {
        redis.requireWritable("Killing client " + clientId);
        Long killed = RedisErrors.call("Killing client " + clientId, () -> redis.sync().clientKill(KillArgs.Builder.id(clientId)));
        return killed != null && killed > 0;
    }

    /**
     * All configuration parameters (CONFIG GET *), sorted by name. Values of parameters that hold
     * passwords ({@code requirepass}, {@code masterauth}, {@code *pass*}) are replaced by
     * {@link #MASKED} when set, so the panel never displays them.
     */
    public SortedMap<String, String> config() {
        Map<String, String> raw = RedisErrors.call("Reading the configuration", () -> redis.sync().configGet("*"));
        SortedMap<String, String> result = new TreeMap<>();
        raw.forEach((name, value) -> result.put(name, isSecret(name) && value != null && !value.isEmpty() ? MASKED : value));
        return Collections.unmodifiableSortedMap(result);
    }

    static boolean isSecret(String parameter) {
        String p = parameter.toLowerCase(Locale.ROOT);
        return p.contains("pass") || p.equals("masterauth");
    }
}
