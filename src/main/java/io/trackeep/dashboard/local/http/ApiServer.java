package io.trackeep.dashboard.local.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.trackeep.dashboard.service.cache.CacheInvalidator;
import io.trackeep.dashboard.service.cache.CacheStore;
import io.trackeep.dashboard.service.health.HealthCheck;
import io.trackeep.dashboard.service.leaderboard.Leaderboards;
import io.trackeep.dashboard.service.pubsub.MessagePublisher;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.SessionStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local instance's HTTP API: the service layer behind an HTTP/1.1 server on Netty (the one
 * Lettuce brings along), bound to 127.0.0.1 only, JSON everywhere. The routes and the middleware
 * are those of the Trackeep backend (see {@link ApiPipeline} and the route classes). It builds its
 * own service objects on the given connections and names itself {@value #ACTOR} in admin events.
 *
 * <p><b>It stays up</b> (the JDK's built-in server did not: 16 slow clients took all its threads,
 * and during a Redis stall even {@code GET /} waited seconds behind requests stuck on Redis):
 * <ul>
 *   <li>Requests are read and parsed without blocking by one I/O thread ({@link HttpConnection}):
 *       a slow client holds a connection, never a thread. A request must arrive whole within
 *       {@link #REQUEST_TIMEOUT} of its first byte (else 408 and the connection is closed), a
 *       connection may wait {@link #IDLE_TIMEOUT} between requests, and at most
 *       {@link #MAX_CONNECTIONS} are open at once.</li>
 *   <li>A malformed request (bad request line, headers too long, a body shorter than its
 *       {@code Content-Length} or over 1 MiB) gets a JSON 4xx and the connection is closed; it is
 *       logged at DEBUG, never with a stack trace.</li>
 *   <li>Routes that need no Redis ({@code GET /}, paths no route serves) are answered on the I/O
 *       thread at once, never behind requests that wait for Redis.</li>
 *   <li>Routes that need Redis run on {@value #THREADS} workers (beyond {@value #QUEUE} waiting
 *       requests: 503 at once) and are answered by their deadline, Redis's command timeout after
 *       they arrived: a handler still waiting for Redis then is not waited for; the client gets
 *       503 ({@code /health}: its DOWN report).</li>
 * </ul>
 *
 * <p><b>When Redis fails:</b> rate limiting fails open, caches are bypassed (computed, not
 * stored), session lookups fail closed; whatever needs Redis and cannot reach it answers 503,
 * any other failure 500 with a generic message. Nothing is kept in memory in place of Redis.
 */
public final class ApiServer implements AutoCloseable {

    /** Who this API is in admin events. */
    public static final String ACTOR = "local-instance";
    /** Workers for requests that need Redis. */
    static final int THREADS = 16;
    /** Requests that may wait for a worker; more are answered 503 at once. */
    static final int QUEUE = 512;
    /** A request's line, headers and body must all arrive within this from its first byte. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** A kept-alive connection is closed after this long without a request. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    static final int MAX_CONNECTIONS = 1024;

    private static final InetAddress LOOPBACK = ipv4Loopback();
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final Channel listener;
    private final EventLoopGroup io;
    private final ThreadPoolExecutor workers;
    private final ChannelGroup open;
    private final RateLimits rateLimits;
    private final HttpConnection.Shared shared;

    private ApiServer(Channel listener, EventLoopGroup io, ThreadPoolExecutor workers, ChannelGroup open,
                      RateLimits rateLimits, HttpConnection.Shared shared) {
        this.listener = listener;
        this.io = io;
        this.workers = workers;
        this.open = open;
        this.rateLimits = rateLimits;
        this.shared = shared;
    }

    /**
     * Starts serving on {@code 127.0.0.1:port} (0: a free port).
     *
     * @throws UncheckedIOException when the port cannot be bound (in use, no permission)
     */
    public static ApiServer start(RedisConnections redis, int port) {
        SessionStore sessions = new RedisSessionStore(redis, ACTOR);
        RateLimits rateLimits = new RateLimits(redis);
        rateLimits.limits(); // reads the configured limits now rather than during the first request
        Router router = new Router();
        new SessionRoutes(sessions).routes().forEach(router::add);
        new CacheRoutes(new CacheStore(redis), new CacheInvalidator(redis, ACTOR), redis.keys(),
                SampleContent.withTypicalLatency()).routes().forEach(router::add);
        new LeaderboardRoutes(new Leaderboards(redis)).routes().forEach(router::add);
        new MessageRoutes(new MessagePublisher(redis), redis.keys(), Clock.systemDefaultZone()).routes().forEach(router::add);
        new HealthRoutes(new HealthCheck(redis), router::routes).routes().forEach(router::add);
        ApiPipeline pipeline = new ApiPipeline(router, rateLimits, sessions);

        ThreadPoolExecutor workers = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), new DefaultThreadFactory("local-http", true));
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("local-http-io", true),
                NioIoHandler.newFactory());
        ChannelGroup open = new DefaultChannelGroup("local-http", GlobalEventExecutor.INSTANCE);
        HttpConnection.Shared shared = new HttpConnection.Shared(pipeline, workers, redis.settings().commandTimeout(),
                new AtomicInteger(), open);
        ChannelHandler connections = new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                HttpConnection.install(channel, shared);
            }
        };
        ChannelFuture bound = new ServerBootstrap()
                .group(io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // a client that shuts down its side after a truncated body still gets its 400
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(connections)
                .bind(new InetSocketAddress(LOOPBACK, port))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownNow();
            rateLimits.close();
            Throwable cause = bound.cause();
            String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            throw new UncheckedIOException("Cannot listen on " + LOOPBACK.getHostAddress() + ":" + port + ": " + reason,
                    cause instanceof IOException e ? e : new IOException(reason, cause));
        }
        return new ApiServer(bound.channel(), io, workers, open, rateLimits, shared);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI baseUrl() {
        return URI.create("http://" + LOOPBACK.getHostAddress() + ":" + port());
    }

    /**
     * Answers new requests with 503, gives requests in progress up to a second to finish, stops
     * listening (the port is free when this returns), closes the connections and threads, and
     * sends the pending rate-limit stats. Idempotent.
     */
    @Override
    public void close() {
        if (!shared.startClosing()) {
            return;
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        try {
            while (shared.inProgress() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.close().syncUninterruptibly();
        open.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        rateLimits.close();
    }

    /** 127.0.0.1 itself: {@code getLoopbackAddress()} may be ::1 when the JVM prefers IPv6. */
    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress(new byte[]{127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for an address of the wrong length
        }
    }
}
