package io.trackeep.dashboard.service.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The master that the Sentinels name now, followed as it changes. Data connections connect to
 * {@link #address()} (see {@link RedisConnections}), and are disconnected by the listeners of
 * {@link #onSwitch} the moment it changes, so they reconnect to the new master.
 *
 * <p>Why not Lettuce's own Sentinel support: a connection opened through a Sentinel URI asks for
 * the master only when it (re)connects, and the demoted master keeps accepting writes for about
 * 10 s after a {@code SENTINEL FAILOVER} (until the Sentinels turn it into a replica and close its
 * clients): those writes are lost. Lettuce's MasterReplica refreshes its topology at most once
 * every 5 s after the first Sentinel event, which leaves the same hole.
 *
 * <p>Here the master changes on the first event of any Sentinel (every one is subscribed to) that
 * says a replica is taking over: {@code +failover-state-send-slaveof-noone}, published by the
 * Sentinel leading the failover just before it tells the replica to stop replicating (from then
 * on, a write the old master acknowledges is lost); {@code +promoted-slave}, when it sees the
 * replica answer as master (up to a second later: it asks once a second); {@code +switch-master},
 * published by every Sentinel once it has switched. Until the replica has taken the
 * {@code REPLICAOF NO ONE} (milliseconds), it refuses writes with READONLY, which callers see as
 * Redis being briefly unavailable ({@link RedisErrors}): refused, not lost. Should that failover be
 * given up ({@code -failover-abort-slave-timeout}), the Sentinels' own view decides again.
 * In case an event was missed (a Sentinel connection down at that moment), a poll of all Sentinels
 * every second follows the highest {@code config-epoch} reported (a Sentinel that has not heard of
 * the failover yet reports the old master with the old epoch, and never wins over the newer view).
 */
final class SentinelMaster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentinelMaster.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final String SWITCH = "+switch-master";
    private static final String PROMOTED = "+promoted-slave";
    private static final String PROMOTING = "+failover-state-send-slaveof-noone";
    private static final String ABORTED = "-failover-abort-slave-timeout";
    static final int KEPT_FAILOVERS = 16;

    /** A master address and the configuration epoch it was reported with (for one from an event: one more than known). */
    private record View(String host, int port, long epoch) {
        boolean sameAddress(View other) {
            return other != null && host.equals(other.host) && port == other.port;
        }
    }

    private final RedisClient client;
    private final List<RedisURI> sentinels;
    private final String masterName;
    private final Duration timeout;
    // one query connection per Sentinel (the same index as in sentinels), null while that one is down
    private final AtomicReferenceArray<StatefulRedisSentinelConnection<String, String>> queries;
    private final SentinelQueries asked;
    private final List<StatefulRedisPubSubConnection<String, String>> events = new CopyOnWriteArrayList<>();
    private final List<Runnable> switchListeners = new CopyOnWriteArrayList<>();
    private volatile View current;
    // the master changes seen, oldest first; guarded by this (written in switchTo, which is synchronized)
    private final Deque<Failover> failovers = new ArrayDeque<>();
    private final Clock clock = Clock.systemUTC();
    private volatile ScheduledFuture<?> poll;
    private volatile boolean closed;

    private SentinelMaster(RedisClient client, List<RedisURI> sentinels, String masterName, Duration timeout) {
        this.client = client;
        this.sentinels = List.copyOf(sentinels);
        this.masterName = masterName;
        this.timeout = timeout;
        this.queries = new AtomicReferenceArray<>(sentinels.size());
        this.asked = new SentinelQueries(this.sentinels, queries, masterName);
    }

    /**
     * Asks the Sentinels for the master and subscribes to their switch events.
     *
     * @throws io.lettuce.core.RedisException when no Sentinel answers or none knows the master
     */
    static SentinelMaster start(RedisClient client, List<RedisURI> sentinels, String masterName, Duration timeout) {
        SentinelMaster m = new SentinelMaster(client, sentinels, masterName, timeout);
        try {
            m.connectSentinels();
            View first = m.askAll();
            if (first == null) {
                throw new io.lettuce.core.RedisConnectionException("No Sentinel of " + sentinels.size()
                        + " answered with the address of master '" + masterName + "'");
            }
            m.current = first;
            m.poll = client.getResources().eventExecutorGroup().scheduleWithFixedDelay(m::pollQuietly,
                    POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** The master to connect to now. */
    InetSocketAddress address() {
        View v = current;
        return InetSocketAddress.createUnresolved(v.host, v.port);
    }

    /** {@code host:port} of the master now, for messages. */
    String describe() {
        View v = current;
        return v == null ? "(unknown)" : v.host + ":" + v.port;
    }

    /** The master and its replicas as the first Sentinel that answers describes them, and which Sentinels are reachable. */
    DeploymentView view() {
        return asked.view();
    }

    /** How a switch was seen, for people. */
    private static String how(String why) {
        return switch (why) {
            case PROMOTING -> "the Sentinels' failover: a replica was told to take over (" + PROMOTING + ")";
            case PROMOTED -> "the Sentinels' failover: a replica took over (" + PROMOTED + ")";
            case SWITCH -> "announced by the Sentinels (" + SWITCH + ")";
            default -> "found by asking the Sentinels (their events were missed)";
        };
    }

    /** The master changes seen since this program connected, oldest first (the last {@value #KEPT_FAILOVERS}). */
    synchronized List<Failover> failovers() {
        return List.copyOf(failovers);
    }

    /** The quorum, the Sentinels and the failovers seen; never throws. */
    SentinelStatus status() {
        return asked.status(failovers());
    }

    /**
     * {@code SENTINEL FAILOVER <master>} on the first Sentinel that answers.
     *
     * @return the Sentinel's answer ({@code OK}) and which Sentinel gave it
     */
    String[] failover() {
        return asked.failover();
    }

    /** Runs {@code listener} (on a Lettuce thread: it must not block) each time the master changes. */
    void onSwitch(Runnable listener) {
        switchListeners.add(listener);
    }

    private void connectSentinels() {
        RuntimeException failure = null;
        for (int i = 0; i < sentinels.size(); i++) {
            try {
                connect(i);
            } catch (RuntimeException e) {
                failure = e; // that Sentinel is down: the others suffice, and the poll tries it again
            }
        }
        if (connectedCount() == 0) {
            throw failure;
        }
    }

    private synchronized void connect(int i) {
        if (queries.get(i) == null && !closed) {
            RedisURI uri = sentinels.get(i);
            queries.set(i, client.connectSentinel(uri));
            subscribe(uri);
        }
    }

    private int connectedCount() {
        int n = 0;
        for (int i = 0; i < queries.length(); i++) {
            n += queries.get(i) == null ? 0 : 1;
        }
        return n;
    }

    private void subscribe(RedisURI uri) {
        try {
            StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub(uri);
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    switch (channel) {
                        case SWITCH -> onSwitchMessage(message);
                        case ABORTED -> onAbortMessage(message);
                        default -> onPromotedMessage(channel, message);
                    }
                }
            });
            // Lettuce subscribes again by itself after a reconnect
            pubSub.sync().subscribe(SWITCH, PROMOTED, PROMOTING, ABORTED);
            events.add(pubSub);
        } catch (RuntimeException e) {
            log.debug("No switch events from Sentinel {}:{} for now: {}", uri.getHost(), uri.getPort(), e.getMessage());
        }
    }

    /** {@code <master-name> <old-ip> <old-port> <new-ip> <new-port>}. */
    private void onSwitchMessage(String message) {
        String[] parts = message.split(" ");
        if (parts.length == 5 && parts[0].equals(masterName)) {
            switchToNewer(parts[3], parts[4], SWITCH);
        }
    }

    /** {@code slave <ip>:<port> <ip> <port> @ <master-name> <master-ip> <master-port>}. */
    private void onPromotedMessage(String channel, String message) {
        String[] parts = message.split(" ");
        if (parts.length == 8 && parts[0].equals("slave") && parts[4].equals("@") && parts[5].equals(masterName)) {
            switchToNewer(parts[2], parts[3], channel);
        }
    }

    /** {@code master <master-name> <ip> <port>}: the replica did not take over; the Sentinels' view decides again. */
    private synchronized void onAbortMessage(String message) {
        String[] parts = message.split(" ");
        View now = current;
        if (parts.length >= 2 && parts[1].equals(masterName) && now != null) {
            log.info("The failover of '{}' was given up; following the Sentinels' view again", masterName);
            current = new View(now.host, now.port, -1);
        }
    }

    private void switchToNewer(String host, String port, String why) {
        try {
            // newer than what was known: a Sentinel that has not heard of it yet must not undo it
            View now = current;
            switchTo(new View(host, Integer.parseInt(port), now == null ? 0 : now.epoch + 1), why);
        } catch (NumberFormatException e) {
            log.debug("Ignoring a malformed {} message", why);
        }
    }

    private void pollQuietly() {
        if (closed) {
            return;
        }
        try {
            for (int i = 0; i < sentinels.size(); i++) {
                if (queries.get(i) == null) {
                    try {
                        connect(i);
                    } catch (RuntimeException stillDown) {
                        // next poll
                    }
                }
            }
            View newest = askAll();
            View now = current;
            if (newest != null && (now == null || (!newest.sameAddress(now) && newest.epoch > now.epoch))) {
                switchTo(newest, "Sentinel poll");
            } else if (newest != null && newest.sameAddress(now) && newest.epoch > now.epoch) {
                current = newest; // learn the epoch of a master that came from an event
            }
        } catch (RuntimeException e) {
            log.debug("Polling the Sentinels failed: {}", e.toString());
        }
    }

    /** Every Sentinel at once; the answer with the highest configuration epoch, or null when none answered. */
    private View askAll() {
        List<CompletableFuture<Map<String, String>>> answers = new ArrayList<>();
        for (int i = 0; i < queries.length(); i++) {
            StatefulRedisSentinelConnection<String, String> q = queries.get(i);
            if (q != null) {
                answers.add(q.async().master(masterName).toCompletableFuture());
            }
        }
        View best = null;
        for (CompletableFuture<Map<String, String>> a : answers) {
            try {
                Map<String, String> m = a.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                View v = new View(m.get("ip"), Integer.parseInt(m.get("port")), Long.parseLong(m.getOrDefault("config-epoch", "0")));
                if (best == null || v.epoch > best.epoch) {
                    best = v;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return best;
            } catch (Exception e) {
                // that Sentinel is down, slow, or does not know the master: the others decide
            }
        }
        return best;
    }

    private synchronized void switchTo(View next, String why) {
        View before = current;
        if (next.sameAddress(before)) {
            return;
        }
        current = next;
        log.info("Sentinel master '{}' is now {}:{} (was {}; {}): reconnecting", masterName, next.host, next.port,
                before == null ? "unknown" : before.host + ":" + before.port, why);
        if (before != null) {
            failovers.addLast(new Failover(clock.instant(), before.host + ":" + before.port, next.host + ":" + next.port,
                    how(why)));
            while (failovers.size() > KEPT_FAILOVERS) {
                failovers.removeFirst();
            }
        }
        for (Runnable listener : switchListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("Reacting to a master switch failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> p = poll;
        if (p != null) {
            p.cancel(false);
        }
        for (StatefulRedisPubSubConnection<String, String> e : events) {
            e.closeAsync();
        }
        for (int i = 0; i < queries.length(); i++) {
            StatefulRedisSentinelConnection<String, String> q = queries.getAndSet(i, null);
            if (q != null) {
                q.closeAsync();
            }
        }
    }
}
