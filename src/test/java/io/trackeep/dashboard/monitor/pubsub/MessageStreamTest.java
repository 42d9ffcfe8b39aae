package io.trackeep.dashboard.monitor.pubsub;

import io.trackeep.dashboard.service.pubsub.PubSubMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MessageStreamTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static PubSubMessage msg(String channel, String payload, double secondsAfterT0) {
        return new PubSubMessage(channel, "tk:messages:*", payload, T0.plusMillis(Math.round(secondsAfterT0 * 1000)));
    }

    @Test
    void keepsTheLastMessagesUpToItsCapacityAndCountsTheRest() {
        MessageStream stream = new MessageStream(3, 1_000);
        for (int i = 1; i <= 5; i++) {
            stream.onMessage(msg("tk:messages:c", "{\"n\":" + i + "}", 0));
        }
        StreamBatch b = stream.poll(true, T0);

        assertThat(b.messages()).extracting(StreamMessage::sequence).containsExactly(3L, 4L, 5L);
        assertThat(b.received()).isEqualTo(5);
        assertThat(b.skipped()).isEqualTo(2);
        assertThat(b.buffered()).isEqualTo(3);
        assertThat(b.oldestBuffered()).isEqualTo(3);
        assertThat(stream.buffered()).extracting(StreamMessage::payload).containsExactly("{\"n\":3}", "{\"n\":4}", "{\"n\":5}");

        stream.onMessage(msg("tk:messages:c", "{}", 0));
        StreamBatch next = stream.poll(true, T0);
        assertThat(next.messages()).extracting(StreamMessage::sequence).containsExactly(6L);
        assertThat(next.skipped()).isZero();
        assertThat(next.oldestBuffered()).isEqualTo(4);
    }

    @Test
    void payloadCharactersAreBoundedToo() {
        MessageStream stream = new MessageStream(100, 10);
        stream.onMessage(msg("c", "12345", 0));
        stream.onMessage(msg("c", "123456", 0));
        assertThat(stream.size()).isEqualTo(1); // 5 + 6 > 10: the older one went
        StreamBatch b = stream.poll(true, T0);
        assertThat(b.bufferedChars()).isEqualTo(6);
        assertThat(b.oldestBuffered()).isEqualTo(2);
    }

    @Test
    void aHugePayloadIsCutAndSaysSo() {
        MessageStream stream = new MessageStream(10, Long.MAX_VALUE);
        stream.onMessage(msg("c", "x".repeat(MessageStream.MAX_PAYLOAD_CHARS + 10), 0));
        StreamMessage m = stream.buffered().get(0);
        assertThat(m.payload()).hasSize(MessageStream.MAX_PAYLOAD_CHARS);
        assertThat(m.payloadLength()).isEqualTo(MessageStream.MAX_PAYLOAD_CHARS + 10);
        assertThat(m.truncated()).isTrue();
    }

    @Test
    void aPollWithoutMessagesLeavesThemNewForTheNextPollThatAsks() {
        MessageStream stream = new MessageStream(10, 1_000);
        stream.onMessage(msg("c", "a", 0));
        stream.onMessage(msg("c", "b", 0));

        StreamBatch paused = stream.poll(false, T0);
        assertThat(paused.messages()).isEmpty();
        assertThat(paused.received()).isEqualTo(2);

        stream.onMessage(msg("c", "c", 0));
        assertThat(stream.poll(true, T0).messages()).extracting(StreamMessage::payload).containsExactly("a", "b", "c");
        assertThat(stream.poll(true, T0).messages()).isEmpty();
    }

    @Test
    void ratesPerChannelAreAveragedOverCompleteSecondsOfTheWindow() {
        MessageStream stream = new MessageStream(10, 1_000);
        for (int s = 0; s < 5; s++) {
            for (int i = 0; i < 10; i++) {
                stream.onMessage(msg("tk:messages:busy", "{}", s + i / 100.0));
            }
            stream.onMessage(msg("tk:messages:quiet", "{}", s + 0.5));
        }
        stream.onMessage(msg("tk:messages:busy", "{}", 5.2)); // the current second does not count yet

        StreamBatch b = stream.poll(false, T0.plusSeconds(5).plusMillis(500));

        assertThat(b.perSecond()).isEqualTo(11.0);
        assertThat(b.channels()).containsExactly(
                new ChannelRate("tk:messages:busy", 10.0, 50),
                new ChannelRate("tk:messages:quiet", 1.0, 5));

        // Quiet for a while: old seconds leave the window.
        StreamBatch later = stream.poll(false, T0.plusSeconds(30));
        assertThat(later.perSecond()).isZero();
        assertThat(later.channels()).isEmpty();
    }

    @Test
    void aYoungStreamIsAveragedOverItsOwnAge() {
        MessageStream stream = new MessageStream(10, 1_000);
        for (int i = 0; i < 30; i++) {
            stream.onMessage(msg("c", "{}", 0.01 * i));
        }
        assertThat(stream.poll(false, T0.plusMillis(1500)).perSecond()).isEqualTo(30.0);
    }

    @Test
    void channelsBeyondThePerSecondCapAreCountedTogether() {
        MessageStream stream = new MessageStream(10, 1_000);
        int channels = MessageStream.MAX_CHANNELS_PER_SECOND + 50;
        for (int i = 0; i < channels; i++) {
            stream.onMessage(msg("tk:notifications:" + i, "{}", 0));
        }
        stream.onMessage(msg("tk:notifications:0", "{}", 0)); // a known channel keeps counting apart
        StreamBatch b = stream.poll(false, T0.plusSeconds(1));
        assertThat(b.channels()).hasSize(MessageStream.MAX_RATE_ROWS);
        assertThat(b.channels().get(0)).isEqualTo(new ChannelRate(MessageStream.OTHER_CHANNELS, 50.0, 50));
        assertThat(b.channels().get(1)).isEqualTo(new ChannelRate("tk:notifications:0", 2.0, 2));
        assertThat(b.perSecond()).isEqualTo(channels + 1.0);
    }

    @Test
    void clearEmptiesTheBufferButKeepsCounting() {
        MessageStream stream = new MessageStream(10, 1_000);
        stream.onMessage(msg("c", "a", 0));
        stream.clear();
        StreamBatch b = stream.poll(true, T0);
        assertThat(b.messages()).isEmpty();
        assertThat(b.buffered()).isZero();
        assertThat(b.oldestBuffered()).isZero();
        assertThat(b.received()).isEqualTo(1);
    }
}
