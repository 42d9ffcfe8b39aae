package io.trackeep.dashboard.service.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.event.Event;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.DisconnectedEvent;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.trackeep.dashboard.service.keys.KeySchema;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one place that turns {@link RedisSettings} into Lettuce connections. Holds one shared,
 * multiplexed command connection (Lettuce connections are thread-safe: never pool them) and hands
 * out separate connections for pub/sub, which must not share the command connection.
 *
 * <p>Callers see only the command interfaces that standalone and Cluster connections share
 * ({@link RedisClusterCommands}, {@link RedisClusterAsyncCommands}), so Cluster support is a
 * different factory here, not a rewrite of the features.
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

    /** The longest wait between two reconnect attempts. */
    public static final Duration RECONNECT_DELAY_CAP = Duration.ofMillis(500);

    private final RedisSettings settings;
    private final KeySchema keys;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final Disposable reconnectWatch;
    // Why the last reconnect attempt failed, null while connected; written by Lettuce's event thread.
    private volatile String whyDisconnected;
    // Non-null on a monitoring connection: what this program itself did to Redis (see OwnTraffic).
    private final SelfAccounting accounting;
    // Extra connections handed out (pub/sub) are closed with this object.
    private final List<AutoCloseable> extra = new ArrayList<>();

    private RedisConnections(RedisSettings settings, ClientResources resources, RedisClient client,
                             StatefulRedisConnection<String, String> connection, SelfAccounting accounting) {
        this.settings = settings;
        this.keys = new KeySchema(settings.keyPrefix());
        this.resources = resources;
        this.client = client;
        this.accounting = accounting;
        this.connection = accounting == null ? connection : new BracketedConnection(connection, accounting);
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
     * so that what it shows can leave them out.
     */
    public static RedisConnections openForMonitoring(RedisSettings settings) {
        return open(settings, true);
    }

    private static RedisConnections open(RedisSettings settings, boolean monitoring) {
        ClientOptions options = clientOptions(settings); // reads the CA file: a bad one is said before anything starts
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ZERO, RECONNECT_DELAY_CAP, 2, TimeUnit.MILLISECONDS)) // 1, 2, 4 ... 500 ms
                .build();
        RedisClient client = RedisClient.create(resources, toRedisUri(settings));
        client.setOptions(options);
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            return new RedisConnections(settings, resources, client, connection, monitoring ? new SelfAccounting() : null);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            shutDown(resources);
            throw RedisErrors.translateConnect(settings, e);
        }
    }

    /** What this program did to Redis on this connection, or null when it does not count (a service connection). */
    public SelfAccounting accounting() {
        return accounting;
    }

    public RedisSettings settings() {
        return settings;
    }

    public KeySchema keys() {
        return keys;
    }

    /** How the shared connection encodes keys and values, for commands built by hand ({@code dispatch}). */
    public RedisCodec<String, String> codec() {
        return connection.getCodec();
    }

    /** Blocking commands on the shared connection; failures surface as Lettuce exceptions (wrap with {@link RedisErrors}). */
    public RedisClusterCommands<String, String> sync() {
        return connection.sync();
    }

    /** Non-blocking commands on the shared connection; commands issued back to back are pipelined. */
    public RedisClusterAsyncCommands<String, String> async() {
        return connection.async();
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    /** The client's resources (event loops, timers, reconnect delay); tests check the reconnect settings. */
    ClientResources resources() {
        return resources;
    }

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

    /** A new connection for subscriptions; Lettuce resubscribes it after a reconnect. Closed with this object. */
    public synchronized StatefulRedisPubSubConnection<String, String> newPubSub() {
        try {
            StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
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
        reconnectWatch.dispose();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
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

    static RedisURI toRedisUri(RedisSettings s) {
        RedisURI.Builder b = RedisURI.builder()
                .withHost(s.host())
                .withPort(s.port())
                .withDatabase(s.database())
                .withTimeout(s.commandTimeout());
        if (s.tls()) {
            b.withSsl(true).withVerifyPeer(SslVerifyMode.FULL);
        }
        if (s.password() != null) {
            if (s.username() != null) {
                b.withAuthentication(s.username(), s.password().toCharArray());
            } else {
                b.withPassword(s.password().toCharArray());
            }
        }
        b.withClientName("trackeep-dashboard");
        return b.build();
    }

    static ClientOptions clientOptions(RedisSettings s) {
        ClientOptions.Builder b = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(s.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(s.commandTimeout()));
        if (s.tls()) {
            b.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(TlsTrust.of(s)).build());
        }
        return b.build();
    }
}
