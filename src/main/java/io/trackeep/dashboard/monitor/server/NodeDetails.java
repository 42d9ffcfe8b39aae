package io.trackeep.dashboard.monitor.server;

/**
 * What one node answered for the Server panel in one refresh.
 *
 * @param node    the node's {@code host:port}
 * @param details its slow log, clients, INFO or configuration (the parts asked)
 */
public record NodeDetails(String node, ServerDetails details) {
}
