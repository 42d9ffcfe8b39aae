package io.trackeep.dashboard.service.ratelimit;

import io.lettuce.core.codec.StringCodec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripts' reply is read as it arrives, into a Decision; any other shape is an error, never a half-read decision. */
class DecisionOutputTest {

    @Test
    void sixIntegersAreADecision() {
        DecisionOutput output = new DecisionOutput(StringCodec.UTF8);
        output.multiArray(6);
        for (long value : new long[]{1, 100, 99, -1, 60_000, 1_733_500_000_123L}) {
            output.set(value);
            output.complete(1);
        }
        output.complete(0);

        assertThat(output.hasError()).isFalse();
        assertThat(output.get()).isEqualTo(new Decision(true, 100, 99, Duration.ZERO, Duration.ofMinutes(1),
                Instant.ofEpochMilli(1_733_500_060_123L), false));
        assertThat(output.get().decidedAt()).isEqualTo(Instant.ofEpochMilli(1_733_500_000_123L));
    }

    @Test
    void aDenialCarriesItsRetryAfter() {
        DecisionOutput output = new DecisionOutput(StringCodec.UTF8);
        for (long value : new long[]{0, 5, 0, 1500, 30_000, 1_000L}) {
            output.set(value);
        }
        output.complete(0);

        assertThat(output.get().allowed()).isFalse();
        assertThat(output.get().retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void anotherShapeIsAnError() {
        DecisionOutput tooShort = new DecisionOutput(StringCodec.UTF8);
        for (long value : new long[]{1, 100, 99, -1, 60_000}) {
            tooShort.set(value);
        }
        tooShort.complete(0);
        assertThat(tooShort.hasError()).isTrue();
        assertThat(tooShort.getError()).contains("5 integers instead of 6");

        DecisionOutput text = new DecisionOutput(StringCodec.UTF8);
        text.set(ByteBuffer.wrap("OK".getBytes(StandardCharsets.US_ASCII)));
        text.complete(0);
        assertThat(text.hasError()).isTrue();
        assertThat(text.get()).isNull();
    }

    @Test
    void anErrorReplyStaysTheServersError() {
        DecisionOutput output = new DecisionOutput(StringCodec.UTF8);
        output.setError("WRONGTYPE Operation against a key holding the wrong kind of value");
        output.complete(0);
        assertThat(output.getError()).startsWith("WRONGTYPE");
    }
}
