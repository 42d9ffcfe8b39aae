package io.trackeep.dashboard.service.pubsub;

/**
 * Receives messages of one subscription. Called on the subscriptions' single dispatch thread,
 * one message at a time in arrival order; it may call Redis, but a slow listener delays every
 * other listener of the same {@link Subscriptions}. An exception it throws is logged and
 * counted ({@link Subscription#failures()}); delivery goes on.
 */
@FunctionalInterface
public interface MessageListener {

    void onMessage(PubSubMessage message);
}
