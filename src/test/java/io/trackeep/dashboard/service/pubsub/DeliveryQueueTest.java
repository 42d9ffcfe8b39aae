package io.trackeep.dashboard.service.pubsub;

import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static PubSubMessage message(int i) {
        return new PubSubMessage("ch", null, "m" + i, Instant.now());
    }

    @Test
    void messagesReachTheSinkInArrivalOrderOnTheDispatchThread() {
        List<String> got = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        DeliveryQueue queue = new DeliveryQueue(100, m -> {
            got.add(m.payload());
            threads.add(Thread.currentThread().getName());
        }, () -> { });
        queue.start();
        try {
            for (int i = 0; i < 50; i++) {
                queue.offer(message(i));
            }
            WaitFor.condition(WAIT, "50 messages delivered", () -> got.size() == 50);

            assertThat(got).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "m" + i).toList());
            assertThat(threads).containsOnly("pubsub-dispatch");
            assertThat(queue.backlog()).isZero();
            assertThat(queue.dropped()).isZero();
        } finally {
            queue.close();
        }
    }

    @Test
    void aSinkThatFallsBehindMakesItDropNewMessagesOnceCapacityWaitAndCountsThemAsArrived() throws Exception {
        CountDownLatch inSink = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> got = new CopyOnWriteArrayList<>();
        DeliveryQueue queue = new DeliveryQueue(10, m -> {
            inSink.countDown();
            await(release);
            got.add(m.payload());
        }, () -> { });
        queue.start();
        try {
            queue.offer(message(0));
            assertThat(inSink.await(10, TimeUnit.SECONDS)).isTrue(); // m0 is taken and held in the sink
            for (int i = 1; i <= 15; i++) {
                queue.offer(message(i));
            }

            assertThat(queue.backlog()).isEqualTo(10); // m1..m10: m0 is off the queue, in the sink
            assertThat(queue.dropped()).isEqualTo(5); // m11..m15
            assertThat(queue.count()).isEqualTo(16);

            release.countDown();
            WaitFor.condition(WAIT, "the backlog to drain", () -> queue.backlog() == 0 && got.size() == 11);
            assertThat(got).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10");
            assertThat(queue.dropped()).isEqualTo(5);
        } finally {
            release.countDown();
            queue.close();
        }
    }

    @Test
    void theArrivalsGiveTheAverageSizeOnTheWireAndCanBeForgotten() {
        DeliveryQueue queue = new DeliveryQueue(100, m -> { }, () -> { });
        // never started: what arrives waits, which is all this needs
        queue.offer(new PubSubMessage("chan", null, "123456", Instant.now())); // 4 + 6 characters
        queue.offer(new PubSubMessage("chan", "ch*", "12", Instant.now())); // 4 + 3 + 2

        assertThat(queue.count()).isEqualTo(2);
        assertThat(queue.bytesPerMessage()).isEqualTo(19 / 2.0 + 40);

        queue.forgetArrivals(0);

        assertThat(queue.count()).isZero();
        assertThat(queue.bytesPerMessage()).isZero();
        assertThat(queue.backlog()).as("forgetting counts nothing out of the queue").isEqualTo(2);
    }

    @Test
    void theTickRunsWithoutMessagesAndASinkMayCloseTheQueue() {
        AtomicInteger ticks = new AtomicInteger();
        DeliveryQueue[] holder = new DeliveryQueue[1];
        AtomicInteger delivered = new AtomicInteger();
        holder[0] = new DeliveryQueue(100, m -> {
            delivered.incrementAndGet();
            holder[0].close(); // from the dispatch thread itself: must not wait for itself
        }, ticks::incrementAndGet);
        holder[0].start();
        try {
            WaitFor.condition(WAIT, "a tick without any message", () -> ticks.get() >= 1);

            holder[0].offer(message(1));
            WaitFor.condition(WAIT, "the message that closes the queue", () -> delivered.get() == 1);
        } finally {
            holder[0].close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
