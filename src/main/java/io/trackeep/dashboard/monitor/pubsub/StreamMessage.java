package io.trackeep.dashboard.monitor.pubsub;

import io.trackeep.dashboard.service.pubsub.PubSubMessage;

import java.time.Instant;

/**
 * A message as the stream buffer keeps it.
 *
 * @param sequence      1 for the first message the stream received, counting up
 * @param channel       the channel it was published on
 * @param pattern       the subscribed pattern that matched it, or null
 * @param payload       the payload, cut to {@link MessageStream#MAX_PAYLOAD_CHARS} characters if it was longer
 * @param payloadLength the payload's full length in characters
 * @param receivedAt    when this process received it
 */
public record StreamMessage(long sequence, String channel, String pattern, String payload, int payloadLength, Instant receivedAt) {

    static StreamMessage of(long sequence, PubSubMessage m, int maxChars) {
        String payload = m.payload();
        String kept = payload.length() > maxChars ? payload.substring(0, maxChars) : payload;
        return new StreamMessage(sequence, m.channel(), m.pattern(), kept, payload.length(), m.receivedAt());
    }

    /** Whether the buffer holds only the beginning of the payload. */
    public boolean truncated() {
        return payload.length() < payloadLength;
    }
}
