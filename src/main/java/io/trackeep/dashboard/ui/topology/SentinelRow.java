package io.trackeep.dashboard.ui.topology;

/**
 * One Sentinel as the Topology view lists it.
 *
 * @param address   {@code host:port}
 * @param fromHere  whether this dashboard reaches it ("reachable", "unreachable", "not in the profile")
 * @param stateText how the answering Sentinel sees it ("ok", "s_down", ...)
 * @param down      unreachable from here or marked down
 * @param answered  the Sentinel that answered the dashboard's questions
 */
public record SentinelRow(String address, String fromHere, String stateText, boolean down, boolean answered) {
}
