package io.trackeep.dashboard.monitor.server;

import io.trackeep.dashboard.service.health.ClientConnection;

/**
 * A client connection and the node it is connected to: client ids are per node, so a kill must go
 * to that node.
 *
 * @param node   {@code host:port}
 * @param client as CLIENT LIST on that node describes it
 */
public record ClientOnNode(String node, ClientConnection client) {

    /** What the selection follows across refreshes: the id on its node. */
    public String key() {
        return node + "/" + client.id();
    }
}
