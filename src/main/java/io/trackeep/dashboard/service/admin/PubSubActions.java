package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.service.pubsub.ChannelDirectory;
import io.trackeep.dashboard.service.pubsub.JsonPayload;
import io.trackeep.dashboard.service.pubsub.MessagePublisher;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Pub/Sub panel's test message, as an audited admin action: real users subscribed to the
 * channel see it, so it is confirmed like any other change and written to the audit trail.
 *
 * <p>The payload must be exactly one JSON value (the Trackeep channels carry JSON) and the channel
 * a plain name, not a pattern; both are checked while planning ({@link IllegalArgumentException}),
 * before anything is asked or sent. Planning also counts the channel's subscribers for the
 * question; if Redis refuses PUBSUB (ACL) the question simply leaves the count out. Publishing
 * throws {@link RedisAccessException} when Redis fails; a message that was not published is never
 * retried (pub/sub keeps nothing).
 */
public final class PubSubActions {

    public static final String PUBLISH_TEST = "pubsub.publish-test";

    private final RedisConnections redis;

    public PubSubActions(RedisConnections redis) {
        this.redis = Objects.requireNonNull(redis);
    }

    /**
     * Checks a channel name for publishing.
     *
     * @throws IllegalArgumentException when it is empty, has white space at its ends or glob characters
     */
    public static String requireChannel(String channel) {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("Enter a channel name, e.g. tk:messages:test");
        }
        if (!channel.strip().equals(channel)) {
            throw new IllegalArgumentException("The channel name starts or ends with white space");
        }
        if (channel.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
            throw new IllegalArgumentException("Publish to one channel, not a pattern: remove *, ? and [ from \"" + channel + "\"");
        }
        return channel;
    }

    /**
     * Publishes {@code payload} on {@code channel}; the value is the number of subscriptions that received it.
     *
     * @throws IllegalArgumentException when the channel or the payload is not acceptable (see {@link #requireChannel}, {@link JsonPayload#require})
     */
    public ActionPlan<Long> publishTest(String channel, String payload) {
        requireChannel(channel);
        JsonPayload.require(payload);
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        List<String> effects = new ArrayList<>();
        effects.add("Publishes " + String.format(Locale.ROOT, "%,d", bytes) + " bytes of JSON on " + channel + " (PUBLISH)");
        effects.add(audience(channel));
        if (!channel.startsWith(redis.keys().prefix() + ":")) {
            effects.add("The channel is outside the Trackeep prefix " + redis.keys().prefix() + ": another application may read it");
        }
        return new ActionPlan<>(PUBLISH_TEST, channel,
                "Publish a test message on " + channel + "?",
                effects,
                "Publish",
                () -> new MessagePublisher(redis).publish(channel, payload),
                receivers -> "Published a test message on " + channel + ": received by "
                        + receivers + (receivers == 1 ? " subscription" : " subscriptions"));
    }

    private String audience(String channel) {
        try {
            ChannelDirectory directory = new ChannelDirectory(redis);
            long subscribers = directory.subscriberCounts(List.of(channel)).getOrDefault(channel, 0L);
            long patterns = directory.patternSubscriptions();
            return "Reaches " + subscribers + (subscribers == 1 ? " channel subscriber" : " channel subscribers")
                    + " and every matching pattern subscriber (" + patterns + " pattern "
                    + (patterns == 1 ? "subscription" : "subscriptions") + " on this server); real users may see it";
        } catch (RedisAccessException e) {
            if (e.isUnavailable()) {
                throw e;
            }
            return "Reaches every subscriber of the channel and of matching patterns; real users may see it";
        }
    }
}
