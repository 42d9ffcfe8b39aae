package io.trackeep.dashboard.monitor.server;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.InfoParser;
import io.trackeep.dashboard.service.health.ServerDiagnostics;
import io.trackeep.dashboard.service.health.SlowLogEntry;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Reads the parts of the Server panel that are asked for (the visible tab), one command each:
 * SLOWLOG GET {@value #SLOW_LOG_ENTRIES}, CLIENT LIST (plus CLIENT ID once per connection), INFO
 * everything, CONFIG GET *. None grows with the keyspace; CLIENT LIST grows with the number of
 * clients, which is why it is read only while its tab is shown.
 *
 * <p>A command the ACL user may not run (NOPERM) or that the server has renamed or disabled gives
 * a {@link Readout.Status#DENIED} readout and is not sent again on this connection, so a
 * restricted user does not fill the ACL log every second. Another error answer gives
 * {@link Readout.Status#FAILED}. An unreachable Redis or a timeout is thrown as
 * {@link RedisAccessException}, so the window marks the connection as unreachable.
 *
 * <p>One thread at a time (the refresh thread); a different connection starts afresh.
 */
public final class ServerDetailsProbe implements Probe<ServerDetails> {

    /** The parts of the panel. */
    public enum Part { SLOW_LOG, CLIENTS, INFO, CONFIG }

    /** The most slow log entries read: Redis keeps 128 by default (slowlog-max-len). */
    public static final int SLOW_LOG_ENTRIES = 128;

    private final Supplier<Set<Part>> wanted;
    private RedisConnections connection;
    private final Map<Part, String> denied = new EnumMap<>(Part.class);
    private Long ownClientId;
    private boolean ownIdAsked;

    /** @param wanted the parts to read, asked on every collect */
    public ServerDetailsProbe(Supplier<Set<Part>> wanted) {
        this.wanted = Objects.requireNonNull(wanted);
    }

    @Override
    public ServerDetails collect(RedisConnections redis) {
        return collect(redis, wanted.get());
    }

    public ServerDetails collect(RedisConnections redis, Set<Part> parts) {
        if (redis != connection) {
            connection = redis;
            denied.clear();
            ownClientId = null;
            ownIdAsked = false;
        }
        ServerDiagnostics diagnostics = new ServerDiagnostics(redis);
        Readout<List<SlowLogEntry>> slowLog = parts.contains(Part.SLOW_LOG)
                ? read(Part.SLOW_LOG, "SLOWLOG", () -> diagnostics.slowLog(SLOW_LOG_ENTRIES)) : null;
        Readout<List<ClientConnection>> clients = null;
        if (parts.contains(Part.CLIENTS)) {
            clients = read(Part.CLIENTS, "CLIENT LIST", diagnostics::clients);
            if (!ownIdAsked && clients.isOk()) {
                ownIdAsked = true;
                ownClientId = ownId(redis);
            }
        }
        Readout<Map<String, Map<String, String>>> info = parts.contains(Part.INFO)
                ? read(Part.INFO, "INFO", () -> InfoParser.parse(RedisErrors.call("INFO", () -> redis.sync().info("everything"))).sections())
                : null;
        Readout<SortedMap<String, String>> config = parts.contains(Part.CONFIG)
                ? read(Part.CONFIG, "CONFIG GET", diagnostics::config) : null;
        return new ServerDetails(slowLog, clients, ownClientId, info, config);
    }

    private <T> Readout<T> read(Part part, String command, Supplier<T> call) {
        if (denied.containsKey(part)) {
            return Readout.denied(denied.get(part));
        }
        try {
            return Readout.ok(call.get());
        } catch (RedisAccessException e) {
            if (e.isUnavailable()) {
                throw e;
            }
            String why = refusal(command, e);
            if (why != null) {
                denied.put(part, why);
                return Readout.denied(why);
            }
            return Readout.failed(e.getMessage());
        }
    }

    private static Long ownId(RedisConnections redis) {
        try {
            return RedisErrors.call("CLIENT ID", () -> redis.sync().clientId());
        } catch (RedisAccessException e) {
            if (e.isUnavailable()) {
                throw e;
            }
            return null; // CLIENT LIST allowed but CLIENT ID not: the own connection is just not marked
        }
    }

    /** Why Redis refused {@code command} for good (ACL, renamed or disabled command), or null for other errors. */
    static String refusal(String command, RedisAccessException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String upper = m.toUpperCase(Locale.ROOT);
        if (upper.contains("NOPERM")) {
            return command + " is not permitted for this user (ACL)";
        }
        if (upper.contains("UNKNOWN COMMAND") || upper.contains("UNKNOWN SUBCOMMAND")) {
            return command + " is not available on this server (renamed or disabled)";
        }
        return null;
    }
}
