package io.trackeep.dashboard.service.pubsub;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.events.AdminEvent;
import io.trackeep.dashboard.service.events.AdminEvents;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class SubscriptionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A chat message as a backend would publish it. */
    record ChatMessage(long id, String conversationId, long senderId, String body) {
    }

    @Test
    void channelSubscriberReceivesPublishedChatMessage(RedisConnections redis) throws Exception {
        KeySchema keys = redis.keys();
        BlockingQueue<PubSubMessage> received = new LinkedBlockingQueue<>();
        try (Subscriptions subscriptions = new Subscriptions(redis)) {
            subscriptions.subscribe(keys.messagesChannel("c1"), received::add);
            Instant before = Instant.now();

            long receivers = new MessagePublisher(redis).publishChatMessage("c1", new ChatMessage(7, "c1", 42, "hi"));

            assertThat(receivers).isEqualTo(1);
            PubSubMessage m = received.poll(10, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.channel()).isEqualTo("tk:messages:c1");
            assertThat(m.pattern()).isNull();
            assertThat(m.topic()).isEqualTo(Topic.channel("tk:messages:c1"));
            assertThat(Json.read(m.payload(), ChatMessage.class)).isEqualTo(new ChatMessage(7, "c1", 42, "hi"));
            assertThat(m.receivedAt()).isBetween(before, Instant.now());
        }
    }

    @Test
    void patternSubscriberSeesChannelAndPattern(RedisConnections redis) throws Exception {
        KeySchema keys = redis.keys();
        BlockingQueue<PubSubMessage> received = new LinkedBlockingQueue<>();
        try (Subscriptions subscriptions = new Subscriptions(redis)) {
            subscriptions.subscribePattern(keys.notificationsChannelPattern(), received::add);

            new MessagePublisher(redis).publishNotification(42, Map.of("type", "reminder", "id", 5));
            new MessagePublisher(redis).publishChatMessage("c1", Map.of("body", "not a notification"));

            PubSubMessage m = received.poll(10, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.channel()).isEqualTo("tk:notifications:42");
            assertThat(m.pattern()).isEqualTo("tk:notifications:*");
            assertThat(Json.tree(m.payload()).get("type").asText()).isEqualTo("reminder");
            assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("chat message does not match the pattern").isNull();
        }
    }

    @Test
    void adminEventsArriveTypedAndMalformedOnesAreSkipped(RedisConnections redis) throws Exception {
        BlockingQueue<AdminEvent> events = new LinkedBlockingQueue<>();
        try (Subscriptions subscriptions = new Subscriptions(redis)) {
            subscriptions.subscribeAdminEvents(events::add);

            redis.sync().publish(redis.keys().adminEventsChannel(), "{not json");
            new AdminEvents(redis).publish(AdminEvent.of(AdminEvent.SESSION_KILLED, "sid-1", "admin@ws1", Map.of("user_id", 42)));

            AdminEvent e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.type()).isEqualTo("session.killed");
            assertThat(e.target()).isEqualTo("sid-1");
            assertThat(e.details()).containsEntry("user_id", 42);
            assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aThrowingListenerNeitherStopsItsOwnDeliveryNorOthers(RedisConnections redis) {
        String channel = redis.keys().messagesChannel("c1");
        List<String> good = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Subscriptions subscriptions = new Subscriptions(redis)) {
            Subscription bad = subscriptions.subscribe(channel, m -> {
                throw new IllegalStateException("listener bug");
            });
            subscriptions.subscribe(channel, m -> good.add(m.payload()));

            for (int i = 0; i < 3; i++) {
                redis.sync().publish(channel, "{\"n\":" + i + "}");
            }

            WaitFor.condition(WAIT, "three deliveries", () -> good.size() == 3 && bad.failures() == 3);
            assertThat(good).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
            assertThat(bad.delivered()).isEqualTo(3);
            assertThat(bad.isActive()).isTrue();
        }
    }

    @Test
    void unsubscribeStopsDeliveryAndLastListenerUnsubscribesRedis(RedisConnections redis) throws Exception {
        String channel = redis.keys().messagesChannel("c1");
        ChannelDirectory directory = new ChannelDirectory(redis);
        BlockingQueue<String> first = new LinkedBlockingQueue<>();
        BlockingQueue<String> second = new LinkedBlockingQueue<>();
        try (Subscriptions subscriptions = new Subscriptions(redis)) {
            Subscription a = subscriptions.subscribe(channel, m -> first.add(m.payload()));
            Subscription b = subscriptions.subscribe(channel, m -> second.add(m.payload()));
            assertThat(subscriptions.active()).containsExactly(new ActiveSubscription(Topic.channel(channel), 2));
            assertThat(directory.subscriberCounts(List.of(channel))).containsEntry(channel, 1L);

            a.unsubscribe();
            a.unsubscribe(); // idempotent
            redis.sync().publish(channel, "after-a");
            assertThat(second.poll(10, TimeUnit.SECONDS)).isEqualTo("after-a");
            assertThat(first).isEmpty();
            assertThat(subscriptions.active()).containsExactly(new ActiveSubscription(Topic.channel(channel), 1));

            b.close();
            assertThat(subscriptions.active()).isEmpty();
            WaitFor.condition(WAIT, "Redis to drop the subscription",
                    () -> directory.subscriberCounts(List.of(channel)).get(channel) == 0L);
            assertThat(redis.sync().publish(channel, "nobody")).isZero();
        }
    }

    @Test
    void channelDirectoryCountsSubscribers(RedisConnections redis) {
        KeySchema keys = redis.keys();
        ChannelDirectory directory = new ChannelDirectory(redis);
        try (Subscriptions subscriptions = new Subscriptions(redis)) {
            subscriptions.subscribe(keys.messagesChannel("c2"), m -> { });
            subscriptions.subscribe(keys.messagesChannel("c1"), m -> { });
            subscriptions.subscribe(keys.notificationsChannel(7), m -> { });
            subscriptions.subscribePattern(keys.messagesChannelPattern(), m -> { });

            assertThat(directory.channels(keys.messagesChannelPattern())).containsExactly("tk:messages:c1", "tk:messages:c2");
            assertThat(directory.channels(keys.allChannelsPattern())).hasSize(3);
            assertThat(directory.subscriberCounts(List.of("tk:messages:c1", "tk:messages:none")))
                    .containsExactly(Map.entry("tk:messages:c1", 1L), Map.entry("tk:messages:none", 0L));
            assertThat(directory.subscriberCounts(List.of())).isEmpty();
            assertThat(directory.patternSubscriptions()).isEqualTo(1);
        }
    }

    @Test
    void subscriptionsComeBackAfterRedisRestart(RedisServerProcess server, RedisConnections redis) throws Exception {
        KeySchema keys = redis.keys();
        String channel = keys.messagesChannel("c1");
        ChannelDirectory directory = new ChannelDirectory(redis);
        BlockingQueue<PubSubMessage> received = new LinkedBlockingQueue<>();
        try (Subscriptions subscriptions = new Subscriptions(redis)) {
            subscriptions.subscribe(channel, received::add);
            subscriptions.subscribePattern(keys.notificationsChannelPattern(), received::add);
            try {
                server.stop();
                WaitFor.condition(WAIT, "the pub/sub connection to notice", () -> !subscriptions.isConnected());
                assertThatThrownBy(() -> subscriptions.subscribe(keys.messagesChannel("c2"), m -> { }))
                        .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
                assertThat(subscriptions.active()).hasSize(2);
            } finally {
                server.restart();
                WaitFor.reconnected(redis);
            }

            // The restarted server knows nothing of earlier subscriptions: only a resubscribe brings them back.
            WaitFor.condition(Duration.ofSeconds(30), "Lettuce to resubscribe",
                    () -> directory.subscriberCounts(List.of(channel)).get(channel) == 1L && directory.patternSubscriptions() == 1L);
            assertThat(subscriptions.isConnected()).isTrue();
            redis.sync().publish(channel, "{\"after\":\"restart\"}");
            new MessagePublisher(redis).publishNotification(5, Map.of("after", "restart"));

            PubSubMessage first = received.poll(10, TimeUnit.SECONDS);
            PubSubMessage second = received.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(second).isNotNull();
            assertThat(List.of(first.channel(), second.channel())).containsExactly(channel, "tk:notifications:5");
            assertThat(directory.subscriberCounts(List.of(keys.messagesChannel("c2")))).containsEntry("tk:messages:c2", 0L);
        }
    }

    @Test
    void messagesPublishedWhileTheSubscriberIsDisconnectedAreLost(RedisServerProcess server, RedisConnections redis) throws Exception {
        String channel = redis.keys().messagesChannel("c1");
        ChannelDirectory directory = new ChannelDirectory(redis);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (Subscriptions subscriptions = new Subscriptions(redis);
             RedisClient client = RedisClient.create(RedisURI.create(server.uriWithPassword()));
             StatefulRedisConnection<String, String> admin = client.connect()) {
            subscriptions.subscribe(channel, m -> received.add(m.payload()));

            // Kill the subscriber's connection and publish in one transaction, so the publish
            // certainly happens before Lettuce can reconnect.
            RedisCommands<String, String> tx = admin.sync();
            tx.multi();
            tx.clientKill(KillArgs.Builder.typePubsub());
            tx.publish(channel, "lost");
            TransactionResult result = tx.exec();
            assertThat((Long) result.get(0)).isEqualTo(1L);
            assertThat((Long) result.get(1)).as("receivers of the message sent during the outage").isZero();

            WaitFor.condition(WAIT, "Lettuce to reconnect and resubscribe",
                    () -> directory.subscriberCounts(List.of(channel)).get(channel) == 1L);
            redis.sync().publish(channel, "after");
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("after");
            assertThat(received).isEmpty();
        }
    }

    @Test
    void unsubscribingWhileRedisIsDownStillUnsubscribesRedisAfterReconnect(RedisServerProcess server, RedisConnections redis) {
        KeySchema keys = redis.keys();
        String kept = keys.messagesChannel("kept");
        String dropped = keys.messagesChannel("dropped");
        ChannelDirectory directory = new ChannelDirectory(redis);
        try (Subscriptions subscriptions = new Subscriptions(redis)) {
            subscriptions.subscribe(kept, m -> { });
            Subscription gone = subscriptions.subscribe(dropped, m -> { });
            try {
                server.stop();
                WaitFor.condition(WAIT, "the pub/sub connection to notice", () -> !subscriptions.isConnected());
                gone.unsubscribe(); // must not throw while Redis is down
                assertThat(subscriptions.active()).extracting(a -> a.topic().name()).containsExactly(kept);
            } finally {
                server.restart();
                WaitFor.reconnected(redis);
            }
            // Lettuce restores both topics in one SUBSCRIBE; the dropped one must then be unsubscribed.
            WaitFor.condition(Duration.ofSeconds(30), "the kept topic to be restored",
                    () -> directory.subscriberCounts(List.of(kept)).get(kept) == 1L);
            WaitFor.condition(WAIT, "the dropped topic to be unsubscribed",
                    () -> directory.subscriberCounts(List.of(dropped)).get(dropped) == 0L);
            assertThat(directory.channels(keys.messagesChannelPattern())).containsExactly(kept);
        }
    }

    @Test
    void slowListenersMakeItDropNewMessagesInsteadOfGrowingWithoutBound(RedisConnections redis) throws Exception {
        String channel = redis.keys().messagesChannel("c1");
        CountDownLatch release = new CountDownLatch(1);
        List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Subscriptions subscriptions = new Subscriptions(redis, 10)) {
            Subscription s = subscriptions.subscribe(channel, m -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                got.add(m.payload());
            });
            for (int i = 0; i < 100; i++) {
                redis.async().publish(channel, Integer.toString(i));
            }
            redis.sync().ping();
            WaitFor.condition(WAIT, "all 100 messages received or dropped",
                    () -> subscriptions.dropped() + subscriptions.backlog() + s.delivered() == 100);
            release.countDown();
            WaitFor.condition(WAIT, "the backlog to drain", () -> subscriptions.backlog() == 0 && got.size() == s.delivered());

            assertThat(subscriptions.dropped()).isGreaterThanOrEqualTo(100 - 10 - 1);
            assertThat(got).hasSizeLessThanOrEqualTo(11).startsWith("0");
            List<Integer> numbers = new ArrayList<>(got.stream().map(Integer::parseInt).toList());
            assertThat(numbers).isSorted();
        }
    }

    @Test
    void closeEndsEverySubscription(RedisConnections redis) {
        String channel = redis.keys().messagesChannel("c1");
        ChannelDirectory directory = new ChannelDirectory(redis);
        Subscriptions subscriptions = new Subscriptions(redis);
        Subscription s = subscriptions.subscribe(channel, m -> { });
        subscriptions.close();
        subscriptions.close();

        assertThat(s.isActive()).isFalse();
        assertThat(subscriptions.active()).isEmpty();
        assertThat(subscriptions.isConnected()).isFalse();
        assertThatThrownBy(() -> subscriptions.subscribe(channel, m -> { })).isInstanceOf(IllegalStateException.class);
        WaitFor.condition(WAIT, "Redis to drop the subscriber",
                () -> directory.subscriberCounts(List.of(channel)).get(channel) == 0L);
    }

    @Test
    void publishingIsRefusedOnAReadOnlyProfileAndWhileRedisIsDown(RedisServerProcess server, RedisConnections redis) {
        try (RedisConnections readOnly = RedisConnections.open(server.settings().withReadOnly(true))) {
            assertThatThrownBy(() -> new MessagePublisher(readOnly).publish("tk:messages:c1", "{}"))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
        }
        try {
            server.stop();
            assertThatThrownBy(() -> new MessagePublisher(redis).publishChatMessage("c1", Map.of("body", "x")))
                    .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
        } finally {
            server.restart();
            WaitFor.reconnected(redis);
        }
    }
}
