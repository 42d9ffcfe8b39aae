package io.trackeep.dashboard.ui.topology;

/**
 * One data node as the Topology view lists it. Figures are null when the node did not answer.
 *
 * @param address   {@code host:port}
 * @param role      {@code master}, {@code replica} or {@code unknown}
 * @param placement a master's slots ({@code 0-5460}), a replica's master ({@code of 10.0.0.1:7000})
 * @param state     how it stands
 * @param stateText what is wrong, or "ok"
 * @param memory    used memory, and of maxmemory when set
 * @param opsPerSec commands per second
 * @param keys      keys it holds (a replica: copies of its master's)
 * @param clients   connected clients
 * @param link      a master's replicas ("1 replica", "no replica"), a replica's link to its master
 * @param lag       a replica's lag as its master reports it ("0 s · 120 B behind"), else null
 * @param order     the place in the default order: each master followed by its replicas
 */
public record NodeRow(String address, String role, String placement, TopologyViewModel.State state, String stateText,
                      String memory, Long opsPerSec, Long keys, Long clients, String link, String lag, int order) {

    /** What the Replication column shows: a master's replicas; a replica's link, then its lag. */
    public String replication() {
        if (link == null) {
            return lag;
        }
        return lag == null ? link : link + " · " + lag;
    }

    public boolean replica() {
        return role.equals("replica");
    }
}
