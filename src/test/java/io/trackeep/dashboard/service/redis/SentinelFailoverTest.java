package io.trackeep.dashboard.service.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.redis.SentinelTopology;
import io.trackeep.dashboard.service.pubsub.ChannelDirectory;
import io.trackeep.dashboard.service.pubsub.MessagePublisher;
import io.trackeep.dashboard.service.pubsub.PubSubMessage;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Sentinel failover, manual and by a killed master, while writes keep coming: the connections
 * follow the Sentinels' switch, so no write goes to the demoted master, which keeps accepting
 * writes (and losing them) for about 10 s after a manual failover. Each test starts its own set:
 * a failover leaves it in another shape.
 */
class SentinelFailoverTest {

    private static final Duration FAILOVER = Duration.ofSeconds(30);

    @Test
    void afterAManualFailoverNoWriteGoesToTheDemotedMaster() {
        try (SentinelTopology set = SentinelTopology.start();
             RedisConnections ours = RedisConnections.open(set.settings());
             PlainSentinelClient plain = new PlainSentinelClient(set)) {
            RedisServerProcess oldMaster = set.currentMaster().orElseThrow();
            Writer oursWriter = new Writer("ours", key -> ours.sync().set(key, "1"));
            Writer plainWriter = new Writer("plain", key -> plain.connection.sync().set(key, "1"));
            try {
                oursWriter.awaitAcks(50);
                plainWriter.awaitAcks(50);

                plain.sentinel.sync().failover(set.masterName());
                WaitFor.condition(FAILOVER, "the Sentinels to name a new master",
                        () -> set.currentMaster().filter(m -> m != oldMaster).isPresent());
                RedisServerProcess promoted = set.currentMaster().orElseThrow();
                WaitFor.condition(FAILOVER, "our writes to reach the new master only", () -> {
                    String latest = oursWriter.lastAcked(1).get(0);
                    return exists(promoted, latest) && !exists(oldMaster, latest);
                });
                oursWriter.awaitAcks(oursWriter.acked() + 100);
                plainWriter.awaitAcks(plainWriter.acked() + 100);
            } finally {
                oursWriter.stop();
                plainWriter.stop();
            }
            RedisServerProcess newMaster = set.currentMaster().orElseThrow();
            Set<String> onOld = keys(oldMaster, "w:*");
            Set<String> onNew = keys(newMaster, "w:*");

            List<String> oursLast = oursWriter.lastAcked(100);
            assertThat(onOld).as("writes acknowledged after the switch, on the demoted master").doesNotContainAnyElementsOf(oursLast);
            assertThat(onNew).containsAll(oursLast);
            // Once a write went to the new master, none went to the old one again; those lost on the old one
            // were acknowledged before the switch (between the promotion and its announcement).
            List<Long> lostOnOld = seqs(oursWriter.lastAcked(oursWriter.acked()), k -> onOld.contains(k) && !onNew.contains(k));
            List<Long> onlyOnNew = seqs(oursWriter.lastAcked(oursWriter.acked()), k -> onNew.contains(k) && !onOld.contains(k));
            assertThat(onlyOnNew).isNotEmpty();
            assertThat(lostOnOld).allMatch(seq -> seq < onlyOnNew.get(0));

            // why: a connection that looked the master up once keeps writing to the demoted one, and loses it all
            List<String> plainLast = plainWriter.lastAcked(100);
            assertThat(onOld).containsAll(plainLast);
            assertThat(onNew).doesNotContainAnyElementsOf(plainLast);
            System.out.printf("Sentinel, manual failover: acknowledged writes lost on the demoted master: ours %d, "
                    + "a plain Sentinel URI's %d (and counting for ~10 s)%n", lostOnOld.size(),
                    seqs(plainWriter.lastAcked(plainWriter.acked()), k -> onOld.contains(k) && !onNew.contains(k)).size());
        }
    }

    private static List<Long> seqs(List<String> keys, java.util.function.Predicate<String> which) {
        return keys.stream().filter(which).map(k -> Long.parseLong(k.substring(k.lastIndexOf(':') + 1))).sorted().toList();
    }

    private static boolean exists(RedisServerProcess node, String key) {
        try (RedisConnections direct = RedisConnections.open(node.settings())) {
            return direct.sync().exists(key) == 1;
        }
    }

    @Test
    void afterAKilledMasterWritesAndSubscriptionsResumeOnTheNewOneAndNoReplicatedWriteIsLost() throws Exception {
        try (SentinelTopology set = SentinelTopology.start();
             RedisConnections ours = RedisConnections.open(set.settings());
             Subscriptions subscriptions = new Subscriptions(ours)) {
            RedisServerProcess oldMaster = set.currentMaster().orElseThrow();
            String channel = ours.keys().messagesChannel("failover");
            BlockingQueue<PubSubMessage> received = new LinkedBlockingQueue<>();
            subscriptions.subscribe(channel, received::add);
            Writer writer = new Writer("ours", key -> ours.sync().set(key, "1"));
            long killedAt;
            List<String> replicated;
            try {
                writer.awaitAcks(50);
                // Everything acknowledged before this WAIT returns is on the replica: Redis may lose only what follows.
                replicated = writer.lastAcked(writer.acked());
                try (RedisConnections direct = RedisConnections.open(oldMaster.settings())) {
                    direct.sync().set("sync-marker", "1");
                    assertThat(direct.sync().waitForReplication(1, 5_000)).isEqualTo(1);
                }
                oldMaster.kill();
                killedAt = System.nanoTime();
                long ackedAtKill = writer.acked();
                WaitFor.condition(FAILOVER, "a write acknowledged by the new master", () -> writer.acked() > ackedAtKill + 10);
            } finally {
                writer.stop();
            }
            WaitFor.condition(FAILOVER, "the Sentinels to name a new master",
                    () -> set.currentMaster().filter(m -> m != oldMaster).isPresent());
            RedisServerProcess newMaster = set.currentMaster().orElseThrow();
            Set<String> onNew = keys(newMaster, "w:*");
            assertThat(onNew).containsAll(replicated);
            assertThat(onNew).containsAll(writer.lastAcked(10));

            // the subscription followed the master too: the new one has it, and a message reaches it
            ChannelDirectory directory = new ChannelDirectory(ours);
            WaitFor.condition(FAILOVER, "the subscription on the new master",
                    () -> directory.subscriberCounts(List.of(channel)).get(channel) == 1L);
            new MessagePublisher(ours).publish(channel, "{\"after\":\"failover\"}");
            PubSubMessage message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            assertThat(message.channel()).isEqualTo(channel);
            System.out.printf("Sentinel, master killed: writes acknowledged again after %d ms (%d refused meanwhile)%n",
                    (writer.firstAckAfter(killedAt) - killedAt) / 1_000_000, writer.failures());
        }
    }

    private static Set<String> keys(RedisServerProcess node, String pattern) {
        try (RedisConnections direct = RedisConnections.open(node.settings())) {
            Set<String> found = new HashSet<>();
            ScanIterator.scan(direct.sync(), ScanArgs.Builder.matches(pattern).limit(1_000)).forEachRemaining(found::add);
            return found;
        }
    }

    /** A connection as a plain Lettuce Sentinel URI makes it (the master looked up once), and a Sentinel connection. */
    private static final class PlainSentinelClient implements AutoCloseable {
        final RedisClient client;
        final StatefulRedisConnection<String, String> connection;
        final StatefulRedisSentinelConnection<String, String> sentinel;

        PlainSentinelClient(SentinelTopology set) {
            RedisServerProcess first = set.sentinels().get(0);
            RedisURI.Builder uri = RedisURI.Builder.sentinel(first.host(), first.port(), set.masterName(), set.sentinelPassword());
            set.sentinels().stream().skip(1).forEach(s -> uri.withSentinel(s.host(), s.port(), set.sentinelPassword()));
            uri.withPassword(set.password().toCharArray());
            client = RedisClient.create(uri.build());
            connection = client.connect();
            sentinel = client.connectSentinel(RedisURI.builder().withHost(first.host()).withPort(first.port())
                    .withPassword(set.sentinelPassword().toCharArray()).build());
        }

        @Override
        public void close() {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /** Writes {@code w:<name>:<n>} for n = 1, 2, ... on its own thread, keeping every acknowledged key in order. */
    private static final class Writer {
        private final List<String> acked = new CopyOnWriteArrayList<>();
        private final List<Long> ackTimes = new CopyOnWriteArrayList<>();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Writer(String name, Consumer<String> write) {
            thread = new Thread(() -> {
                for (long n = 1; running.get(); n++) {
                    String key = "w:" + name + ":" + n;
                    try {
                        write.accept(key);
                        acked.add(key);
                        ackTimes.add(System.nanoTime());
                    } catch (RuntimeException e) {
                        failures.incrementAndGet(); // rejected while reconnecting: not acknowledged, may be retried by the caller
                        java.util.concurrent.locks.LockSupport.parkNanos(200_000); // a pace, so a refusing Redis is not spun on
                    }
                }
            }, "writer-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        long acked() {
            return acked.size();
        }

        long failures() {
            return failures.get();
        }

        void awaitAcks(long n) {
            WaitFor.condition(FAILOVER, n + " acknowledged writes", () -> acked.size() >= n);
        }

        List<String> lastAcked(long n) {
            List<String> all = List.copyOf(acked);
            return all.subList((int) Math.max(0, all.size() - n), all.size());
        }

        long firstAckAfter(long nanos) {
            return ackTimes.stream().filter(t -> t > nanos).findFirst().orElse(nanos);
        }

        void stop() {
            running.set(false);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
