package io.trackeep.dashboard.service.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class LosslessStringCodecTest {

    private static final LosslessStringCodec CODEC = LosslessStringCodec.INSTANCE;

    @Test
    void latin1BytesDecodeToEscapesAndEncodeBackExactly() {
        byte[] general = {'g', 'e', 'n', (byte) 0xE9, 'r', 'a', 'l'};
        String s = CODEC.decodeKey(ByteBuffer.wrap(general));
        assertThat(s).isEqualTo("gen\uDCE9ral");
        assertThat(LosslessStringCodec.hasEscapedBytes(s)).isTrue();
        assertThat(bytes(CODEC.encodeKey(s))).containsExactly(general);
        assertThat(viaByteBuf(s)).containsExactly(general);
    }

    @Test
    void validUtf8DecodesExactlyAsStringCodecDoes() {
        for (String s : List.of("", "tk:session:abc", "général", "日本語", "emoji \uD83D\uDE00 pair", "U+FFFD \uFFFD itself",
                "?question?", "\u0000nul\u001b[31m")) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            assertThat(CODEC.decodeValue(ByteBuffer.wrap(utf8))).isEqualTo(StringCodec.UTF8.decodeValue(ByteBuffer.wrap(utf8))).isEqualTo(s);
            assertThat(viaByteBuf(s)).containsExactly(utf8);
            assertThat(bytes(CODEC.encodeValue(s))).containsExactly(utf8);
            assertThat(LosslessStringCodec.hasEscapedBytes(s)).isFalse();
        }
    }

    @Test
    void invalidSequencesOfEveryKindRoundTrip() {
        byte[][] cases = {
                {(byte) 0xFF},                                      // never valid
                {(byte) 0xC0, (byte) 0xAF},                         // overlong '/'
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},            // encoded surrogate U+D800
                {(byte) 0xED, (byte) 0xB2, (byte) 0x80},            // encoded U+DC80, the first escape itself
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
                {(byte) 0xE2, (byte) 0x82},                         // cut short
                {(byte) 0x80, 'a', (byte) 0xBF},                    // lone continuation bytes
                {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, (byte) 0xE9}, // valid emoji then a Latin-1 byte
                {'?', (byte) 0xE9, '?'},                            // '?' next to an escape
        };
        for (byte[] b : cases) {
            String s = CODEC.decodeValue(ByteBuffer.wrap(b));
            assertThat(viaByteBuf(s)).as("round trip of %s", s).containsExactly(b);
            assertThat(bytes(CODEC.encodeValue(s))).containsExactly(b);
        }
        assertThat(CODEC.decodeValue(ByteBuffer.wrap(cases[7]))).isEqualTo("\uD83D\uDE00\uDCE9");
    }

    @Test
    void randomByteStringsRoundTripExactly() {
        Random random = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[random.nextInt(24)];
            for (int i = 0; i < b.length; i++) {
                // mostly bytes that start or continue multi-byte sequences, so every kind of error occurs
                b[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(0x80) : 0x80 + random.nextInt(0x80));
            }
            String s = LosslessStringCodec.decode(b);
            assertThat(LosslessStringCodec.encode(s)).containsExactly(b);
            assertThat(viaByteBuf(s)).containsExactly(b);
            if (new String(b, StandardCharsets.UTF_8).indexOf('\uFFFD') < 0) {
                assertThat(s).isEqualTo(new String(b, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void loneSurrogatesOutsideTheEscapesAreWrittenAsStringCodecWritesThem() {
        String s = "a\uD800b\uDC10c";
        assertThat(viaByteBuf(s)).containsExactly(bytes(StringCodec.UTF8.encodeValue(s)));
    }

    @Test
    void binaryKeysAndMembersAreReadAndActedOnByTheirExactBytes(RedisServerProcess server, RedisConnections redis) {
        byte[] key = {'t', 'k', ':', 'c', 'h', 'a', 'l', 'l', 'e', 'n', 'g', 'e', ':', (byte) 0xE9, ':', 'l', 'b'};
        byte[] member = {(byte) 0xFF, (byte) 0xFE, 'x'};
        RedisClient raw = RedisClient.create(RedisURI.create(server.uriWithPassword()));
        try (StatefulRedisConnection<byte[], byte[]> bytes = raw.connect(ByteArrayCodec.INSTANCE)) {
            bytes.sync().zadd(key, 1.0, member);
            bytes.sync().zadd(key, 2.0, "7".getBytes(StandardCharsets.US_ASCII));

            KeyScanCursor<String> scan = redis.sync().scan(ScanArgs.Builder.matches("tk:challenge:*").limit(100));
            assertThat(scan.getKeys()).containsExactly("tk:challenge:\uDCE9:lb");
            String found = scan.getKeys().get(0);
            List<ScoredValue<String>> members = redis.sync().zrangeWithScores(found, 0, -1);
            assertThat(members).extracting(ScoredValue::getValue).containsExactly("\uDCFF\uDCFEx", "7");
            assertThat(redis.sync().zcard(found)).isEqualTo(2);

            assertThat(redis.sync().zrem(found, "\uDCFF\uDCFEx")).isEqualTo(1);
            assertThat(bytes.sync().zcard(key)).isEqualTo(1);
            assertThat(redis.sync().del(found)).isEqualTo(1);
            assertThat(bytes.sync().exists(key)).isZero();
        } finally {
            raw.shutdown();
        }
    }

    private static byte[] viaByteBuf(String s) {
        ByteBuf buf = Unpooled.buffer();
        CODEC.encodeValue(s, buf);
        byte[] out = new byte[buf.readableBytes()];
        buf.readBytes(out);
        return out;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
