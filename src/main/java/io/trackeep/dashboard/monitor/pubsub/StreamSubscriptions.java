package io.trackeep.dashboard.monitor.pubsub;

import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.pubsub.DeliveryLosses;
import io.trackeep.dashboard.service.pubsub.Subscription;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

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

    static final int WARM_UP_MESSAGES = 30_000;
    static final Duration WARM_UP_BUDGET = Duration.ofSeconds(2);
    private static final AtomicBoolean WARMED = new AtomicBoolean();

    private final Subscriptions subscriptions;
    private final MessageStream stream;
    private final Map<String, Subscription> patterns = new LinkedHashMap<>();

    /**
     * Opens the pub/sub connection and, the first time in this JVM, warms the receiving path
     * (Subscriptions.warmUp into a scratch stream) before anything is subscribed; throws
     * {@link RedisAccessException} when Redis is unreachable.
     */
    public StreamSubscriptions(RedisConnections redis, MessageStream stream) {
        this.stream = Objects.requireNonNull(stream);
        this.subscriptions = new Subscriptions(redis);
        if (WARMED.compareAndSet(false, true)) {
            warmUp(subscriptions);
        }
    }

    /**
     * A cold JVM received the first seconds of a busy stream at a tenth of the warm rate (the
     * receiving code interpreted while the JIT compiled it on a shared core), so Redis's buffer
     * for the panel filled towards its limit: the code runs here first, on synthetic messages.
     */
    private static void warmUp(Subscriptions subscriptions) {
        MessageStream scratch = new MessageStream(1_000, 1 << 20);
        subscriptions.warmUp(scratch, WARM_UP_MESSAGES, WARM_UP_BUDGET);
        Instant now = Instant.now();
        for (int i = 0; i < 2_000; i++) {
            scratch.poll(true, now.plusMillis(i * 250L));
        }
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
