package io.trackeep.dashboard.service.pubsub;

import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What Redis knows about pub/sub right now, for the Pub/Sub panel: channels that have
 * subscribers and how many (PUBSUB CHANNELS / NUMSUB / NUMPAT), on the shared command
 * connection. All methods throw {@link RedisAccessException} when Redis is unreachable or the
 * ACL user may not run PUBSUB. In a Cluster each node knows only its own subscribers (a client
 * subscribes on any node, a message reaches every node): the channels are the union, and the
 * counts the sums, over every node.
 */
public final class ChannelDirectory {

    private final RedisConnections redis;

    public ChannelDirectory(RedisConnections redis) {
        this.redis = redis;
    }

    /** Channels with at least one channel subscriber matching {@code pattern} (glob), sorted. Pattern-only listeners do not count. */
    public List<String> channels(String pattern) {
        Set<String> channels = new TreeSet<>();
        redis.onEveryNode("Listing channels " + pattern, r -> r.pubsubChannels(pattern)).values().forEach(channels::addAll);
        return List.copyOf(channels);
    }

    /** Channel subscribers (not pattern subscribers) of each channel, in channel order; 0 for a channel nobody listens to. */
    public Map<String, Long> subscriberCounts(Collection<String> channels) {
        if (channels.isEmpty()) {
            return Map.of();
        }
        SortedMap<String, Long> sums = new TreeMap<>();
        for (Map<String, Long> counts : redis.onEveryNode("Counting subscribers",
                r -> r.pubsubNumsub(channels.toArray(String[]::new))).values()) {
            counts.forEach((channel, n) -> sums.merge(channel, n, Long::sum));
        }
        return Collections.unmodifiableSortedMap(sums);
    }

    /** Pattern subscriptions across all clients (PUBSUB NUMPAT). */
    public long patternSubscriptions() {
        return redis.onEveryNode("Counting pattern subscriptions", r -> r.pubsubNumpat()).values().stream()
                .mapToLong(Long::longValue).sum();
    }
}
