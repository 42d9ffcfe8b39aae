package io.trackeep.dashboard.service.redis;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Encode and decode cost of {@link LosslessStringCodec} against {@code StringCodec.UTF8} on the
 * strings of the rate limiter's hot path and a few others, into and out of pooled direct
 * buffers as Lettuce uses them. Not a test: run it by hand and compare the ratios of one run
 * (the machine's load moves both sides alike):
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.trackeep.dashboard.service.redis.CodecBench}.
 */
public final class CodecBench {

    private static final String[] SAMPLES = {
            "tk:rl:general:203.0.113.7",                                   // a limiter key
            "60000",                                                       // a script argument
            "{\"user_id\":42,\"email\":\"ada@example.org\",\"username\":\"ada\",\"role\":\"admin\","
                    + "\"session_id\":\"4f9c2b7e1d3a4c5b8e6f7a8b9c0d1e2f\",\"ip_address\":\"203.0.113.7\","
                    + "\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"created_at\":\"2024-05-01T10:00:00.123456789+02:00\"}",
            "tk:challenge:général:leaderboard",                            // valid, not ASCII
            "/api/search?q=redis&type=note",                               // holds '?'
    };

    private static volatile long sink;

    private CodecBench() {
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        for (String s : SAMPLES) {
            double[] encode = new double[trials];
            double[] decode = new double[trials];
            for (int t = 0; t < trials; t++) {
                // alternate which side runs first, so a change of load in between does not favour one
                boolean losslessFirst = t % 2 == 0;
                double le = losslessFirst ? encodeNanos(LosslessStringCodec.INSTANCE, s) : 0;
                double se = encodeNanos(StringCodec.UTF8, s);
                le = losslessFirst ? le : encodeNanos(LosslessStringCodec.INSTANCE, s);
                double ld = losslessFirst ? decodeNanos(LosslessStringCodec.INSTANCE, s) : 0;
                double sd = decodeNanos(StringCodec.UTF8, s);
                ld = losslessFirst ? ld : decodeNanos(LosslessStringCodec.INSTANCE, s);
                encode[t] = le / se;
                decode[t] = ld / sd;
            }
            System.out.printf(Locale.ROOT, "%-34.34s  lossless/stock median of %d: encode %.2f  decode %.2f%n",
                    s, trials, median(encode), median(decode));
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }

    private static <C extends RedisCodec<String, String> & ToByteBufEncoder<String, String>> double encodeNanos(C codec, String s) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(1024);
        try {
            int n = 1_000_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                buf.clear();
                codec.encodeValue(s, buf);
                sink += buf.writerIndex();
            }
            return (System.nanoTime() - start) / (double) n;
        } finally {
            buf.release();
        }
    }

    private static double decodeNanos(RedisCodec<String, String> codec, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        int n = 1_000_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += codec.decodeValue(direct.duplicate()).length();
        }
        return (System.nanoTime() - start) / (double) n;
    }
}
