package io.trackeep.dashboard.service.pubsub;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.trackeep.dashboard.service.events.AdminEvent;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Subscriptions to channels and patterns on one dedicated pub/sub connection
 * ({@link RedisConnections#newPubSub()}). Any number of listeners may share a topic; Redis is
 * subscribed once per topic.
 *
 * <p><b>Delivery.</b> Lettuce's I/O thread only queues each message (bounded,
 * {@link #DEFAULT_QUEUE_CAPACITY} by default); one dispatch thread takes them in batches and calls
 * the listeners in arrival order ({@link DeliveryQueue}). So a listener may block or call Redis
 * without stalling the connection, and a listener that throws is logged and skipped while delivery
 * continues. When listeners fall so far behind that the queue is full, new messages are dropped and
 * counted ({@link #dropped()}), which keeps memory bounded at any publish rate: the connection must
 * keep reading, because Redis closes a subscriber that reads too slowly and everything it held is
 * lost.
 *
 * <p><b>While Redis is unreachable.</b> {@link #subscribe} fails at once with a
 * {@link RedisAccessException} (kind UNREACHABLE), {@link Subscription#unsubscribe()} still
 * stops local delivery and never throws. Existing subscriptions survive: Lettuce reconnects and
 * subscribes again to every topic by itself (verified by {@code SubscriptionsTest}); a topic
 * unsubscribed during the outage is unsubscribed from Redis again when Lettuce restores it.
 * <b>Messages published while this connection is down are lost</b>: Redis pub/sub is
 * fire-and-forget, it keeps nothing for absent subscribers, and nothing here replays them.
 * {@link #isConnected()} tells a panel to say so while it lasts, and since Lettuce is usually
 * back within milliseconds, every cut is also counted as a {@link DeliveryGap}, logged, with its
 * cause as the server tells it and an estimate of the messages lost ({@link #losses()}).
 */
public final class Subscriptions implements AutoCloseable {

    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    /** The gaps {@link #losses()} lists (older ones are still counted in {@link DeliveryLosses#cuts()}). */
    public static final int GAPS_KEPT = 20;

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final KeySchema keys;
    private final StatefulRedisPubSubConnection<String, String> connection;
    // Guards topic membership and the order of SUBSCRIBE/UNSUBSCRIBE on the wire. Held only
    // while queueing commands, never while waiting for Redis (the I/O thread takes it too).
    private final Object lock = new Object();
    private final Map<Topic, TopicState> topics = new ConcurrentHashMap<>();
    private final DeliveryQueue queue;
    private final ConnectionGaps gaps;
    private volatile boolean closed;

    /** Opens the pub/sub connection; fails with a {@link RedisAccessException} if Redis is unreachable. */
    public Subscriptions(RedisConnections redis) {
        this(redis, DEFAULT_QUEUE_CAPACITY);
    }

    public Subscriptions(RedisConnections redis, int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("Queue capacity must be at least 1, got " + queueCapacity);
        }
        this.keys = redis.keys();
        this.connection = redis.newPubSub();
        this.queue = new DeliveryQueue(queueCapacity, this::deliver, this::tickGaps);
        this.connection.addListener(new Inbound());
        this.gaps = new ConnectionGaps(redis, queue, () -> Set.copyOf(topics.keySet()));
        this.connection.addListener(gaps);
        this.queue.start();
    }

    /**
     * Subscribes {@code listener} to one channel and returns once Redis confirmed the subscription.
     *
     * @throws RedisAccessException when Redis is unreachable or refuses (ACL), nothing is subscribed then
     */
    public Subscription subscribe(String channel, MessageListener listener) {
        return add(Topic.channel(channel), listener);
    }

    /** Like {@link #subscribe} for a glob pattern such as {@code tk:messages:*} (PSUBSCRIBE). */
    public Subscription subscribePattern(String pattern, MessageListener listener) {
        return add(Topic.pattern(pattern), listener);
    }

    public Subscription subscribe(Topic topic, MessageListener listener) {
        return add(topic, listener);
    }

    /**
     * Subscribes to {@code P:admin:events} and hands each event, parsed, to {@code onEvent}. A
     * payload that is not an {@link AdminEvent} is logged and skipped, never passed on.
     */
    public Subscription subscribeAdminEvents(Consumer<AdminEvent> onEvent) {
        return subscribe(keys.adminEventsChannel(), message -> {
            AdminEvent event;
            try {
                event = Json.read(message.payload(), AdminEvent.class);
            } catch (Json.MalformedJsonException e) {
                log.warn("Ignoring a malformed admin event on {}: {}", message.channel(), e.getMessage());
                return;
            }
            onEvent.accept(event);
        });
    }

    /** The topics subscribed now, sorted by name. */
    public List<ActiveSubscription> active() {
        List<ActiveSubscription> result = new ArrayList<>();
        topics.forEach((topic, state) -> result.add(new ActiveSubscription(topic, state.listeners.size())));
        result.sort(Comparator.comparing(ActiveSubscription::topic));
        return List.copyOf(result);
    }

    /** False while the pub/sub connection is down (messages published meanwhile are lost). */
    public boolean isConnected() {
        return !closed && connection.isOpen();
    }

    /** Messages dropped because listeners were too slow and the queue was full, since creation. */
    public long dropped() {
        return queue.dropped();
    }

    /** Messages received and not yet handed to listeners. */
    public int backlog() {
        return queue.backlog();
    }

    /**
     * What was not delivered since these subscriptions were opened: messages dropped here (exact)
     * and the gaps of the connection, each with its cause and an estimate of the messages lost.
     */
    public DeliveryLosses losses() {
        return gaps.losses(queue.dropped(), Instant.now());
    }

    /**
     * Runs about {@code messages} synthetic messages through the receiving path into
     * {@code listener}: Lettuce's pub/sub decoder (fed in memory, nothing is sent to Redis), the
     * queue and the dispatch thread, so that the JIT has compiled them before real traffic
     * arrives. Call before subscribing; blocks until they are delivered or {@code budget} is
     * spent. They count nowhere else: not in the arrivals, the losses, nor for other listeners.
     */
    public void warmUp(MessageListener listener, int messages, Duration budget) {
        Topic warm = Topic.pattern(ReceivingWarmUp.PATTERN);
        Subscription scratch = new Subscription(warm, listener, this);
        TopicState state = new TopicState(CompletableFuture.completedFuture(null));
        state.listeners.add(scratch);
        long droppedBefore = queue.dropped();
        long deadline = System.nanoTime() + budget.toNanos();
        topics.put(warm, state); // here only: never subscribed on Redis
        try {
            ReceivingWarmUp.run(new Inbound(), Math.min(messages, queue.capacity() / 2), budget);
            while (backlog() > 0 && System.nanoTime() < deadline && !closed) {
                LockSupport.parkNanos(DeliveryQueue.POLL_NANOS);
            }
        } finally {
            scratch.deactivate();
            topics.remove(warm);
            gaps.forget(warm);
            queue.forgetArrivals(droppedBefore);
        }
    }

    /** The pub/sub connection itself, for tests that hold up its I/O thread to make Redis cut it. */
    StatefulRedisPubSubConnection<String, String> connection() { return connection; }

    /** Ends every subscription, stops the dispatch thread and closes the connection. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            topics.values().forEach(state -> state.listeners.forEach(Subscription::deactivate));
            topics.clear();
        }
        gaps.close();
        queue.close();
        connection.close();
    }

    private Subscription add(Topic topic, MessageListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        Subscription subscription = new Subscription(topic, listener, this);
        CompletableFuture<Void> confirmed;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("Subscriptions are closed");
            }
            // Registered before SUBSCRIBE is sent, so no message after the confirmation is missed.
            TopicState state = topics.computeIfAbsent(topic, t -> new TopicState(sendSubscribe(t)));
            state.listeners.add(subscription);
            confirmed = state.confirmed;
        }
        try {
            RedisErrors.call("Subscribing to " + topic, confirmed::join);
        } catch (RedisAccessException e) {
            subscription.unsubscribe();
            throw e;
        }
        return subscription;
    }

    void remove(Subscription subscription) {
        synchronized (lock) {
            if (!subscription.deactivate()) {
                return;
            }
            TopicState state = topics.get(subscription.topic());
            if (state == null) {
                return;
            }
            state.listeners.remove(subscription);
            if (state.listeners.isEmpty()) {
                topics.remove(subscription.topic());
                gaps.forget(subscription.topic());
                if (!closed) {
                    sendUnsubscribe(subscription.topic());
                }
            }
        }
    }

    private CompletableFuture<Void> sendSubscribe(Topic topic) {
        try {
            return (topic.pattern()
                    ? connection.async().psubscribe(topic.name())
                    : connection.async().subscribe(topic.name())).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // e.g. the connection is already closed
        }
    }

    private void sendUnsubscribe(Topic topic) {
        // Not awaited: local delivery has already stopped. If Redis is down the command is
        // rejected, and reconcile() unsubscribes again when Lettuce restores the topic.
        try {
            (topic.pattern()
                    ? connection.async().punsubscribe(topic.name())
                    : connection.async().unsubscribe(topic.name()))
                    .exceptionally(e -> {
                        log.debug("Unsubscribing from {} failed: {}", topic, e.getMessage());
                        return null;
                    });
        } catch (RuntimeException e) {
            log.debug("Unsubscribing from {} failed: {}", topic, e.getMessage());
        }
    }

    /** Runs on the I/O thread for each SUBSCRIBE confirmation, including Lettuce's own after a reconnect. */
    private void reconcile(Topic topic) {
        gaps.confirmed(topic);
        synchronized (lock) {
            if (!closed && !topics.containsKey(topic)) {
                sendUnsubscribe(topic);
            }
        }
    }

    /** On the dispatch thread, now and then: closes the estimate of a gap that is over. */
    private void tickGaps() {
        gaps.tick(Instant.now());
    }

    /** On the dispatch thread: each listener of the message's topic, in the order they subscribed. */
    private void deliver(PubSubMessage message) {
        TopicState state = topics.get(message.topic());
        if (state != null) {
            for (Subscription s : state.listeners) {
                s.deliver(message);
            }
        }
    }

    /** The listeners of one topic and the confirmation of its SUBSCRIBE. */
    private static final class TopicState {
        final List<Subscription> listeners = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> confirmed;

        TopicState(CompletableFuture<Void> confirmed) {
            this.confirmed = confirmed;
        }
    }

    /** Lettuce's callbacks, on its I/O thread: queue and return. */
    private final class Inbound extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String channel, String message) {
            queue.offer(new PubSubMessage(channel, null, message, Instant.now()));
        }

        @Override
        public void message(String pattern, String channel, String message) {
            queue.offer(new PubSubMessage(channel, pattern, message, Instant.now()));
        }

        @Override
        public void subscribed(String channel, long count) {
            reconcile(Topic.channel(channel));
        }

        @Override
        public void psubscribed(String pattern, long count) {
            reconcile(Topic.pattern(pattern));
        }
    }
}
