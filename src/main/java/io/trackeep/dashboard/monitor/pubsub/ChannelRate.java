package io.trackeep.dashboard.monitor.pubsub;

/**
 * Messages of one channel over the stream's rate window.
 *
 * @param channel   the channel, or {@link MessageStream#OTHER_CHANNELS} for the channels beyond the per-second cap
 * @param perSecond average messages per second over the window
 * @param messages  messages in the window
 */
public record ChannelRate(String channel, double perSecond, long messages) {
}
