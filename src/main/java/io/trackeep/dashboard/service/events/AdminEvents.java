package io.trackeep.dashboard.service.events;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.concurrent.CompletionStage;

/**
 * Publishes {@link AdminEvent}s on {@code P:admin:events}. Subscribing goes through the pub/sub
 * feature like any other channel.
 */
public final class AdminEvents {

    private final RedisConnections redis;
    private final KeySchema keys;

    public AdminEvents(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
    }

    /** Publishes and returns how many subscribers received it. */
    public long publish(AdminEvent event) {
        return RedisErrors.call("Publishing " + event.type(),
                () -> redis.sync().publish(keys.adminEventsChannel(), Json.write(event)));
    }

    /** Queues the PUBLISH on the given async commands, so it travels in the caller's pipeline. */
    public CompletionStage<Long> publishAsync(RedisClusterAsyncCommands<String, String> async, AdminEvent event) {
        return async.publish(keys.adminEventsChannel(), Json.write(event));
    }
}
