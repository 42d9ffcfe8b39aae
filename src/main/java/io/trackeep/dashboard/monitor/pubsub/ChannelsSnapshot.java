package io.trackeep.dashboard.monitor.pubsub;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;

/**
 * The Trackeep channels that have subscribers right now. As JSON (the {@code channels} section of
 * {@code snapshot --json}) it is just the array {@code [{"channel","subscribers"}]}.
 *
 * @param channels             channels under the key prefix with at least one channel subscriber, by name
 * @param patternSubscriptions pattern subscriptions of all clients on the server (PUBSUB NUMPAT);
 *                             their listeners are not in {@code channels}
 * @param truncated            true when more channels had subscribers than were kept ({@link ChannelsProbe#MAX_CHANNELS})
 * @param readAt               when it was read
 */
public record ChannelsSnapshot(List<ChannelCount> channels, long patternSubscriptions, boolean truncated, Instant readAt) {

    public ChannelsSnapshot {
        channels = List.copyOf(channels);
    }

    @JsonValue
    public List<ChannelCount> channels() { return channels; }
}
