package io.trackeep.dashboard.service.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Delegating;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.event.Event;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.DisconnectedEvent;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import io.lettuce.core.protocol.DefaultEndpoint;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.trackeep.dashboard.service.keys.KeySchema;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The one place that turns {@link RedisSettings} into Lettuce connections, for each
 * {@link Topology}: one server, a master named by Sentinels, or a Cluster. Holds one shared,
 * multiplexed command connection (Lettuce connections are thread-safe: never pool them) and hands
 * out separate connections for pub/sub, which must not share the command connection.
 *
 * <p>Callers see only the command interfaces that all three share ({@link RedisClusterCommands},
 * {@link RedisClusterAsyncCommands}). On a Cluster the router sends each command to the master of
 * its key's slot, splits multi-key commands (MGET, DEL, EXISTS, UNLINK) per slot and walks SCAN
 * over every master; it follows slot moves (MOVED/ASK) and failovers: the topology is read again
 * every {@value LettuceOptions#CLUSTER_REFRESH_SECONDS} s and at once on a redirection, an uncovered slot or a
 * node that keeps refusing to reconnect. With Sentinels every connection goes to the master the
 * Sentinels name now and is moved to the new one at the first switch event ({@link SentinelMaster}).
 *
 * <p>Every connection uses {@link LosslessStringCodec}: a key, member or value that is not
 * UTF-8 comes back as a string that names its exact bytes, so it can be shown and acted on.
 *
 * <p>While disconnected, commands are rejected at once instead of queued: a dashboard or a
 * request handler gets a clear {@link RedisAccessException} instead of a hang, and Lettuce keeps
 * reconnecting in the background, at most {@link #RECONNECT_DELAY_CAP} apart, so the connection
 * is back within about that long after Redis answers again, however long it was away (Lettuce's
 * default backoff grows to 30 s: 7 s and 19 s of extra outage were seen after 10 s and 45 s
 * outages). An attempt against a stopped server costs one refused TCP connection.
 * {@link #translate} says why the connection is down (refused, or not answering) when a command
 * is rejected meanwhile.
 */
public final class RedisConnections implements AutoCloseable {

    /** Every connection's codec: lossless for bytes that are not UTF-8 (see the class comment). */
    static final RedisCodec<String, String> CODEC = LosslessStringCodec.INSTANCE;

    /** The longest wait between two reconnect attempts. */
    public static final Duration RECONNECT_DELAY_CAP = Duration.ofMillis(500);

    private final RedisSettings settings;
    private final KeySchema keys;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> sync;
    private final RedisClusterAsyncCommands<String, String> async;
    // Non-null on a monitoring connection: what this program itself did to Redis (see OwnTraffic).
    private final SelfAccounting accounting;
    // Non-null with Sentinels: the master followed across failovers.
    private final SentinelMaster sentinelMaster;
    private final Disposable reconnectWatch;
    // Why the last reconnect attempt failed, null while connected; written by Lettuce's event thread.
    private volatile String whyDisconnected;
    // Extra connections handed out (pub/sub) are closed with this object.
    private final List<AutoCloseable> extra = new CopyOnWriteArrayList<>();
    // With Sentinels: connections to data nodes other than the master (replicas, a demoted master),
    // opened on first use for per-node readings and closed with this object; by host:port.
    private final Map<String, StatefulRedisConnection<String, String>> nodeLinks = new ConcurrentHashMap<>();

    private RedisConnections(RedisSettings settings, ClientResources resources, AbstractRedisClient client,
                             StatefulConnection<String, String> connection,
                             RedisClusterCommands<String, String> sync, RedisClusterAsyncCommands<String, String> async,
                             SelfAccounting accounting, SentinelMaster sentinelMaster) {
        this.settings = settings;
        this.keys = new KeySchema(settings.keyPrefix());
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.sync = sync;
        this.async = async;
        this.accounting = accounting;
        this.sentinelMaster = sentinelMaster;
        this.reconnectWatch = resources.eventBus().get().subscribe(this::onConnectionEvent);
    }

    /**
     * Connects and authenticates now, so that a wrong password or an unreachable host is reported
     * here, as a {@link RedisAccessException}, and not on the first command.
     */
    public static RedisConnections open(RedisSettings settings) {
        return open(settings, false);
    }

    /**
     * Like {@link #open(RedisSettings)}, for a program that watches Redis (the window, the command
     * line): the connection counts its own keyspace lookups and commands ({@link #accounting()}),
     * so that what it shows can leave them out. On a Cluster each node counts its own (see
     * {@link MonitoringClusterClient}).
     */
    public static RedisConnections openForMonitoring(RedisSettings settings) {
        return open(settings, true);
    }

    private static RedisConnections open(RedisSettings settings, boolean monitoring) {
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(settings, monitoring);
            } catch (RedisAccessException e) {
                // about 1 in 100 failed handshakes; a third loss in a row (1 in a million) is reported as it reads
                if (attempt == 3 || !RedisErrors.lostHandshakeRace(e)) {
                    throw e;
                }
            }
        }
    }

    private static RedisConnections openOnce(RedisSettings settings, boolean monitoring) {
        return switch (settings.topology()) {
            case STANDALONE -> openStandalone(settings, monitoring);
            case SENTINEL -> openSentinel(settings, monitoring);
            case CLUSTER -> openCluster(settings, monitoring);
        };
    }

    private static RedisConnections openStandalone(RedisSettings settings, boolean monitoring) {
        ClientOptions options = LettuceOptions.clientOptions(settings);
        ClientResources resources = newResources();
        RedisClient client = RedisClient.create(resources, LettuceOptions.toRedisUri(settings));
        client.setOptions(options);
        try {
            StatefulRedisConnection<String, String> plain = client.connect(CODEC);
            return standaloneLike(settings, resources, client, plain, monitoring, null);
        } catch (RuntimeException e) {
            shutDown(client, resources);
            throw RedisErrors.translateConnect(settings, e);
        }
    }

    private static RedisConnections openSentinel(RedisSettings settings, boolean monitoring) {
        ClientOptions options = LettuceOptions.clientOptions(settings);
        ClientResources resources = newResources();
        SentinelClient client = new SentinelClient(resources, LettuceOptions.toRedisUri(settings));
        client.setOptions(options);
        SentinelMaster master = null;
        try {
            try {
                master = SentinelMaster.start(client, LettuceOptions.sentinelUris(settings), settings.masterName(), settings.commandTimeout());
            } catch (RuntimeException e) {
                // said apart from the data nodes: the Sentinels have a password (and user) of their own
                throw RedisErrors.translate("Asking the Sentinels " + settings.nodes() + " for master '" + settings.masterName() + "'", e);
            }
            client.follow(master);
            StatefulRedisConnection<String, String> plain = client.connect(CODEC, client.dataUri());
            master.onSwitch(() -> disconnect(plain));
            return standaloneLike(settings, resources, client, plain, monitoring, master);
        } catch (RuntimeException e) {
            if (master != null) {
                master.close();
            }
            shutDown(client, resources);
            throw RedisErrors.translateConnect(settings, e);
        }
    }

    private static RedisConnections standaloneLike(RedisSettings settings, ClientResources resources, RedisClient client,
                                                   StatefulRedisConnection<String, String> plain, boolean monitoring,
                                                   SentinelMaster master) {
        SelfAccounting accounting = monitoring ? new SelfAccounting() : null;
        StatefulRedisConnection<String, String> used = accounting == null ? plain : new BracketedConnection(plain, accounting);
        return new RedisConnections(settings, resources, client, used, used.sync(), used.async(), accounting, master);
    }

    private static RedisConnections openCluster(RedisSettings settings, boolean monitoring) {
        ClusterClientOptions options = LettuceOptions.clusterOptions(settings);
        ClientResources resources = newResources();
        List<RedisURI> seeds = settings.nodes().stream().map(n -> LettuceOptions.nodeUri(settings, n.host(), n.port())).toList();
        RedisClusterClient client = monitoring ? new MonitoringClusterClient(resources, seeds)
                : RedisClusterClient.create(resources, seeds);
        client.setOptions(options);
        try {
            StatefulRedisClusterConnection<String, String> c = client.connect(CODEC);
            connectMasters(c, List.copyOf(c.getPartitions()), true);
            // a new master (failover) gets its connection as soon as the new topology is read
            resources.eventBus().get().subscribe(e -> {
                if (e instanceof ClusterTopologyChangedEvent changed && c.isOpen()) {
                    connectMasters(c, changed.after(), false);
                }
            });
            SelfAccounting accounting = monitoring ? nodeAccounting(c, reportingNode(c)) : null;
            return new RedisConnections(settings, resources, client, c, c.sync(), c.async(), accounting, null);
        } catch (RuntimeException e) {
            shutDown(client, resources);
            throw RedisErrors.translateConnect(settings, e);
        }
    }

    /**
     * Opens the connection to every master now. Lettuce opens a node's connection at the first
     * command for one of its slots, and rejects that command while the connection is being made
     * (commands are rejected rather than queued while disconnected): without this, the first
     * command to each master would fail.
     */
    private static void connectMasters(StatefulRedisClusterConnection<String, String> c, List<RedisClusterNode> nodes,
                                       boolean wait) {
        for (RedisClusterNode n : nodes) {
            if (n.is(RedisClusterNode.NodeFlag.UPSTREAM) && !n.is(RedisClusterNode.NodeFlag.FAIL)) {
                CompletableFuture<?> connecting = c.getConnectionAsync(n.getUri().getHost(), n.getUri().getPort());
                if (wait) {
                    connecting.join();
                }
            }
        }
    }

    /** Event loops and timers of one RedisConnections, with its reconnect delay. */
    private static ClientResources newResources() {
        return DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ZERO, RECONNECT_DELAY_CAP, 2, TimeUnit.MILLISECONDS)) // 1, 2, 4 ... 500 ms
                .build();
    }

    /** The client, then its resources (event loops, timers): ours, not shared, so they go too. */
    private static void shutDown(AbstractRedisClient client, ClientResources resources) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        shutDown(resources);
    }

    /** Stops the client's threads and waits (boundedly) until they are gone. */
    private static void shutDown(ClientResources resources) {
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // its threads are daemons and end with the JVM; nothing else holds on to them
        }
    }

    /**
     * What this program did to Redis on this connection, or null when it does not count (a service
     * connection). On a Cluster: what it did to the node whose INFO {@link SelfAccounting#info}
     * reads (the master of slot 0); each node keeps its own count.
     */
    public SelfAccounting accounting() {
        if (accounting != null && connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            return nodeAccounting(cluster, reportingNode(cluster));
        }
        return accounting;
    }

    /** Standalone, Sentinel or Cluster. */
    public Topology topology() {
        return settings.topology();
    }

    public RedisSettings settings() { return settings; }

    public KeySchema keys() { return keys; }

    /** How the shared connection encodes keys and values, for commands built by hand ({@code dispatch}). */
    public RedisCodec<String, String> codec() {
        return connection.getCodec();
    }

    /** Blocking commands on the shared connection; failures surface as Lettuce exceptions (wrap with {@link RedisErrors}). */
    public RedisClusterCommands<String, String> sync() { return sync; }

    /** Non-blocking commands on the shared connection; commands issued back to back are pipelined. */
    public RedisClusterAsyncCommands<String, String> async() { return async; }

    public boolean isOpen() {
        return connection.isOpen();
    }

    /** The client's resources (event loops, timers, reconnect delay); tests check the reconnect settings. */
    ClientResources resources() { return resources; }

    /**
     * {@link RedisErrors#translate} for a failure on these connections: a command rejected while
     * disconnected says why the connection is down (the server refused it, or stopped answering).
     */
    public RedisAccessException translate(String what, Throwable error) {
        return RedisErrors.translate(what, error, whyDisconnected);
    }

    /** Runs a call on these connections and translates its failure (saying why the connection is down). */
    public <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    private void onConnectionEvent(Event event) {
        if (event instanceof ReconnectFailedEvent failed) {
            String reason = RedisErrors.connectFailure(failed.getCause());
            whyDisconnected = reason != null ? reason : "the connection was lost: " + RedisErrors.rootMessage(failed.getCause());
        } else if (event instanceof DisconnectedEvent && whyDisconnected == null) {
            whyDisconnected = "the connection was lost";
        } else if (event instanceof ConnectionActivatedEvent) {
            whyDisconnected = null;
        }
    }

    /**
     * A new connection for subscriptions; Lettuce resubscribes it after a reconnect. Closed with
     * this object. With Sentinels it follows the master like the command connection; on a Cluster
     * it subscribes on one node (a message published on any node reaches every node) and moves to
     * another when that node leaves.
     */
    public synchronized StatefulRedisPubSubConnection<String, String> newPubSub() {
        try {
            StatefulRedisPubSubConnection<String, String> pubSub;
            if (client instanceof RedisClusterClient cluster) {
                pubSub = cluster.connectPubSub(CODEC);
            } else if (client instanceof SentinelClient sentinel) {
                pubSub = sentinel.connectPubSub(CODEC, sentinel.dataUri());
                sentinelMaster.onSwitch(() -> disconnect(pubSub));
            } else {
                pubSub = ((RedisClient) client).connectPubSub(CODEC);
            }
            extra.add(pubSub);
            return pubSub;
        } catch (RuntimeException e) {
            throw RedisErrors.translate("Opening a pub/sub connection", e);
        }
    }

    /** Refuses an action that writes when the profile is read-only. */
    public void requireWritable(String action) {
        if (settings.readOnly()) {
            throw new RedisAccessException(RedisAccessException.Kind.READ_ONLY,
                    action + " refused: this connection is read-only");
        }
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : extra) {
            if (c instanceof StatefulConnection<?, ?> s && !s.isOpen()) {
                // closed by its user already (Subscriptions.close()); a second close only logs a warning,
                // and one that is merely reconnecting is closed by the client shutdown below
                continue;
            }
            try {
                c.close();
            } catch (Exception ignored) {
                // closing best effort: the client shutdown below releases everything anyway
            }
        }
        extra.clear();
        nodeLinks.values().forEach(StatefulConnection::closeAsync);
        nodeLinks.clear();
        connection.close();
        if (sentinelMaster != null) {
            sentinelMaster.close();
        }
        reconnectWatch.dispose();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        shutDown(resources);
    }

    /**
     * Drops a connection's socket so that Lettuce reconnects it (to the address its client resolves
     * then): how a connection leaves a demoted master. Commands sent meanwhile are rejected, never
     * sent to the old master.
     */
    static void disconnect(StatefulConnection<?, ?> connection) {
        if (connection instanceof RedisChannelHandler<?, ?> handler) {
            RedisChannelWriter writer = handler.getChannelWriter();
            while (writer instanceof Delegating<?> d && d.getDelegate() instanceof RedisChannelWriter inner) {
                writer = inner;
            }
            if (writer instanceof DefaultEndpoint endpoint) {
                endpoint.disconnect();
            }
        }
    }

    /** The master of slot 0: the node a Cluster's single-node readings (INFO) come from. */
    static RedisClusterNode reportingNode(StatefulRedisClusterConnection<String, String> cluster) {
        RedisClusterNode node = cluster.getPartitions().getMasterBySlot(0);
        if (node == null) {
            throw new io.lettuce.core.RedisException("No Cluster node serves slot 0");
        }
        return node;
    }

    /** The count kept by the bracketing connection to {@code node} (Cluster monitoring connection only), or null. */
    static SelfAccounting nodeAccounting(StatefulRedisClusterConnection<String, String> cluster, RedisClusterNode node) {
        StatefulRedisConnection<String, String> c = cluster.getConnection(node.getUri().getHost(), node.getUri().getPort());
        if (c instanceof RedisChannelHandler<?, ?> h && h.getChannelWriter() instanceof BracketingWriter w) {
            return w.accounting();
        }
        return null;
    }

    /**
     * The nodes that answer for a part of the deployment on their own (PUBSUB, INFO, SLOWLOG and
     * CLIENT LIST are per node on a Cluster), as {@code host:port}: every Cluster node that is not
     * marked failed, masters first; the one server, or the master the Sentinels name now.
     */
    public List<String> nodeAddresses() {
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            List<RedisClusterNode> nodes = new ArrayList<>(cluster.getPartitions()); // the read view: see masters()
            nodes.sort(Comparator.comparing((RedisClusterNode n) -> !n.is(RedisClusterNode.NodeFlag.UPSTREAM)));
            return nodes.stream()
                    // down: it has no clients, and nothing to tell
                    .filter(n -> !n.is(RedisClusterNode.NodeFlag.FAIL) && !n.is(RedisClusterNode.NodeFlag.NOADDR))
                    .map(n -> n.getUri().getHost() + ":" + n.getUri().getPort())
                    .toList();
        }
        return List.of(sentinelMaster != null ? sentinelMaster.describe() : settings.host() + ":" + settings.port());
    }

    /**
     * What the deployment consists of now, asked of it: a Cluster's {@code CLUSTER NODES}, the
     * Sentinels' view of the master and its replicas, or the one server's {@code ROLE}.
     *
     * @throws RedisAccessException when it cannot be asked
     */
    public DeploymentView deployment() {
        if (connection instanceof StatefulRedisClusterConnection<String, String>) {
            return DeploymentView.ofClusterNodes(RedisErrors.call("Reading the Cluster's nodes", sync::clusterNodes));
        }
        if (sentinelMaster != null) {
            return sentinelMaster.view();
        }
        List<Object> role = RedisErrors.call("Reading the server's role", sync::role);
        String address = settings.host() + ":" + settings.port();
        boolean master = "master".equals(String.valueOf(role.get(0)));
        String masterAddress = master || role.size() < 3 ? null : role.get(1) + ":" + role.get(2);
        return new DeploymentView(Topology.STANDALONE, null,
                List.of(new DeploymentView.Node(address, address, master ? "master" : "replica", masterAddress, List.of(), List.of())),
                List.of());
    }

    /**
     * The masters, whose keys together are the keyspace: every Cluster master that serves slots
     * and is not marked failed (in slot order), or the one server, or the Sentinels' master now.
     */
    public List<RedisNode> masters() {
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            // Partitions' read view, which a topology refresh replaces whole; its getPartitions() is the list the refresh
            // rewrites in place (a census tick during a refresh failed with ConcurrentModificationException)
            return cluster.getPartitions().stream()
                    .filter(n -> n.is(RedisClusterNode.NodeFlag.UPSTREAM) && !n.is(RedisClusterNode.NodeFlag.FAIL)
                            && !n.getSlots().isEmpty())
                    .sorted(Comparator.comparing((RedisClusterNode n) -> n.getSlots().get(0)))
                    .map(n -> new RedisNode(n.getNodeId(), n.getUri().getHost() + ":" + n.getUri().getPort()))
                    .toList();
        }
        String address = nodeAddresses().get(0);
        return List.of(new RedisNode(address, address));
    }

    /**
     * Runs {@code command} on the data node at {@code address}: one of {@link #nodeAddresses()}, or any
     * node of {@link #deployment()} (a Cluster replica, a Sentinel replica); on one server, on it.
     */
    public <T> T onNode(String address, String what, Function<RedisClusterCommands<String, String>, T> command) {
        if (connection instanceof StatefulRedisClusterConnection<String, String> || isLinkedNode(address)) {
            return RedisErrors.call(what + " on " + address, () -> command.apply(nodeConnection(address).sync()));
        }
        return call(what, () -> command.apply(sync));
    }

    /**
     * {@link #onNode} for the data node at {@code node} ({@code host:port}), or, when {@code node}
     * is null, on the node the shared connection talks to, its failure translated by
     * {@link RedisErrors#call}: how a reading or an action for "this node or the shared one" is sent.
     */
    public <T> T onNodeOrShared(String node, String what, Function<RedisClusterCommands<String, String>, T> command) {
        return node == null ? RedisErrors.call(what, () -> command.apply(sync)) : onNode(node, what, command);
    }

    /**
     * The commands of the data node at {@code address}, for pipelined per-node readings: a Cluster
     * node's own connection, a Sentinel replica's link, else the shared connection. Connecting to a
     * node not connected yet blocks for at most the connect timeout.
     *
     * @throws RedisAccessException when the node cannot be connected to
     */
    public RedisClusterAsyncCommands<String, String> nodeAsync(String address) {
        if (connection instanceof StatefulRedisClusterConnection<String, String> || isLinkedNode(address)) {
            return RedisErrors.call("Connecting to " + address, () -> nodeConnection(address).async());
        }
        return async;
    }

    /** With Sentinels: a data node other than the master followed now, reached over a link of its own. */
    private boolean isLinkedNode(String address) {
        return sentinelMaster != null && !address.equals(sentinelMaster.describe());
    }

    private StatefulRedisConnection<String, String> nodeConnection(String address) {
        int colon = address.lastIndexOf(':');
        return nodeConnection(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    /**
     * The Cluster's nodes as this client knows them (every node of its last topology reading, the
     * failed ones too: they are to be shown as down), masters first in slot order, then replicas;
     * empty when not a Cluster.
     */
    public List<String> clusterNodesKnown() {
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            List<RedisClusterNode> nodes = new ArrayList<>(cluster.getPartitions()); // the read view: see masters()
            nodes.removeIf(n -> n.getUri() == null || n.getUri().getHost() == null || n.getUri().getHost().isEmpty());
            nodes.sort(Comparator.comparing((RedisClusterNode n) -> !n.is(RedisClusterNode.NodeFlag.UPSTREAM))
                    .thenComparing(n -> n.getSlots().isEmpty() ? Integer.MAX_VALUE : n.getSlots().get(0)));
            return nodes.stream().map(n -> n.getUri().getHost() + ":" + n.getUri().getPort()).distinct().toList();
        }
        return List.of();
    }

    /** The quorum, the Sentinels and the failovers seen (Sentinel only); null on one server or a Cluster. Never throws. */
    public SentinelStatus sentinelStatus() {
        return sentinelMaster == null ? null : sentinelMaster.status();
    }

    /**
     * {@code SENTINEL FAILOVER <master>} on the first Sentinel that answers (Sentinel only).
     *
     * @return which Sentinel accepted it
     * @throws RedisAccessException when no Sentinel answers or it refuses (no good replica, a failover in progress)
     * @throws IllegalStateException when the deployment is not a Sentinel set
     */
    public String sentinelFailover() {
        if (sentinelMaster == null) {
            throw new IllegalStateException("Not a Sentinel set: " + settings.address());
        }
        return RedisErrors.call("SENTINEL FAILOVER " + settings.masterName(), () -> sentinelMaster.failover()[1]);
    }

    /**
     * Runs {@code command} on every one of {@link #nodeAddresses()}; answers by {@code host:port}.
     *
     * @throws RedisAccessException when a node cannot be asked: a sum or a union without it would be wrong
     */
    public <T> Map<String, T> onEveryNode(String what, Function<RedisClusterCommands<String, String>, T> command) {
        Map<String, T> answers = new LinkedHashMap<>();
        for (String address : nodeAddresses()) {
            answers.put(address, onNode(address, what, command));
        }
        return answers;
    }

    /**
     * The connection to one Cluster node (the one its slots' commands go over), or to a Sentinel
     * set's data node other than the master followed (a link of its own, opened on first use); null
     * for the node the shared connection talks to (one server, the Sentinels' master).
     */
    StatefulRedisConnection<String, String> nodeConnection(String host, int port) {
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            return cluster.getConnection(host, port);
        }
        String address = host + ":" + port;
        if (client instanceof SentinelClient sentinel && isLinkedNode(address)) {
            return nodeLinks.computeIfAbsent(address, a -> sentinel.connect(LettuceOptions.nodeUri(settings, host, port)));
        }
        return null;
    }

    /** What this program did to one Cluster node, on a monitoring connection; null otherwise. */
    SelfAccounting nodeAccounting(String host, int port) {
        StatefulRedisConnection<String, String> c = nodeConnection(host, port);
        if (accounting != null && c instanceof RedisChannelHandler<?, ?> h && h.getChannelWriter() instanceof BracketingWriter w) {
            return w.accounting();
        }
        return null;
    }

    /** The connection to the node whose INFO a Cluster's single-node readings use; null when not a Cluster. */
    StatefulRedisConnection<String, String> reportingNodeConnection() {
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            RedisClusterNode node = reportingNode(cluster);
            return cluster.getConnection(node.getUri().getHost(), node.getUri().getPort());
        }
        return null;
    }
}
