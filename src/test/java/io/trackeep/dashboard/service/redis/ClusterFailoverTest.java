package io.trackeep.dashboard.service.redis;

import io.lettuce.core.cluster.SlotHash;
import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.admin.ActionOutcome;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.SessionActions;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.pubsub.ChannelDirectory;
import io.trackeep.dashboard.service.pubsub.MessagePublisher;
import io.trackeep.dashboard.service.pubsub.PubSubMessage;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.service.ratelimit.Decision;
import io.trackeep.dashboard.service.ratelimit.FailureMode;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.RateLimitStats;
import io.trackeep.dashboard.service.ratelimit.RateLimiter;
import io.trackeep.dashboard.service.session.NewSession;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster failovers under simulated traffic (sessions created, rate-limit decisions of a limiter
 * that fails open and one that fails closed): a killed master and a manual {@code CLUSTER
 * FAILOVER}. The connection follows without a restart; limiter decisions keep to their failure
 * mode while a slot has no master; no acknowledged session is lost that Redis itself did not lose
 * (everything before a {@code WAIT} on every master survives); an admin action during the
 * failover either happens or says that it did not; a subscription moves off a lost node and
 * delivers again. Each test starts its own cluster.
 */
class ClusterFailoverTest {

    private static final Duration FAILOVER = Duration.ofSeconds(60);

    @Test
    void aKilledMasterIsReplacedAndTheServiceLayerCarriesOnWithoutARestart() throws Exception {
        try (ClusterTopology cluster = ClusterTopology.start();
             RedisConnections redis = RedisConnections.open(cluster.settings());
             RateLimitStats stats = new RateLimitStats(redis, Duration.ofHours(1));
             Subscriptions subscriptions = new Subscriptions(redis)) {
            String channel = redis.keys().messagesChannel("failover");
            BlockingQueue<PubSubMessage> received = new LinkedBlockingQueue<>();
            subscriptions.subscribe(channel, received::add);
            RedisServerProcess victim = subscriptionMovesWhenItsNodeIsLost(cluster, redis, channel);
            RedisSessionStore store = new RedisSessionStore(redis, "failover@test");
            Traffic traffic = new Traffic(redis, store, stats);
            int[] victimSlots = slotsOf(victim);
            long killedAt;
            List<String> safe;
            try {
                traffic.sessions.awaitAcks(100);
                safe = traffic.sessions.acked();
                for (RedisServerProcess master : cluster.currentMasters()) {
                    waitForReplica(master);
                }
                // a session of the victim's slots, to be killed by an admin while its master is gone
                String target = safe.stream().filter(sid -> inSlots(redis.keys().session(sid), victimSlots)).findFirst().orElseThrow();

                victim.kill();
                killedAt = System.nanoTime();
                AdminActions admin = new AdminActions(redis, new AuditTrail(redis), null, "failover@test");
                boolean reportedDone;
                try {
                    ActionOutcome<Boolean> outcome = admin.execute(SessionActions.of(redis, "failover@test").killSession(target));
                    reportedDone = outcome.value();
                    traffic.killedByAdmin.add(target);
                } catch (RedisAccessException failed) {
                    assertThat(failed.isUnavailable()).as(failed.getMessage()).isTrue();
                    reportedDone = false;
                }

                WaitFor.condition(FAILOVER, "a new master for the killed one's slots", () -> cluster.currentMasters().size() == 3
                        && !cluster.currentMasters().contains(victim));
                traffic.awaitRecovery(killedAt);
                traffic.sessions.awaitAcks(traffic.sessions.acked().size() + 100);

                if (reportedDone) {
                    assertThat(store.peek(target)).as("a kill reported done").isEmpty();
                } else {
                    assertThat(store.peek(target)).as("a kill reported as not done").isPresent();
                }
            } finally {
                traffic.stop();
            }
            assertLostNothingRedisKept(store, safe, traffic);
            traffic.assertDecisionsKeptToTheirFailureMode();
            assertThat(traffic.degraded.get() + traffic.sessions.failures.get()).as("the outage was seen").isPositive();
            assertDelivered(redis, channel, received);
            System.out.printf("Cluster, master killed: service layer recovered %d ms after the kill (last failure or degraded "
                            + "decision), %d session writes refused, %d limiter decisions by failure mode%n",
                    (traffic.lastTrouble.get() - killedAt) / 1_000_000, traffic.sessions.failures.get(), traffic.degraded.get());
        }
    }

    @Test
    void aManualFailoverLosesNothingAndIsFollowed() {
        try (ClusterTopology cluster = ClusterTopology.start();
             RedisConnections redis = RedisConnections.open(cluster.settings());
             RateLimitStats stats = new RateLimitStats(redis, Duration.ofHours(1))) {
            RedisSessionStore store = new RedisSessionStore(redis, "failover@test");
            Traffic traffic = new Traffic(redis, store, stats);
            RedisServerProcess oldMaster = cluster.startedMaster(1);
            RedisServerProcess replica = cluster.nodes().get(cluster.masterCount() + 1);
            long failedOverAt;
            try {
                traffic.sessions.awaitAcks(100);
                try (RedisConnections direct = RedisConnections.open(replica.settings())) {
                    assertThat(direct.sync().clusterFailover(false)).isEqualTo("OK");
                }
                failedOverAt = System.nanoTime();
                WaitFor.condition(FAILOVER, "the replica to take over", () -> cluster.currentMasters().contains(replica)
                        && !cluster.currentMasters().contains(oldMaster));
                traffic.sessions.awaitAcks(traffic.sessions.acked().size() + 100);
            } finally {
                traffic.stop();
            }
            // a manual failover waits for the replica to catch up: nothing acknowledged is lost
            assertLostNothingRedisKept(store, traffic.sessions.acked(), traffic);
            traffic.assertDecisionsKeptToTheirFailureMode();
            System.out.printf("Cluster, manual failover: %d session writes refused, %d limiter decisions by failure mode, "
                            + "last one %d ms after the failover began%n", traffic.sessions.failures.get(), traffic.degraded.get(),
                    Math.max(0, traffic.lastTrouble.get() - failedOverAt) / 1_000_000);
        }
    }

    /**
     * A Cluster subscription lives on one node: when that node is lost, it moves to another. Kills
     * the node it is on when that is a replica (no failover: its master stays), and returns the
     * master to kill for the failover: the subscription's node itself when that is a master,
     * otherwise one whose replica is still there.
     */
    private static RedisServerProcess subscriptionMovesWhenItsNodeIsLost(ClusterTopology cluster, RedisConnections redis,
                                                                     String channel) throws Exception {
        RedisServerProcess host = subscriptionNode(cluster, redis, channel);
        List<RedisServerProcess> masters = cluster.currentMasters();
        if (masters.contains(host)) {
            return host;
        }
        int hostsMaster;
        try (RedisConnections direct = RedisConnections.open(host.settings())) {
            hostsMaster = Integer.parseInt(String.valueOf(direct.sync().role().get(2)));
        }
        host.kill();
        WaitFor.condition(FAILOVER, "the subscription on another node",
                () -> subscriptionNode(cluster, redis, channel) != host);
        return masters.stream().filter(m -> m.port() != hostsMaster).findFirst().orElseThrow();
    }

    private static RedisServerProcess subscriptionNode(ClusterTopology cluster, RedisConnections redis, String channel) {
        Map<String, Map<String, Long>> counts = redis.onEveryNode("Who subscribes", r -> r.pubsubNumsub(channel));
        String address = counts.entrySet().stream().filter(e -> e.getValue().getOrDefault(channel, 0L) == 1L)
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no node has the subscription yet"));
        return cluster.nodes().stream().filter(n -> address.equals(n.host() + ":" + n.port())).findFirst().orElseThrow();
    }

    private static void assertDelivered(RedisConnections redis, String channel, BlockingQueue<PubSubMessage> received)
            throws InterruptedException {
        ChannelDirectory directory = new ChannelDirectory(redis);
        WaitFor.condition(FAILOVER, "the subscription back", () -> directory.subscriberCounts(List.of(channel)).get(channel) == 1L);
        assertThat(new MessagePublisher(redis).publish(channel, "{\"after\":\"failover\"}")).isEqualTo(1);
        PubSubMessage message = received.poll(10, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        assertThat(message.channel()).isEqualTo(channel);
    }

    private static void assertLostNothingRedisKept(RedisSessionStore store, List<String> sessions, Traffic traffic) {
        List<String> missing = new ArrayList<>();
        for (String sid : sessions) {
            if (store.peek(sid).isEmpty() && !traffic.killedByAdmin(sid)) {
                missing.add(sid);
            }
        }
        assertThat(missing).as("acknowledged sessions that are gone").isEmpty();
        List<String> afterRecovery = traffic.sessions.ackedAfter(traffic.lastTrouble.get());
        assertThat(afterRecovery).isNotEmpty();
        assertThat(afterRecovery).allMatch(sid -> store.peek(sid).isPresent());
    }

    /** Everything this master acknowledged so far is on its replica: a write of our own, then WAIT. */
    private static void waitForReplica(RedisServerProcess master) {
        try (RedisConnections direct = RedisConnections.open(master.settings())) {
            for (int i = 0; ; i++) {
                try {
                    direct.sync().set("wait-marker:" + i, "1"); // MOVED unless the slot is this master's
                    break;
                } catch (RuntimeException moved) {
                    // try another key
                }
            }
            assertThat(direct.sync().waitForReplication(1, 10_000)).isEqualTo(1);
        }
    }

    /** The slot range [from, to] the node serves now. */
    private static int[] slotsOf(RedisServerProcess node) {
        try (RedisConnections direct = RedisConnections.open(node.settings())) {
            String myId = direct.sync().clusterMyId();
            for (Object range : direct.sync().clusterSlots()) {
                List<?> r = (List<?>) range;
                List<?> master = (List<?>) r.get(2);
                if (master.size() > 2 && myId.equals(master.get(2))) {
                    return new int[]{((Number) r.get(0)).intValue(), ((Number) r.get(1)).intValue()};
                }
            }
            throw new AssertionError("node serves no slots");
        }
    }

    private static boolean inSlots(String key, int[] slots) {
        int slot = SlotHash.getSlot(key);
        return slot >= slots[0] && slot <= slots[1];
    }

    /** Sessions being created and rate-limit decisions being taken, each on its own thread, about a thousand a second. */
    private static final class Traffic {
        final Recorder sessions = new Recorder();
        final AtomicLong degraded = new AtomicLong();
        final AtomicLong lastTrouble = new AtomicLong();
        final List<String> wrongDecisions = new CopyOnWriteArrayList<>();
        final List<String> killedByAdmin = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Traffic(RedisConnections redis, RedisSessionStore store, RateLimitStats stats) {
            threads.add(thread("sessions", n -> {
                try {
                    Session s = store.create(new NewSession(n, "u" + n + "@example.org", "user" + n, "user", "10.0.0.1", "test"));
                    sessions.ack(s.sessionId());
                } catch (RuntimeException e) {
                    sessions.failures.incrementAndGet();
                    lastTrouble.set(System.nanoTime());
                }
            }));
            for (FailureMode mode : FailureMode.values()) {
                RateLimiter limiter = RateLimiter.of(redis, "failover-" + mode.name().toLowerCase(java.util.Locale.ROOT),
                        LimitDefinition.fixedWindow(1_000_000, Duration.ofMinutes(1)), mode, stats);
                threads.add(thread("limiter-" + mode, n -> {
                    try {
                        Decision d = limiter.check("client-" + (n % 32));
                        if (d.degraded()) {
                            degraded.incrementAndGet();
                            lastTrouble.set(System.nanoTime());
                            if (d.allowed() != (mode == FailureMode.OPEN)) {
                                wrongDecisions.add(mode + ": " + d);
                            }
                        } else if (!d.allowed()) {
                            wrongDecisions.add(mode + " denied within the limit: " + d);
                        }
                    } catch (RuntimeException e) {
                        wrongDecisions.add(mode + " threw instead of deciding: " + e);
                    }
                }));
            }
        }

        private Thread thread(String name, java.util.function.LongConsumer step) {
            Thread t = new Thread(() -> {
                for (long n = 1; running.get(); n++) {
                    step.accept(n);
                    // a pace, not a wait: traffic of a few hundred requests a second leaves the nodes CPU on two cores
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            }, "traffic-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        boolean killedByAdmin(String sid) {
            return killedByAdmin.contains(sid);
        }

        /** Waits until a whole second passed with neither a refused write nor a degraded decision. */
        void awaitRecovery(long since) {
            WaitFor.condition(FAILOVER, "a second without trouble", () -> {
                long last = Math.max(lastTrouble.get(), since);
                return System.nanoTime() - last > 1_000_000_000L && sessions.ackedAfter(last).size() > 10;
            });
        }

        void assertDecisionsKeptToTheirFailureMode() {
            assertThat(wrongDecisions).isEmpty();
        }

        void stop() {
            running.set(false);
            for (Thread t : threads) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Acknowledged writes in order, with the time of each acknowledgement. */
    private static final class Recorder {
        private final List<String> acked = new CopyOnWriteArrayList<>();
        private final List<Long> times = new CopyOnWriteArrayList<>();
        final AtomicLong failures = new AtomicLong();

        synchronized void ack(String id) {
            acked.add(id);
            times.add(System.nanoTime());
        }

        synchronized List<String> acked() {
            return List.copyOf(acked);
        }

        synchronized List<String> ackedAfter(long nanos) {
            List<String> after = new ArrayList<>();
            for (int i = 0; i < times.size(); i++) {
                if (times.get(i) > nanos) {
                    after.add(acked.get(i));
                }
            }
            return after;
        }

        void awaitAcks(int n) {
            WaitFor.condition(FAILOVER, n + " acknowledged session writes", () -> acked.size() >= n);
        }
    }
}
