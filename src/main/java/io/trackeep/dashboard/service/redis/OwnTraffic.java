package io.trackeep.dashboard.service.redis;

/**
 * What this program itself did to one Redis on its monitoring connection, counted since the
 * connection opened, at one point of the server's command order. Two of them bracket a window:
 * {@link #since(OwnTraffic)} is what the program added to the server's counters in between, to be
 * taken off before the figures are shown, so that watching Redis does not change what is shown.
 *
 * @param hits       keyspace hits caused by this program's reads (server-side, exact)
 * @param misses     keyspace misses caused by this program's reads (server-side, exact)
 * @param commands   commands this program had answered on the connection
 * @param unknown    reads whose keyspace lookups could not be counted (a refused or timed-out
 *                   bracket, or a user who may not run MULTI/INFO); while it grows, the hit rate is
 *                   only approximate
 * @param counted    false for a connection that does not count (the service layer's own
 *                   connections: their traffic is the application's, not a monitor's)
 */
public record OwnTraffic(long hits, long misses, long commands, long unknown, boolean counted) {

    /** A connection that does not count: nothing to take off. */
    public static final OwnTraffic NOT_COUNTED = new OwnTraffic(0, 0, 0, 0, false);

    /** What happened between {@code earlier} and this; {@link #NOT_COUNTED} when either does not count. */
    public OwnTraffic since(OwnTraffic earlier) {
        if (!counted || earlier == null || !earlier.counted) {
            return NOT_COUNTED;
        }
        return new OwnTraffic(hits - earlier.hits, misses - earlier.misses, commands - earlier.commands,
                unknown - earlier.unknown, true);
    }

    /** True when every lookup of the window was counted. */
    public boolean exact() {
        return unknown == 0;
    }
}
