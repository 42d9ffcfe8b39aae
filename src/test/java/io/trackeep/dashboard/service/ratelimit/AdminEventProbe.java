package io.trackeep.dashboard.service.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects what is published on {@code P:admin:events}, for assertions. */
final class AdminEventProbe {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    AdminEventProbe(RedisConnections redis) {
        StatefulRedisPubSubConnection<String, String> pubSub = redis.newPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                received.add(message);
            }
        });
        pubSub.sync().subscribe(redis.keys().adminEventsChannel());
    }

    /**
     * The next rate-limit event, or fails after 5 s. Events of other kinds are passed over: on a
     * Cluster another test's event (a session killed) can arrive late over the cluster bus.
     */
    JsonNode next() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            String message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("No rate-limit admin event within 5 s");
            }
            JsonNode event = Json.tree(message);
            if (event.path("type").asText().startsWith("ratelimit.")) {
                return event;
            }
        }
    }
}
