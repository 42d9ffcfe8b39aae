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

    /** The next event, or fails after 5 s. */
    JsonNode next() throws InterruptedException {
        String message = received.poll(5, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("No admin event within 5 s");
        }
        return Json.tree(message);
    }
}
