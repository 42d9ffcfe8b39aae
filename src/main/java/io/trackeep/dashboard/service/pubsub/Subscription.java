package io.trackeep.dashboard.service.pubsub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One listener on one {@link Topic}, as returned by {@link Subscriptions#subscribe}. Closing it
 * (or {@link #unsubscribe()}) stops delivery to this listener at once; Redis is unsubscribed
 * when the last listener of the topic goes.
 */
public final class Subscription implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);

    private final Topic topic;
    private final MessageListener listener;
    private final Subscriptions owner;
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    Subscription(Topic topic, MessageListener listener, Subscriptions owner) {
        this.topic = topic;
        this.listener = listener;
        this.owner = owner;
    }

    public Topic topic() { return topic; }

    public boolean isActive() {
        return active.get();
    }

    /** Messages handed to the listener (including those it failed on). */
    public long delivered() {
        return delivered.get();
    }

    /** Messages on which the listener threw. */
    public long failures() {
        return failures.get();
    }

    /** Stops delivery to this listener; never throws, also not while Redis is down. Idempotent. */
    public void unsubscribe() {
        owner.remove(this);
    }

    @Override
    public void close() {
        unsubscribe();
    }

    /** Marks this subscription inactive; true only for the first call. */
    boolean deactivate() {
        return active.compareAndSet(true, false);
    }

    void deliver(PubSubMessage message) {
        if (!active.get()) {
            return; // unsubscribed while the message waited in the queue
        }
        delivered.incrementAndGet();
        try {
            listener.onMessage(message);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            // One broken listener must not starve the others; the first failure is loud, the
            // rest quiet so that a listener failing on every message does not flood the log.
            // The payload is not logged: it may carry personal data.
            if (failures.getAndIncrement() == 0) {
                log.warn("Listener on {} failed; it stays subscribed and later failures are logged at debug level", topic, e);
            } else {
                log.debug("Listener on {} failed again", topic, e);
            }
        }
    }
}
