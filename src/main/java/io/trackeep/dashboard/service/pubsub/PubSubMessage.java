package io.trackeep.dashboard.service.pubsub;

import java.time.Instant;
import java.util.Objects;

/**
 * One message received on a subscription.
 *
 * @param channel    the channel it was published on
 * @param pattern    the pattern that matched it, or null when it came through a channel subscription
 * @param payload    the payload exactly as published (JSON for Trackeep channels, but not checked here)
 * @param receivedAt when this process received it (Redis pub/sub carries no publish time)
 */
public record PubSubMessage(String channel, String pattern, String payload, Instant receivedAt) {

    public PubSubMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The subscription this message was delivered for. */
    public Topic topic() {
        return pattern == null ? Topic.channel(channel) : Topic.pattern(pattern);
    }
}
