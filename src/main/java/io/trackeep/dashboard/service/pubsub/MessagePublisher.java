package io.trackeep.dashboard.service.pubsub;

import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

/**
 * Publishes on the Trackeep channels: chat messages on {@code P:messages:<conversationId>},
 * notifications on {@code P:notifications:<uid>}, and any payload on a named channel (the
 * Pub/Sub panel's test message). Admin events go through {@code AdminEvents}.
 *
 * <p>Every method returns how many subscriptions received the message (0 is not an error: pub/sub
 * keeps nothing for absent subscribers). While Redis is unreachable it throws a
 * {@link RedisAccessException} at once and the message is not sent, ever; a read-only profile
 * refuses to publish (kind READ_ONLY), since a message is seen by real users.
 */
public final class MessagePublisher {

    private final RedisConnections redis;
    private final KeySchema keys;

    public MessagePublisher(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
    }

    /** Publishes {@code message} (a record, map or JSON tree) as JSON on the conversation's channel. */
    public long publishChatMessage(String conversationId, Object message) {
        return publish(keys.messagesChannel(conversationId), Json.write(message));
    }

    /** Publishes {@code notification} (a record, map or JSON tree) as JSON on the user's channel. */
    public long publishNotification(long userId, Object notification) {
        return publish(keys.notificationsChannel(userId), Json.write(notification));
    }

    /** Publishes {@code payload} unchanged on {@code channel}. */
    public long publish(String channel, String payload) {
        if (channel == null || channel.isEmpty()) {
            throw new IllegalArgumentException("channel must not be empty");
        }
        redis.requireWritable("Publishing on " + channel);
        return RedisErrors.call("Publishing on " + channel, () -> redis.sync().publish(channel, payload));
    }
}
