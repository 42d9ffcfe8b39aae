package io.trackeep.dashboard.service.pubsub;

/**
 * A topic this process is subscribed to and how many local listeners share it (Redis sees one
 * subscription per topic, whatever the number of listeners).
 */
public record ActiveSubscription(Topic topic, int listeners) {
}
