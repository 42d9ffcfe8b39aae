package io.trackeep.dashboard.local.redis;

import io.trackeep.dashboard.service.redis.RedisSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A Redis Cluster of real {@code redis-server} processes on loopback: {@code masters} masters
 * (3 by default, slots split evenly) each with {@code replicasPerMaster} replicas (1 by default),
 * one shared password (clients and replication), in memory. Ready in about 2.5 s on a 2-core
 * machine: the nodes start in parallel, then are joined from here without redis-cli
 * ({@code CLUSTER ADDSLOTS}, {@code MEET}, {@code REPLICATE}, which 6.2 and 7.0 both know). Most
 * of that time is Redis's own: a master stays "fail" for 2 s after its start before it takes
 * writes.
 *
 * <p>Each node is a {@link RedisServerProcess} (its own private folder with its
 * {@code nodes.conf}, its own shutdown hook), so {@link #close()} and a JVM exit leave no process
 * behind, and a node can be killed ({@link RedisServerProcess#kill()}) and restarted to rejoin.
 * Nodes are not restarted when they die: the Cluster's own failover promotes a replica, and a
 * master without persistence restarted at once would come back empty.
 * Before a node uses port P, both P and P+10000 (the cluster bus) are checked to be free.
 */
public final class ClusterTopology implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterTopology.class);
    private static final int SLOTS = 16_384;
    /** The cluster bus is P+10000: P stays below 55535 so that it fits, and above the usual fixed services. */
    private static final int LOWEST_PORT = 20_000;
    private static final int HIGHEST_PORT = 55_534;
    private static final int BUS_OFFSET = 10_000;
    private static final int START_ATTEMPTS = 3;

    /**
     * @param masters           masters (1 to 16), the slots split evenly between them
     * @param replicasPerMaster replicas of each master (0 to 3)
     * @param binary            redis-server to run, or null for {@code REDIS_SERVER} or the embedded one
     * @param password          the nodes' password, or null for a random one
     * @param readyTimeout      how long the whole start may take before it is given up
     * @param tls               certificate, key and CA for TLS between clients and nodes and between nodes, or null
     */
    public record Options(int masters, int replicasPerMaster, Path binary, String password, Duration readyTimeout, Tls tls) {
        public Options {
            if (masters < 1 || masters > 16) {
                throw new IllegalArgumentException("A local cluster has 1 to 16 masters, not " + masters);
            }
            if (replicasPerMaster < 0 || replicasPerMaster > 3) {
                throw new IllegalArgumentException("A local cluster has 0 to 3 replicas per master, not " + replicasPerMaster);
            }
            readyTimeout = readyTimeout == null ? Duration.ofSeconds(60) : readyTimeout;
        }

        /** 3 masters, 1 replica each, random password, the default binary, no TLS. */
        public static Options defaults() {
            return new Options(3, 1, null, null, null, null);
        }

        public Options withBinary(Path bin) {
            return new Options(masters, replicasPerMaster, bin, password, readyTimeout, tls);
        }

        public Options withShape(int masterCount, int replicas) {
            return new Options(masterCount, replicas, binary, password, readyTimeout, tls);
        }

        /**
         * Clients and nodes talk TLS: each node announces a TLS port (its cluster bus is that
         * port + 10000, TLS too) and replicates over TLS; it keeps a plain loopback port, with the
         * password, that only this class uses to join the nodes.
         */
        public Options withTls(Tls files) {
            return new Options(masters, replicasPerMaster, binary, password, readyTimeout, files);
        }
    }

    /** PEM files of a node certificate, its key, and the CA that signed it. */
    public record Tls(Path certFile, Path keyFile, Path caFile) {
        List<String> config() {
            return List.of("tls-cert-file \"" + certFile.toAbsolutePath() + "\"",
                    "tls-key-file \"" + keyFile.toAbsolutePath() + "\"",
                    "tls-ca-cert-file \"" + caFile.toAbsolutePath() + "\"",
                    "tls-auth-clients no",
                    "tls-cluster yes",
                    "tls-replication yes");
        }
    }

    private final List<RedisServerProcess> nodes;
    // the port each node announces to clients and other nodes: its TLS port with TLS, else its port
    private final Map<RedisServerProcess, Integer> clientPorts;
    private final boolean tls;
    private final int masters;
    private final String password;
    private final Duration startupTime;

    private ClusterTopology(List<Node> nodes, boolean tls, int masters, String password, Duration startupTime) {
        this.nodes = nodes.stream().map(Node::process).toList();
        this.clientPorts = nodes.stream().collect(java.util.stream.Collectors.toMap(Node::process, Node::clientPort));
        this.tls = tls;
        this.masters = masters;
        this.password = password;
        this.startupTime = startupTime;
    }

    /**
     * Starts the nodes and joins them into one cluster; returns when every node reports
     * {@code cluster_state:ok}, every replica's link to its master is up and every node sees every replica.
     *
     * @throws IllegalStateException when a node cannot start or the cluster does not form in time
     *                               (whatever had started is stopped again)
     */
    public static ClusterTopology start(Options options) {
        long begin = System.nanoTime();
        long deadline = begin + options.readyTimeout().toNanos();
        String password = RedisServerProcess.givenOrRandom(options.password());
        int count = options.masters() * (1 + options.replicasPerMaster());
        List<Node> nodes = startNodes(count, options, password);
        try {
            form(nodes, options.masters(), password, deadline);
        } catch (RuntimeException | Error e) {
            nodes.forEach(n -> n.process().close());
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        log.info("Redis Cluster of {} masters and {} replicas ready in {} ms on ports {}{}", options.masters(),
                count - options.masters(), took.toMillis(), nodes.stream().map(Node::clientPort).toList(),
                options.tls() != null ? " (TLS)" : "");
        return new ClusterTopology(nodes, options.tls() != null, options.masters(), password, took);
    }

    public static ClusterTopology start() {
        return start(Options.defaults());
    }

    /** Every node, the masters first (in slot order), then the replicas of master 0, 1, ... as started; roles change on failover. */
    public List<RedisServerProcess> nodes() { return nodes; }

    /** The node started as master {@code i} (it may have become a replica after a failover). */
    public RedisServerProcess startedMaster(int i) {
        return nodes.get(i);
    }

    /** The nodes' shared password (the user's own throw-away cluster). */
    public String password() { return password; }

    /** {@code host:port} of every node as clients reach it (its TLS port with TLS), for a client's seed list. */
    public List<String> seeds() {
        return nodes.stream().map(n -> n.host() + ":" + clientPorts.get(n)).toList();
    }

    /**
     * How a client reaches this cluster: every node as a seed, the nodes' password; with TLS
     * ({@code rediss-cluster://}) the caller adds the CA file.
     */
    public RedisSettings settings() {
        return RedisSettings.fromUri((tls ? "rediss" : "redis") + "-cluster://" + String.join(",", seeds())).withPassword(password);
    }

    /** From the call of {@link #start} until the cluster was ready. */
    public Duration startupTime() { return startupTime; }

    /**
     * The nodes that are masters now and serve slots, asked of the running nodes themselves
     * ({@code ROLE}); changes after a failover.
     */
    public List<RedisServerProcess> currentMasters() {
        List<RedisServerProcess> result = new ArrayList<>();
        for (RedisServerProcess n : nodes) {
            if (!n.isRunning()) {
                continue;
            }
            try (RespConnection c = RespConnection.open(n.port(), password)) {
                if (c.call("ROLE") instanceof List<?> role && "master".equals(role.get(0))) {
                    result.add(n);
                }
            } catch (RuntimeException unreachable) {
                // a node that does not answer is no master anyone can use
            }
        }
        return result;
    }

    /** The number of masters the cluster was started with. */
    public int masterCount() { return masters; }

    /** Stops every node (in parallel: none saves, each stops in milliseconds) and removes their folders. */
    @Override
    public void close() {
        NodeGroup.closeAll(nodes);
    }

    // --- starting -------------------------------------------------------------------------------

    /** A started node and the port it announces. */
    private record Node(RedisServerProcess process, int clientPort) {
    }

    private static List<Node> startNodes(int count, Options options, String password) {
        Set<Integer> taken = new HashSet<>();
        try {
            return NodeGroup.startAll(Collections.nCopies(count, startOne(options, password, taken)), Node::process,
                    "cluster-node-start");
        } catch (RuntimeException failure) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            throw new IllegalStateException("A cluster node did not start: " + cause.getMessage(), cause);
        }
    }

    private static Supplier<Node> startOne(Options options, String password, Set<Integer> taken) {
        return () -> {
            RuntimeException last = null;
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                // the announced port has the cluster bus at +10000; with TLS that is the TLS port
                int announced = freeClusterPort(taken);
                int port = options.tls() == null ? announced : freePlainPort(taken);
                RedisServerProcess.Options node = RedisServerProcess.Options.defaults().unsupervised()
                        .withBinary(options.binary())
                        .withPort(port)
                        .withPassword(password)
                        .withConfig(nodeConfig(password));
                if (options.tls() != null) {
                    node = node.withConfig("tls-port " + announced).withConfig(options.tls().config().toArray(String[]::new));
                }
                try {
                    return new Node(RedisServerProcess.start(node), announced);
                } catch (RuntimeException e) {
                    last = e; // another program took P or P+10000 between the check and the bind: another port
                }
            }
            throw last;
        };
    }

    private static String[] nodeConfig(String password) {
        return new String[]{
                "cluster-enabled yes",
                "cluster-config-file nodes.conf",
                "cluster-node-timeout 2000",
                // without it a replica waits ~5 s for a diskless full sync to begin
                "repl-diskless-sync-delay 0",
                "masterauth " + password};
    }

    /** A port P with P and P+10000 both free on loopback, not handed out to another node of this start. */
    static int freeClusterPort(Set<Integer> taken) {
        for (int i = 0; i < 200; i++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST_PORT, HIGHEST_PORT + 1);
            synchronized (taken) {
                if (taken.contains(candidate) || taken.contains(candidate + BUS_OFFSET)
                        || taken.contains(candidate - BUS_OFFSET)) {
                    continue;
                }
                if (isFree(candidate) && isFree(candidate + BUS_OFFSET)) {
                    taken.add(candidate);
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("No free loopback port P with P+" + BUS_OFFSET + " free as well");
    }

    /** A free loopback port (no cluster bus of its own), not handed out to another node of this start. */
    private static int freePlainPort(Set<Integer> taken) {
        for (int i = 0; i < 200; i++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST_PORT, HIGHEST_PORT + 1);
            synchronized (taken) {
                if (!taken.contains(candidate) && !taken.contains(candidate - BUS_OFFSET) && isFree(candidate)) {
                    taken.add(candidate);
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("No free loopback port");
    }

    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // --- joining --------------------------------------------------------------------------------

    private static void form(List<Node> nodes, int masters, String password, long deadline) {
        List<RespConnection> links = new ArrayList<>();
        try {
            for (Node n : nodes) {
                links.add(RespConnection.open(n.process().port(), password));
            }
            for (int m = 0; m < masters; m++) {
                List<String> addSlots = new ArrayList<>();
                addSlots.add("CLUSTER");
                addSlots.add("ADDSLOTS");
                for (int slot = m * SLOTS / masters; slot < (m + 1) * SLOTS / masters; slot++) {
                    addSlots.add(Integer.toString(slot));
                }
                links.get(m).call(addSlots);
            }
            for (int i = 1; i < nodes.size(); i++) {
                links.get(0).call("CLUSTER", "MEET", "127.0.0.1", Integer.toString(nodes.get(i).clientPort()));
            }
            String known = Integer.toString(nodes.size());
            for (RespConnection link : links) {
                NodeGroup.await(deadline, "every node to know the others",
                        () -> known.equals(RespConnection.field(link.call("CLUSTER", "INFO"), "cluster_known_nodes")));
            }
            for (int r = masters; r < nodes.size(); r++) {
                String masterId = (String) links.get((r - masters) % masters).call("CLUSTER", "MYID");
                RespConnection replica = links.get(r);
                // "Unknown node" until the gossip about that master has reached this replica
                NodeGroup.await(deadline, "a replica to follow its master", () -> "OK".equals(replica.call("CLUSTER", "REPLICATE", masterId)));
            }
            for (RespConnection link : links) {
                NodeGroup.await(deadline, "cluster_state:ok on every node",
                        () -> "ok".equals(RespConnection.field(link.call("CLUSTER", "INFO"), "cluster_state")));
            }
            for (int r = masters; r < nodes.size(); r++) {
                RespConnection replica = links.get(r);
                NodeGroup.await(deadline, "every replica's link to its master",
                        () -> "up".equals(RespConnection.field(replica.call("INFO", "replication"), "master_link_status")));
            }
            // Roles travel by gossip: until it has reached every node, a client asking one of them
            // (CLUSTER NODES) may still see a replica as a master without slots.
            long replicas = nodes.size() - masters;
            for (RespConnection link : links) {
                NodeGroup.await(deadline, "every node to see every replica", () -> String.valueOf(link.call("CLUSTER", "NODES")).lines()
                        .filter(line -> line.split(" ").length > 2 && line.split(" ")[2].contains("slave")).count() == replicas);
            }
        } finally {
            links.forEach(RespConnection::close);
        }
    }
}
