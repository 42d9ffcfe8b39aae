package io.trackeep.dashboard.service.pubsub;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ConnectionFacade;
import io.lettuce.core.pubsub.PubSubCommandHandler;
import io.lettuce.core.pubsub.PubSubEndpoint;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs synthetic pattern messages through Lettuce's pub/sub decoder (the very handler a pub/sub
 * connection uses, fed in memory through an {@link EmbeddedChannel}: nothing reaches Redis) into a
 * listener, so that the JIT has compiled the receiving code before real traffic arrives. In a cold
 * JVM the first seconds of a busy stream were received at a tenth of the warm rate, while Redis's
 * output buffer for the subscriber filled up towards its limit. Both framings are fed: RESP3 push
 * messages (Redis 6 and later) and RESP2 arrays.
 */
final class ReceivingWarmUp {

    static final String PATTERN = "trackeep-dashboard:warm-up:*";
    private static final int PER_READ = 64;
    // A Trackeep chat message as the Go backend publishes it.
    private static final String PAYLOAD = "{\"id\":123456,\"conversation_id\":\"c-42\",\"sender_id\":7,"
            + "\"body\":\"warm-up message\",\"created_at\":\"2026-03-01T12:00:00.000000001Z\"}";

    private ReceivingWarmUp() {
    }

    /** Feeds about {@code messages} messages, stopping early after {@code budget}. */
    static void run(RedisPubSubListener<String, String> into, int messages, Duration budget) {
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        try {
            long deadline = System.nanoTime() + budget.toNanos();
            feed(into, resources, true, messages / 2, deadline);
            feed(into, resources, false, messages / 2, deadline);
        } finally {
            resources.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }

    private static void feed(RedisPubSubListener<String, String> into, ClientResources resources, boolean resp3, int messages, long deadline) {
        ClientOptions options = ClientOptions.create();
        PubSubEndpoint<String, String> endpoint = new PubSubEndpoint<>(options, resources);
        endpoint.addListener(into);
        endpoint.setConnectionFacade(new ConnectionFacade() { // no connection object around this handler
            @Override
            public void activated() {
            }

            @Override
            public void deactivated() {
            }
        });
        EmbeddedChannel channel = new EmbeddedChannel(new PubSubCommandHandler<>(options, resources, StringCodec.UTF8, endpoint));
        try {
            byte[] reads = frames(resp3);
            for (int sent = 0; sent < messages && System.nanoTime() < deadline; sent += PER_READ) {
                channel.writeInbound(Unpooled.wrappedBuffer(reads));
            }
        } finally {
            channel.finishAndReleaseAll();
            endpoint.removeListener(into);
        }
    }

    /** {@value #PER_READ} pmessages on 16 channels, as one read from the socket would bring them. */
    private static byte[] frames(boolean resp3) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < PER_READ; i++) {
            s.append(resp3 ? '>' : '*').append("4\r\n");
            bulk(s, "pmessage");
            bulk(s, PATTERN);
            bulk(s, PATTERN.substring(0, PATTERN.length() - 1) + (i % 16));
            bulk(s, PAYLOAD);
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void bulk(StringBuilder s, String value) {
        s.append('$').append(value.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(value).append("\r\n");
    }
}
