package io.trackeep.dashboard.service.pubsub;

import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.redis.Topology;

import java.util.List;

/**
 * Publishes on the Trackeep channels: chat messages on {@code P:messages:<conversationId>},
 * notifications on {@code P:notifications:<uid>}, and any payload on a named channel (the
 * Pub/Sub panel's test message). Admin events go through {@code AdminEvents}.
 *
 * <p>Every method returns how many subscriptions received the message (0 is not an error: pub/sub
 * keeps nothing for absent subscribers). While Redis is unreachable it throws a
 * {@link RedisAccessException} at once and the message is not sent, ever; a read-only profile
 * refuses to publish (kind READ_ONLY), since a message is seen by real users.
 *
 * <p>In a Cluster a message reaches every node, but PUBLISH counts only the receivers on the node
 * it ran on: the count is that, plus the channel's subscribers on every other node (PUBSUB NUMSUB,
 * asked right after). Pattern subscribers on other nodes cannot be told per channel and are not
 * counted there.
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
        if (redis.topology() != Topology.CLUSTER) {
            return RedisErrors.call("Publishing on " + channel, () -> redis.sync().publish(channel, payload));
        }
        // One named node publishes, so its own count can be told apart from the others'.
        List<String> nodes = redis.nodeAddresses();
        long received = redis.onNode(nodes.get(0), "Publishing on " + channel, r -> r.publish(channel, payload));
        try {
            for (String other : nodes.subList(1, nodes.size())) {
                received += redis.onNode(other, "Counting subscribers of " + channel,
                        r -> r.pubsubNumsub(channel).getOrDefault(channel, 0L));
            }
        } catch (RedisAccessException countingFailed) {
            // the message went out: what was counted so far is what is known
        }
        return received;
    }
}
