package io.trackeep.dashboard.monitor.pubsub;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.service.pubsub.ChannelDirectory;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Subscriber counts of the Trackeep channels ({@code P:*}): PUBSUB CHANNELS, then NUMSUB in
 * chunks of {@value #NUMSUB_CHUNK}, then NUMPAT. Redis keeps no list of channels nobody listens
 * to, so a channel appears here only while someone is subscribed to it by name; the dashboard's
 * own pattern subscriptions count in {@link ChannelsSnapshot#patternSubscriptions()} only.
 *
 * <p>At most {@value #MAX_CHANNELS} channels are kept (by name), so memory and the NUMSUB work stay
 * bounded with one notification channel per user. Stateless; throws
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis fails or the ACL
 * user may not run PUBSUB.
 */
public final class ChannelsProbe implements Probe<ChannelsSnapshot> {

    public static final int MAX_CHANNELS = 1000;
    static final int NUMSUB_CHUNK = 200;

    /** The {@code channels} section of {@code snapshot}. */
    public static ChannelsSnapshot collectOnce(RedisConnections redis) {
        return new ChannelsProbe().collect(redis);
    }

    @Override
    public ChannelsSnapshot collect(RedisConnections redis) {
        ChannelDirectory directory = new ChannelDirectory(redis);
        List<String> names = directory.channels(redis.keys().allChannelsPattern());
        boolean truncated = names.size() > MAX_CHANNELS;
        List<String> kept = truncated ? names.subList(0, MAX_CHANNELS) : names;
        List<ChannelCount> counts = new ArrayList<>(kept.size());
        for (int from = 0; from < kept.size(); from += NUMSUB_CHUNK) {
            List<String> chunk = kept.subList(from, Math.min(kept.size(), from + NUMSUB_CHUNK));
            Map<String, Long> numsub = directory.subscriberCounts(chunk);
            for (String channel : chunk) {
                counts.add(new ChannelCount(channel, numsub.getOrDefault(channel, 0L)));
            }
        }
        return new ChannelsSnapshot(counts, directory.patternSubscriptions(), truncated, Instant.now());
    }
}
