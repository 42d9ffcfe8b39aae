package io.trackeep.dashboard.monitor.server;

import io.trackeep.dashboard.service.health.SlowLogEntry;

/**
 * A slow log entry and the node that logged it (each node keeps its own slow log, ids are per node).
 *
 * @param node  {@code host:port}
 * @param entry as SLOWLOG GET on that node gives it
 */
public record SlowLogOnNode(String node, SlowLogEntry entry) {

    public String key() {
        return node + "/" + entry.id();
    }
}
