package io.trackeep.dashboard.service.redis;

/**
 * One master of the deployment, as far as walking its keys goes.
 *
 * @param id      what identifies this very node: a Cluster node id; elsewhere its address (a Sentinel
 *                failover changes it, as the master is another server then)
 * @param address {@code host:port}, for {@link RedisConnections#onNode}
 */
public record RedisNode(String id, String address) {

    /** The host part of the address: masters with the same host share its CPU. */
    public String host() {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
