package io.trackeep.dashboard.service.pubsub;

import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Redis knows about pub/sub right now, for the Pub/Sub panel: channels that have
 * subscribers and how many (PUBSUB CHANNELS / NUMSUB / NUMPAT), on the shared command
 * connection. All methods throw {@link RedisAccessException} when Redis is unreachable or the
 * ACL user may not run PUBSUB. In a Cluster, the answers are those of the node asked.
 */
public final class ChannelDirectory {

    private final RedisConnections redis;

    public ChannelDirectory(RedisConnections redis) {
        this.redis = redis;
    }

    /** Channels with at least one channel subscriber matching {@code pattern} (glob), sorted. Pattern-only listeners do not count. */
    public List<String> channels(String pattern) {
        return RedisErrors.call("Listing channels " + pattern,
                () -> redis.sync().pubsubChannels(pattern).stream().sorted().toList());
    }

    /** Channel subscribers (not pattern subscribers) of each channel, in channel order; 0 for a channel nobody listens to. */
    public Map<String, Long> subscriberCounts(Collection<String> channels) {
        if (channels.isEmpty()) {
            return Map.of();
        }
        return RedisErrors.call("Counting subscribers",
                () -> Collections.unmodifiableSortedMap(new TreeMap<>(redis.sync().pubsubNumsub(channels.toArray(String[]::new)))));
    }

    /** Pattern subscriptions across all clients (PUBSUB NUMPAT). */
    public long patternSubscriptions() {
        return RedisErrors.call("Counting pattern subscriptions", () -> redis.sync().pubsubNumpat());
    }
}
