package io.trackeep.dashboard.service.pubsub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The bounded queue between Lettuce's I/O thread, which only adds ({@link #offer}), and one
 * {@code pubsub-dispatch} thread, which takes the messages in batches and hands each to
 * {@code deliver} in arrival order. So a listener may block or call Redis without stalling the
 * connection. When {@code deliver} falls so far behind that {@code capacity} messages wait, new
 * ones are dropped and counted ({@link #dropped()}), which keeps memory bounded at any publish
 * rate: the connection must keep reading, because Redis closes a subscriber that reads too slowly
 * (its output buffer for it past {@code client-output-buffer-limit pubsub}, 32 MB by default) and
 * everything it held is lost. The I/O thread wakes the dispatch thread only after a quiet spell;
 * under traffic the dispatch thread looks for new messages every {@link #POLL_NANOS} ns, so
 * queueing a message costs no system call.
 *
 * <p>It also counts what arrives, queued or dropped, for the gap accounting
 * ({@link ConnectionGaps.Arrivals}), and runs {@code tick} about every 100 ms on the dispatch
 * thread.
 */
final class DeliveryQueue implements ConnectionGaps.Arrivals {

    /** How often the dispatch thread looks for messages while they flow. */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Empty looks after which the dispatch thread sleeps until woken (about 50 ms without a message). */
    private static final int POLLS_BEFORE_SLEEP = 50;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Rough RESP framing around a message's channel, pattern and payload. */
    private static final int FRAMING_BYTES = 40;

    // Subscriptions' logger, as before this class was split from it: the same log lines.
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final int capacity;
    private final Consumer<PubSubMessage> deliver;
    private final Runnable tick;
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
    private volatile boolean dispatcherAsleep;
    private volatile boolean overflowing;
    private volatile boolean closed;

    /**
     * @param deliver runs on the dispatch thread for each message, in arrival order
     * @param tick    runs on the dispatch thread about every 100 ms, messages or not
     */
    DeliveryQueue(int capacity, Consumer<PubSubMessage> deliver, Runnable tick) {
        this.capacity = capacity;
        this.deliver = deliver;
        this.tick = tick;
        this.dispatcher = new Thread(this::dispatchLoop, "pubsub-dispatch");
        this.dispatcher.setDaemon(true);
    }

    /** Starts the dispatch thread. */
    void start() {
        dispatcher.start();
    }

    int capacity() {
        return capacity;
    }

    /** On Lettuce's I/O thread: queue, count, and wake the dispatch thread only if it sleeps. */
    void offer(PubSubMessage message) {
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

    /** Messages dropped because the queue was full, since creation. */
    long dropped() {
        return dropped.get();
    }

    /** Messages queued and not yet handed to {@code deliver}. */
    int backlog() {
        synchronized (inboxLock) {
            return (int) (queued - handed.get());
        }
    }

    /** Forgets what arrived so far and the drops beyond {@code droppedBefore}: a warm-up's messages count nowhere. */
    void forgetArrivals(long droppedBefore) {
        synchronized (inboxLock) {
            arrived = 0;
            arrivedChars = 0;
            rate.clear();
        }
        dropped.set(droppedBefore);
    }

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

    /** Stops the dispatch thread (waiting for it unless {@code deliver} itself closes) and drops what waits. */
    void close() {
        closed = true;
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
            if (now - lastTick > TICK_NANOS) {
                lastTick = now;
                tick.run();
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
                deliver.accept(message);
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
            LockSupport.parkNanos(TICK_NANOS);
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
            Arrays.fill(count, 0);
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
}
