package io.trackeep.dashboard.monitor.pubsub;

/**
 * A channel with subscribers: {@code {"channel","subscribers"}} in {@code snapshot --json}.
 *
 * @param channel     the channel name
 * @param subscribers channel subscribers (PUBSUB NUMSUB); pattern subscribers are not counted by Redis here
 */
public record ChannelCount(String channel, long subscribers) {
}
