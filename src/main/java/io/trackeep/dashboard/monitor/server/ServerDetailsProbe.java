package io.trackeep.dashboard.monitor.server;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.InfoParser;
import io.trackeep.dashboard.service.health.ServerDiagnostics;
import io.trackeep.dashboard.service.health.SlowLogEntry;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;

import java.util.EnumMap;
import java.util.HashMap;
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
 * <p>On a Sentinel set or a Cluster each node is read on its own ({@link #collect(RedisConnections, Set, String)}):
 * the slow log, the clients (and their ids), INFO and the configuration are each node's. There a
 * node that does not answer gives a {@link Readout.Status#FAILED} readout for that node, not an
 * outage of the deployment: the other nodes keep answering, and the window judges the connection
 * by the panels that read the deployment as a whole. {@link #nodes} says which nodes there are.
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
    // per node ("" for the shared connection's): refusals and the own connection's id are each node's
    private final Map<String, Map<Part, String>> denied = new HashMap<>();
    private final Map<String, Long> ownClientIds = new HashMap<>();

    /** @param wanted the parts to read, asked on every collect */
    public ServerDetailsProbe(Supplier<Set<Part>> wanted) {
        this.wanted = Objects.requireNonNull(wanted);
    }

    @Override
    public ServerDetails collect(RedisConnections redis) {
        return collect(redis, wanted.get());
    }

    /** The parts of the node the shared connection talks to (one server): an unreachable Redis is thrown. */
    public ServerDetails collect(RedisConnections redis, Set<Part> parts) {
        return collect(redis, parts, null);
    }

    /**
     * The parts of the data node at {@code node} ({@code host:port}), or of the shared connection's
     * when null. A named node that does not answer gives FAILED readouts saying so.
     */
    public ServerDetails collect(RedisConnections redis, Set<Part> parts, String node) {
        if (redis != connection) {
            connection = redis;
            denied.clear();
            ownClientIds.clear();
        }
        String key = node == null ? "" : node;
        ServerDiagnostics diagnostics = new ServerDiagnostics(redis, node);
        Readout<List<SlowLogEntry>> slowLog = parts.contains(Part.SLOW_LOG)
                ? read(key, Part.SLOW_LOG, "SLOWLOG", () -> diagnostics.slowLog(SLOW_LOG_ENTRIES)) : null;
        Readout<List<ClientConnection>> clients = null;
        if (parts.contains(Part.CLIENTS)) {
            clients = read(key, Part.CLIENTS, "CLIENT LIST", diagnostics::clients);
            if (!ownClientIds.containsKey(key) && clients.isOk()) {
                ownClientIds.put(key, ownId(redis, node));
            }
        }
        Readout<Map<String, Map<String, String>>> info = parts.contains(Part.INFO)
                ? read(key, Part.INFO, "INFO",
                        () -> InfoParser.parse(redis.onNodeOrShared(node, "INFO", r -> r.info("everything"))).sections())
                : null;
        Readout<SortedMap<String, String>> config = parts.contains(Part.CONFIG)
                ? read(key, Part.CONFIG, "CONFIG GET", diagnostics::config) : null;
        return new ServerDetails(slowLog, clients, ownClientIds.get(key), info, config);
    }

    /**
     * The parts of every node of {@code nodes}, in that order, each node on its own. A node marked
     * down (failed, without address, subjectively or objectively down) is not asked: connecting to
     * it would hold the refresh for the connect timeout on every tick; its readouts say why.
     */
    public List<NodeDetails> collectEvery(RedisConnections redis, Set<Part> parts, List<ServerNode> nodes) {
        return nodes.stream().map(n -> new NodeDetails(n.address(), n.isDown() ? notAsked(parts, n)
                : collect(redis, parts, n.address()))).toList();
    }

    private static ServerDetails notAsked(Set<Part> parts, ServerNode node) {
        String why = node.address() + " is marked " + String.join(", ", node.flags()) + ": not asked";
        return new ServerDetails(parts.contains(Part.SLOW_LOG) ? Readout.failed(why) : null,
                parts.contains(Part.CLIENTS) ? Readout.failed(why) : null, null,
                parts.contains(Part.INFO) ? Readout.failed(why) : null, parts.contains(Part.CONFIG) ? Readout.failed(why) : null);
    }

    /**
     * The data nodes of a Sentinel set or a Cluster as the deployment names them now (one
     * {@code CLUSTER NODES}, or the Sentinels' view), masters first; empty on one server.
     *
     * @throws RedisAccessException when the deployment cannot be asked
     */
    public static List<ServerNode> nodes(RedisConnections redis) {
        if (redis.topology() == Topology.STANDALONE) {
            return List.of();
        }
        List<ServerNode> nodes = redis.deployment().nodes().stream().map(n -> new ServerNode(n.address(), n.role(), n.flags())).toList();
        // no Sentinel answered: the master the connection follows is still there to read
        return nodes.isEmpty() ? List.of(new ServerNode(redis.nodeAddresses().get(0), "master", List.of())) : nodes;
    }

    private <T> Readout<T> read(String node, Part part, String command, Supplier<T> call) {
        Map<Part, String> refused = denied.computeIfAbsent(node, n -> new EnumMap<>(Part.class));
        if (refused.containsKey(part)) {
            return Readout.denied(refused.get(part));
        }
        try {
            return Readout.ok(call.get());
        } catch (RedisAccessException e) {
            if (e.isUnavailable()) {
                if (node.isEmpty()) {
                    throw e;
                }
                return Readout.failed(node + " does not answer: " + e.getMessage());
            }
            String why = refusal(command, e);
            if (why != null) {
                refused.put(part, why);
                return Readout.denied(why);
            }
            return Readout.failed(e.getMessage());
        }
    }

    private static Long ownId(RedisConnections redis, String node) {
        try {
            return redis.onNodeOrShared(node, "CLIENT ID", r -> r.clientId());
        } catch (RedisAccessException e) {
            if (e.isUnavailable() && node == null) {
                throw e;
            }
            return null; // CLIENT LIST allowed but CLIENT ID not (or the node just went): the own connection is just not marked
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
