package io.trackeep.dashboard.local.redis;

import io.trackeep.dashboard.service.redis.RedisSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A Sentinel-managed Redis on loopback: one master, its replicas (1 by default) and 3 Sentinels
 * with quorum 2, all real {@code redis-server} processes. The data nodes share one password, the
 * Sentinels another (clients give them separately). Ready in under 2 s: the Sentinels start
 * pre-seeded (their ids, the replica and each other are in their configuration), so they need not
 * wait for each other's hello messages (about 10 s otherwise). A Sentinel declares a node down
 * after 1 s without an answer.
 *
 * <p>A Sentinel rewrites its own configuration file, so its passwords (its own and the data
 * nodes') are in that file: owner-only, in its owner-only private folder, deleted on
 * {@link #close()} (or by the next start after a crash). The data nodes get theirs on standard
 * input as every {@link RedisServerProcess} does.
 */
public final class SentinelTopology implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentinelTopology.class);
    private static final int START_ATTEMPTS = 3;
    private static final String STARTING = "sentinel-set-start";

    /**
     * @param masterName       the name the Sentinels monitor the master under
     * @param replicas         replicas of the master (1 to 3)
     * @param sentinels        Sentinels (3 or 5; the quorum is a majority)
     * @param binary           redis-server to run, or null for {@code REDIS_SERVER} or the embedded one
     * @param password         the data nodes' password, or null for a random one
     * @param sentinelPassword the Sentinels' password, or null for a random one
     * @param readyTimeout     how long the whole start may take before it is given up
     */
    public record Options(String masterName, int replicas, int sentinels, Path binary, String password,
                          String sentinelPassword, Duration readyTimeout) {
        public Options {
            masterName = masterName == null || masterName.isBlank() ? "trackeep" : masterName;
            if (!masterName.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("A master name has letters, digits, '.', '_' and '-' only: " + masterName);
            }
            if (replicas < 1 || replicas > 3) {
                throw new IllegalArgumentException("A local Sentinel set has 1 to 3 replicas, not " + replicas);
            }
            if (sentinels != 3 && sentinels != 5) {
                throw new IllegalArgumentException("A local Sentinel set has 3 or 5 Sentinels, not " + sentinels);
            }
            readyTimeout = readyTimeout == null ? Duration.ofSeconds(60) : readyTimeout;
        }

        /** Master "trackeep", 1 replica, 3 Sentinels, random passwords, the default binary. */
        public static Options defaults() {
            return new Options(null, 1, 3, null, null, null, null);
        }

        public Options withBinary(Path bin) {
            return new Options(masterName, replicas, sentinels, bin, password, sentinelPassword, readyTimeout);
        }
    }

    private final Options options;
    private final List<RedisServerProcess> dataNodes;
    private final List<RedisServerProcess> sentinels;
    private final String password;
    private final String sentinelPassword;
    private final Duration startupTime;

    private SentinelTopology(Options options, List<RedisServerProcess> dataNodes, List<RedisServerProcess> sentinels,
                             String password, String sentinelPassword, Duration startupTime) {
        this.options = options;
        this.dataNodes = List.copyOf(dataNodes);
        this.sentinels = List.copyOf(sentinels);
        this.password = password;
        this.sentinelPassword = sentinelPassword;
        this.startupTime = startupTime;
    }

    /**
     * Starts master, replicas and Sentinels; returns when every Sentinel sees the master, every
     * replica and every other Sentinel, and every replica's link to the master is up.
     *
     * @throws IllegalStateException when a process cannot start or the set does not form in time
     *                               (whatever had started is stopped again)
     */
    public static SentinelTopology start(Options options) {
        long begin = System.nanoTime();
        long deadline = begin + options.readyTimeout().toNanos();
        String password = RedisServerProcess.givenOrRandom(options.password());
        String sentinelPassword = RedisServerProcess.givenOrRandom(options.sentinelPassword());
        List<RedisServerProcess> data = new ArrayList<>();
        List<RedisServerProcess> sentinels = List.of();
        try {
            RedisServerProcess master = RedisServerProcess.start(dataNode(options, password));
            data.add(master);
            Supplier<RedisServerProcess> replica = () -> RedisServerProcess.start(
                    dataNode(options, password).withConfig("replicaof 127.0.0.1 " + master.port()));
            data.addAll(NodeGroup.startAll(Collections.nCopies(options.replicas(), replica), Function.identity(), STARTING));
            sentinels = startSentinels(options, master, data.subList(1, data.size()), password, sentinelPassword);
            awaitReady(options, data, sentinels, password, sentinelPassword, deadline);
        } catch (RuntimeException | Error e) {
            NodeGroup.closeAll(concat(sentinels, data));
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("The Sentinel set did not start: " + cause.getMessage(), cause);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        log.info("Redis Sentinel set ready in {} ms: master {} on {}, replicas on {}, Sentinels on {}", took.toMillis(),
                options.masterName(), data.get(0).port(), data.subList(1, data.size()).stream().map(RedisServerProcess::port).toList(),
                sentinels.stream().map(RedisServerProcess::port).toList());
        return new SentinelTopology(options, data, sentinels, password, sentinelPassword, took);
    }

    public static SentinelTopology start() {
        return start(Options.defaults());
    }

    /** The name the Sentinels know the master by. */
    public String masterName() {
        return options.masterName();
    }

    /** The data nodes' password. */
    public String password() { return password; }

    /** The Sentinels' own password (separate from the data nodes'). */
    public String sentinelPassword() { return sentinelPassword; }

    /** The data nodes: the one started as master first, then the replicas; roles change on failover. */
    public List<RedisServerProcess> dataNodes() { return dataNodes; }

    public List<RedisServerProcess> sentinels() { return sentinels; }

    /** {@code host:port} of every Sentinel, for a client's Sentinel list. */
    public List<String> sentinelAddresses() {
        return sentinels.stream().map(s -> s.host() + ":" + s.port()).toList();
    }

    /** How a client reaches the master: through every Sentinel, with the data nodes' and the Sentinels' passwords. */
    public RedisSettings settings() {
        return RedisSettings.fromUri("redis-sentinel://" + String.join(",", sentinelAddresses()) + "#" + masterName())
                .withPassword(password)
                .withSentinelCredentials(null, sentinelPassword);
    }

    /** From the call of {@link #start} until the set was ready. */
    public Duration startupTime() { return startupTime; }

    /**
     * The data node the Sentinels name as master now (it changes on failover), asked of the first
     * Sentinel that answers; empty when none answers or the one it names is not one of these.
     */
    public Optional<RedisServerProcess> currentMaster() {
        for (RedisServerProcess s : sentinels) {
            if (!s.isRunning()) {
                continue;
            }
            try (RespConnection c = RespConnection.open(s.port(), sentinelPassword)) {
                if (c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName()) instanceof List<?> addr && addr.size() == 2) {
                    int port = Integer.parseInt(String.valueOf(addr.get(1)));
                    return dataNodes.stream().filter(n -> n.port() == port).findFirst();
                }
            } catch (RuntimeException unreachable) {
                // ask the next Sentinel
            }
        }
        return Optional.empty();
    }

    /** Stops the Sentinels first (so that stopping the master starts no failover), then the data nodes. */
    @Override
    public void close() {
        NodeGroup.closeAll(sentinels);
        NodeGroup.closeAll(dataNodes);
    }

    // --- starting -------------------------------------------------------------------------------

    private static RedisServerProcess.Options dataNode(Options options, String password) {
        return RedisServerProcess.Options.defaults().unsupervised()
                .withBinary(options.binary())
                .withPassword(password)
                // masterauth: any data node may become a replica after a failover
                .withConfig("masterauth " + password, "repl-diskless-sync-delay 0");
    }

    private static List<RedisServerProcess> startSentinels(Options options, RedisServerProcess master,
                                                           List<RedisServerProcess> replicas, String password,
                                                           String sentinelPassword) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            List<Integer> ports = freePorts(options.sentinels());
            List<String> ids = IntStream.range(0, options.sentinels()).mapToObj(i -> randomId()).toList();
            List<Supplier<RedisServerProcess>> starts = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                RedisServerProcess.Options o = RedisServerProcess.Options.defaults().unsupervised()
                        .withBinary(options.binary())
                        .withPort(ports.get(i))
                        .withPassword(sentinelPassword)
                        .withConfig(sentinelConfig(options, i, ports, ids, master, replicas, password))
                        .asSentinel();
                starts.add(() -> RedisServerProcess.start(o));
            }
            try {
                return NodeGroup.startAll(starts, Function.identity(), STARTING);
            } catch (RuntimeException failure) {
                last = failure; // a port was taken after all: all of them anew, their configs name each other
            }
        }
        throw last;
    }

    private static String[] sentinelConfig(Options options, int self, List<Integer> ports, List<String> ids,
                                           RedisServerProcess master, List<RedisServerProcess> replicas, String password) {
        String name = options.masterName();
        int quorum = options.sentinels() / 2 + 1;
        List<String> lines = new ArrayList<>(List.of(
                "sentinel myid " + ids.get(self),
                "sentinel monitor " + name + " 127.0.0.1 " + master.port() + " " + quorum,
                "sentinel auth-pass " + name + " " + password,
                "sentinel down-after-milliseconds " + name + " 1000",
                "sentinel failover-timeout " + name + " 5000"));
        for (RedisServerProcess r : replicas) {
            lines.add("sentinel known-replica " + name + " 127.0.0.1 " + r.port());
        }
        for (int other = 0; other < ports.size(); other++) {
            if (other != self) {
                lines.add("sentinel known-sentinel " + name + " 127.0.0.1 " + ports.get(other) + " " + ids.get(other));
            }
        }
        return lines.toArray(String[]::new);
    }

    private static void awaitReady(Options options, List<RedisServerProcess> data, List<RedisServerProcess> sentinels,
                                   String password, String sentinelPassword, long deadline) {
        String otherSentinels = Integer.toString(sentinels.size() - 1);
        String replicaCount = Integer.toString(options.replicas());
        for (RedisServerProcess replica : data.subList(1, data.size())) {
            try (RespConnection c = RespConnection.open(replica.port(), password)) {
                NodeGroup.await(deadline, "the replica's link to the master",
                        () -> "up".equals(RespConnection.field(c.call("INFO", "replication"), "master_link_status")));
            }
        }
        for (RedisServerProcess s : sentinels) {
            try (RespConnection c = RespConnection.open(s.port(), sentinelPassword)) {
                NodeGroup.await(deadline, "every Sentinel to see the master, the replicas and the other Sentinels", () -> {
                    Map<String, String> master = pairs(c.call("SENTINEL", "MASTER", options.masterName()));
                    return "master".equals(master.get("flags"))
                            && otherSentinels.equals(master.get("num-other-sentinels"))
                            && replicaCount.equals(master.get("num-slaves"))
                            && c.call("SENTINEL", "REPLICAS", options.masterName()) instanceof List<?> replicas
                            && replicas.stream().map(SentinelTopology::pairs)
                            .allMatch(r -> "slave".equals(r.get("flags")) && "ok".equals(r.get("master-link-status")));
                });
            }
        }
    }

    /** A Sentinel's flat {@code [k1, v1, k2, v2, ...]} answer as a map. */
    static Map<String, String> pairs(Object answer) {
        if (!(answer instanceof List<?> flat)) {
            return Map.of();
        }
        return IntStream.range(0, flat.size() / 2).boxed()
                .collect(Collectors.toMap(i -> String.valueOf(flat.get(2 * i)), i -> String.valueOf(flat.get(2 * i + 1)),
                        (a, b) -> b));
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a probe socket
                }
            }
        }
    }

    private static String randomId() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
