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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Subscriptions to channels and patterns on one dedicated pub/sub connection
 * ({@link RedisConnections#newPubSub()}). Any number of listeners may share a topic; Redis is
 * subscribed once per topic.
 *
 * <p><b>Delivery.</b> Lettuce's I/O thread only queues each message (bounded,
 * {@link #DEFAULT_QUEUE_CAPACITY} by default); one dispatch thread takes them in batches and calls
 * the listeners in arrival order. So a listener may block or call Redis without stalling the
 * connection, and a listener that throws is logged and skipped while delivery continues. When
 * listeners fall so far behind that the queue is full, new messages are dropped and counted
 * ({@link #dropped()}), which keeps memory bounded at any publish rate: the connection must keep
 * reading, because Redis closes a subscriber that reads too slowly (its output buffer for it past
 * {@code client-output-buffer-limit pubsub}, 32 MB by default) and everything it held is lost. The
 * I/O thread wakes the dispatch thread only after a quiet spell; under traffic the dispatch thread
 * looks for new messages every {@link #POLL_NANOS} ns, so queueing a message costs no system call.
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
    /** How often the dispatch thread looks for messages while they flow. */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Empty looks after which the dispatch thread sleeps until woken (about 50 ms without a message). */
    private static final int POLLS_BEFORE_SLEEP = 50;
    /** Rough RESP framing around a message's channel, pattern and payload. */
    private static final int FRAMING_BYTES = 40;

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final KeySchema keys;
    private final StatefulRedisPubSubConnection<String, String> connection;
    // Guards topic membership and the order of SUBSCRIBE/UNSUBSCRIBE on the wire. Held only
    // while queueing commands, never while waiting for Redis (the I/O thread takes it too).
    private final Object lock = new Object();
    private final Map<Topic, TopicState> topics = new ConcurrentHashMap<>();
    private final int capacity;
    // The queue between Lettuce's I/O thread (adds) and the dispatch thread (takes the whole list
    // at once, swapping in an empty one); both, and the arrival counts, guarded by inboxLock.
    private final Object inboxLock = new Object();
    private ArrayList<PubSubMessage> inbox = new ArrayList<>();
    private ArrayList<PubSubMessage> spare = new ArrayList<>(); // dispatch thread only
    private long queued; // messages queued since creation (inboxLock)
    private long arrived; // messages arrived, queued or dropped (inboxLock)
    private long arrivedChars; // their channel, pattern and payload lengths (inboxLock)
    private final RateSlots rate = new RateSlots(); // inboxLock
    private final AtomicLong handed = new AtomicLong(); // messages the dispatch thread has taken
    private final AtomicLong dropped = new AtomicLong();
    private final Thread dispatcher;
    private final ConnectionGaps gaps;
    private volatile boolean dispatcherAsleep;
    private volatile boolean overflowing;
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
        this.capacity = queueCapacity;
        this.connection = redis.newPubSub();
        this.connection.addListener(new Inbound());
        this.gaps = new ConnectionGaps(redis, new Arrivals(), () -> Set.copyOf(topics.keySet()));
        this.connection.addListener(gaps);
        this.dispatcher = new Thread(this::dispatchLoop, "pubsub-dispatch");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
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
        return dropped.get();
    }

    /** Messages received and not yet handed to listeners. */
    public int backlog() {
        synchronized (inboxLock) {
            return (int) (queued - handed.get());
        }
    }

    /**
     * What was not delivered since these subscriptions were opened: messages dropped here (exact)
     * and the gaps of the connection, each with its cause and an estimate of the messages lost.
     */
    public DeliveryLosses losses() {
        return gaps.losses(dropped.get(), Instant.now());
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
        long droppedBefore = dropped.get();
        long deadline = System.nanoTime() + budget.toNanos();
        topics.put(warm, state); // here only: never subscribed on Redis
        try {
            ReceivingWarmUp.run(new Inbound(), Math.min(messages, capacity / 2), budget);
            while (backlog() > 0 && System.nanoTime() < deadline && !closed) {
                LockSupport.parkNanos(POLL_NANOS);
            }
        } finally {
            scratch.deactivate();
            topics.remove(warm);
            gaps.forget(warm);
            synchronized (inboxLock) {
                arrived = 0;
                arrivedChars = 0;
                rate.clear();
            }
            dropped.set(droppedBefore);
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
        dispatcher.interrupt();
        LockSupport.unpark(dispatcher);
        if (Thread.currentThread() != dispatcher) { // a listener may close us
            try {
                dispatcher.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (inboxLock) {
            inbox.clear();
        }
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

    /** On Lettuce's I/O thread: queue, count, and wake the dispatch thread only if it sleeps. */
    private void enqueue(PubSubMessage message) {
        int length = message.channel().length() + message.payload().length()
                + (message.pattern() == null ? 0 : message.pattern().length());
        long backlog;
        synchronized (inboxLock) {
            arrived++;
            arrivedChars += length;
            rate.count(message.receivedAt().toEpochMilli());
            backlog = queued - handed.get();
            if (backlog < capacity) {
                inbox.add(message);
                queued++;
            }
        }
        if (backlog < capacity) {
            overflowing = false;
            if (dispatcherAsleep) {
                LockSupport.unpark(dispatcher);
            }
            return;
        }
        dropped.incrementAndGet();
        if (!overflowing) {
            overflowing = true;
            log.warn("Pub/sub listeners are too slow: dropping messages until they catch up ({} queued)", backlog);
        }
    }

    private void dispatchLoop() {
        int emptyPolls = 0;
        long lastTick = 0;
        while (!closed) {
            ArrayList<PubSubMessage> batch = null;
            synchronized (inboxLock) {
                if (!inbox.isEmpty()) {
                    batch = inbox;
                    inbox = spare;
                }
            }
            long now = System.nanoTime();
            if (now - lastTick > TimeUnit.MILLISECONDS.toNanos(100)) {
                lastTick = now;
                gaps.tick(Instant.now());
            }
            if (batch == null) {
                if (++emptyPolls < POLLS_BEFORE_SLEEP) {
                    LockSupport.parkNanos(POLL_NANOS);
                } else {
                    sleepUntilWoken();
                    emptyPolls = 0;
                }
                continue;
            }
            emptyPolls = 0;
            for (PubSubMessage message : batch) {
                handed.lazySet(handed.get() + 1); // taken off the queue; only this thread writes it
                TopicState state = topics.get(message.topic());
                if (state != null) {
                    for (Subscription s : state.listeners) {
                        s.deliver(message);
                    }
                }
            }
            batch.clear();
            spare = batch;
        }
    }

    /** Parks until the I/O thread queues a message (or 100 ms pass, for the gap accounting). */
    private void sleepUntilWoken() {
        dispatcherAsleep = true;
        try {
            synchronized (inboxLock) {
                if (!inbox.isEmpty()) {
                    return; // queued between the last look and dispatcherAsleep
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        } finally {
            dispatcherAsleep = false;
        }
    }

    /** Counts of arrivals per quarter second (256 ms), for the rate just before a gap. */
    private static final class RateSlots {
        private static final int SLOTS = 8;
        private final long[] slot = new long[SLOTS];
        private final long[] count = new long[SLOTS];

        void count(long epochMillis) {
            long s = epochMillis >> 8;
            int i = (int) (s & (SLOTS - 1));
            if (slot[i] != s) {
                slot[i] = s;
                count[i] = 0;
            }
            count[i]++;
        }

        void clear() {
            java.util.Arrays.fill(count, 0);
        }

        /** Messages per second over the current quarter and the three before it. */
        double perSecond(long epochMillis) {
            long now = epochMillis >> 8;
            long n = 0;
            for (int i = 0; i < SLOTS; i++) {
                if (slot[i] > now - 4 && slot[i] <= now) {
                    n += count[i];
                }
            }
            long spanMillis = epochMillis - ((now - 3) << 8);
            return n * 1000.0 / Math.max(1, spanMillis);
        }
    }

    /** The arrival counts, for the gap accounting. */
    private final class Arrivals implements ConnectionGaps.Arrivals {
        @Override
        public long count() {
            synchronized (inboxLock) {
                return arrived;
            }
        }

        @Override
        public double recentRate() {
            synchronized (inboxLock) {
                return rate.perSecond(System.currentTimeMillis());
            }
        }

        @Override
        public double bytesPerMessage() {
            synchronized (inboxLock) {
                return arrived == 0 ? 0 : (double) arrivedChars / arrived + FRAMING_BYTES;
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
            enqueue(new PubSubMessage(channel, null, message, Instant.now()));
        }

        @Override
        public void message(String pattern, String channel, String message) {
            enqueue(new PubSubMessage(channel, pattern, message, Instant.now()));
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
