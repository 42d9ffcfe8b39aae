package io.trackeep.dashboard.monitor.pubsub;

import java.util.List;

/**
 * What the message stream has to show since the previous {@link MessageStream#poll}: immutable,
 * handed from the stream to the FX thread.
 *
 * @param messages       messages new since the previous poll that are still buffered, oldest first
 *                       (empty when the poll did not ask for messages)
 * @param received       messages received since the stream began
 * @param skipped        new messages already evicted from the buffer before this poll (arrived faster than shown)
 * @param oldestBuffered sequence of the oldest message still buffered (0 when the buffer is empty):
 *                       a view drops the rows older than this to stay within the buffer's bounds
 * @param buffered       messages in the buffer
 * @param bufferedChars  payload characters in the buffer
 * @param perSecond      messages per second over the rate window, all channels together
 * @param channels       the busiest channels over the rate window, busiest first
 */
public record StreamBatch(List<StreamMessage> messages, long received, long skipped, long oldestBuffered,
                          int buffered, long bufferedChars, double perSecond, List<ChannelRate> channels) {

    public StreamBatch {
        messages = List.copyOf(messages);
        channels = List.copyOf(channels);
    }
}
