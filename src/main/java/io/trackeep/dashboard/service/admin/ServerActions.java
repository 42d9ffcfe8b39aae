package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.ServerDiagnostics;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.util.ArrayList;
import java.util.List;

/**
 * The Server panel's admin action, planned exactly: killing one client connection. The window
 * and the command line both plan here and execute through {@link AdminActions}.
 *
 * <p>Planning reads CLIENT LIST and CLIENT ID (so it fails with a
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis is unreachable or
 * the ACL user may not list clients), and refuses, with an {@link IllegalArgumentException}
 * before anything is asked, a client that is not connected any more or that is the very
 * connection the plan is made on (the dashboard's own: killing it only interrupts the dashboard
 * until Lettuce reconnects).
 */
public final class ServerActions {

    /** Audit action id of {@link #killClient}. */
    public static final String KILL_CLIENT = "client.kill";
    /** The client name every dashboard and command line connection carries. */
    public static final String DASHBOARD_CLIENT_NAME = "trackeep-dashboard";

    private final RedisConnections redis;
    // host:port of the node the clients are on, or null for the one the shared connection talks to
    private final String node;
    private final ServerDiagnostics diagnostics;

    public ServerActions(RedisConnections redis) {
        this(redis, null);
    }

    /**
     * Actions on the clients of the data node at {@code node} ({@code host:port}: client ids are per
     * node, so a kill goes to the node the client is on); null for the node the shared connection
     * talks to.
     */
    public ServerActions(RedisConnections redis, String node) {
        this.redis = redis;
        this.node = node;
        this.diagnostics = new ServerDiagnostics(redis, node);
    }

    /** The id of the connection this object plans on (CLIENT ID), i.e. the dashboard's own on that node. */
    public long ownClientId() {
        return redis.onNodeOrShared(node, "Asking for the own client id", r -> r.clientId());
    }

    /**
     * Plans CLIENT KILL ID for one client: "Kill client 17 (127.0.0.1:51234, name 'worker', idle 3 s)?".
     * The execution's result is true when the client was still there to be closed.
     */
    public ActionPlan<Boolean> killClient(long clientId) {
        if (clientId == ownClientId()) {
            throw new IllegalArgumentException("Client " + clientId + " is this dashboard's own connection: "
                    + "killing it would only interrupt the dashboard until it reconnects");
        }
        ClientConnection client = diagnostics.clients().stream().filter(c -> c.id() == clientId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Client " + clientId + " is not connected (any more)"));
        String where = (client.address() == null ? "unknown address" : client.address()) + (node == null ? "" : " on node " + node);
        String named = client.name() == null ? "" : ", name '" + client.name() + "'";
        List<String> effects = new ArrayList<>();
        effects.add("Closes connection " + clientId + " from " + where + " (CLIENT KILL ID " + clientId + ")");
        effects.add("Commands it has in flight fail; its client library may reconnect at once");
        String flags = client.flags() == null ? "" : client.flags();
        if (flags.contains("P")) {
            effects.add("It is a pub/sub subscriber: it receives no messages until it subscribes again");
        }
        if (flags.contains("S")) {
            effects.add("It is a replica's link to this server: the replica has to resynchronise");
        }
        if (flags.contains("M")) {
            effects.add("It is this server's link to its master: replication stops until it reconnects");
        }
        if (DASHBOARD_CLIENT_NAME.equals(client.name())) {
            effects.add("It is a Trackeep dashboard connection: another workstation's dashboard or command line, "
                    + "or this dashboard's pub/sub connection");
        }
        return new ActionPlan<>(KILL_CLIENT, "client " + clientId + " (" + where + named + ")",
                "Kill client " + clientId + " (" + where + named + ", idle " + idle(client.idleSeconds()) + ")?",
                effects, "Kill client " + clientId, () -> diagnostics.killClient(clientId),
                killed -> killed ? "Killed client " + clientId + " (" + where + ")"
                        : "Client " + clientId + " had already disconnected");
    }

    /** "3 s", "4 min", "2 h", "3 d": the idle time at a glance. */
    static String idle(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h";
        }
        return seconds / 86_400 + " d";
    }
}
