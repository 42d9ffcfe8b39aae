package io.trackeep.dashboard.monitor.pubsub;

import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.pubsub.DeliveryLosses;
import io.trackeep.dashboard.service.pubsub.Subscription;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Pub/Sub panel's pattern subscriptions on one connection: its own {@link Subscriptions}
 * (a dedicated pub/sub connection with a bounded queue and one dispatch thread) feeding one
 * {@link MessageStream}. Blocking (opening, subscribing): never on the FX thread. Thread-safe.
 *
 * <p>While Redis is unreachable, {@link #subscribe} fails with {@link RedisAccessException} and
 * nothing is subscribed; patterns subscribed before survive, since Lettuce subscribes them again
 * when it reconnects, but messages published meanwhile are lost ({@link #connected()} tells while
 * it lasts, {@link #losses()} counts every cut and estimates what it cost).
 */
public final class StreamSubscriptions implements AutoCloseable {

    private final Subscriptions subscriptions;
    private final MessageStream stream;
    private final Map<String, Subscription> patterns = new LinkedHashMap<>();

    /** Opens the pub/sub connection; throws {@link RedisAccessException} when Redis is unreachable. */
    public StreamSubscriptions(RedisConnections redis, MessageStream stream) {
        this.stream = Objects.requireNonNull(stream);
        this.subscriptions = new Subscriptions(redis);
    }

    /** The patterns the panel starts with: chat messages, notifications and admin events. */
    public static List<String> defaultPatterns(KeySchema keys) {
        return List.of(keys.messagesChannelPattern(), keys.notificationsChannelPattern(), keys.adminEventsChannel());
    }

    /** PSUBSCRIBEs {@code pattern} (a glob; a plain channel name matches just that channel); idempotent. */
    public void subscribe(String pattern) {
        synchronized (this) {
            if (patterns.containsKey(pattern)) {
                return;
            }
        }
        Subscription s = subscriptions.subscribePattern(pattern, stream);
        synchronized (this) {
            if (patterns.putIfAbsent(pattern, s) == null) {
                return;
            }
        }
        s.unsubscribe(); // subscribed twice concurrently: keep one
    }

    /** Stops listening to {@code pattern}; never throws. */
    public void unsubscribe(String pattern) {
        Subscription s;
        synchronized (this) {
            s = patterns.remove(pattern);
        }
        if (s != null) {
            s.unsubscribe();
        }
    }

    public synchronized List<String> patterns() {
        return List.copyOf(patterns.keySet());
    }

    /** False while the pub/sub connection is down (messages published meanwhile are lost). */
    public boolean connected() {
        return subscriptions.isConnected();
    }

    /** Messages dropped because the stream could not keep up (the subscriptions' queue was full). */
    public long dropped() {
        return subscriptions.dropped();
    }

    /** Messages dropped here and the cuts of the pub/sub connection, with what they cost. */
    public DeliveryLosses losses() {
        return subscriptions.losses();
    }

    @Override
    public void close() {
        synchronized (this) {
            patterns.clear();
        }
        subscriptions.close();
    }
}
