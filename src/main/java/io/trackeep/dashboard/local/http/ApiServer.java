package io.trackeep.dashboard.local.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trackeep.dashboard.service.cache.CacheInvalidator;
import io.trackeep.dashboard.service.cache.CacheStore;
import io.trackeep.dashboard.service.health.HealthCheck;
import io.trackeep.dashboard.service.leaderboard.Leaderboards;
import io.trackeep.dashboard.service.pubsub.MessagePublisher;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local instance's HTTP API: the service layer behind the JDK's built-in HTTP server, bound
 * to 127.0.0.1 only, JSON everywhere. The routes and the middleware are those of the Trackeep
 * backend (see {@link ApiPipeline} and the route classes); requests are served by a fixed pool
 * of {@value #THREADS} threads, so load beyond that queues instead of growing threads.
 *
 * <p>It builds its own service objects on the given connections and names itself
 * {@value #ACTOR} in admin events (session kills, cache invalidations).
 *
 * <p><b>When Redis fails:</b> rate limiting fails open, caches are bypassed (computed, not
 * stored), session lookups fail closed; whatever needs Redis and cannot reach it answers 503,
 * any other failure 500 with a generic message. {@code /health} answers 503 while Redis is DOWN.
 * Nothing is kept in memory in place of Redis.
 */
public final class ApiServer implements AutoCloseable {

    /** Who this API is in admin events. */
    public static final String ACTOR = "local-instance";
    static final int THREADS = 16;

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final int BACKLOG = 256;
    private static final InetAddress LOOPBACK = ipv4Loopback();
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final ApiResponse SHUTTING_DOWN = ApiResponse.error(503, "Service unavailable", "The local instance is shutting down")
            .withHeader("Connection", "close");

    static {
        // The JDK server writes the headers and the body of an answer separately; with Nagle's
        // algorithm on (its default) the body then waits for the client's delayed ACK, about
        // 40 ms per request on Linux. The server reads this property once, when first used.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final RateLimits rateLimits;
    private final Handler pipeline;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean closing;

    private ApiServer(HttpServer server, ExecutorService executor, RateLimits rateLimits, Handler pipeline) {
        this.server = server;
        this.executor = executor;
        this.rateLimits = rateLimits;
        this.pipeline = pipeline;
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
        Handler pipeline = new ApiPipeline(router, rateLimits, sessions);

        InetSocketAddress address = new InetSocketAddress(LOOPBACK, port);
        HttpServer server;
        try {
            server = HttpServer.create(address, BACKLOG);
        } catch (IOException e) {
            rateLimits.close();
            throw new UncheckedIOException("Cannot listen on " + LOOPBACK.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        ApiServer api = new ApiServer(server, executor, rateLimits, pipeline);
        server.createContext("/", api::serve);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    /**
     * Answers new requests with 503, gives requests in progress up to a second to finish, stops
     * the server (the port is free when this returns) and its threads, and sends the pending
     * rate-limit stats. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        long deadline = System.nanoTime() + GRACE.toNanos();
        try {
            while (active.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Not stop(GRACE): on Java 17 stop(n) always waits the whole n seconds, busy or not.
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        rateLimits.close();
    }

    private void serve(HttpExchange exchange) {
        active.incrementAndGet();
        try {
            send(exchange, closing ? SHUTTING_DOWN : answer(exchange));
        } finally {
            active.decrementAndGet();
        }
    }

    private ApiResponse answer(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        ApiResponse response;
        try {
            Headers headers = exchange.getRequestHeaders();
            String client = ClientAddress.resolve(exchange.getRemoteAddress().getAddress(), headers.getFirst("X-Forwarded-For"));
            response = pipeline.handle(ApiRequest.of(method, path == null ? "/" : path,
                    exchange.getRequestURI().getRawQuery(), headers, client, exchange.getRequestBody()));
        } catch (RuntimeException | Error e) {
            response = ApiErrors.toResponse(e, method, path);
        }
        return response;
    }

    private static void send(HttpExchange exchange, ApiResponse response) {
        try (exchange) {
            Headers out = exchange.getResponseHeaders();
            response.headers().forEach(out::set);
            byte[] body = response.body();
            if (body.length == 0) {
                exchange.sendResponseHeaders(response.status(), -1);
                return;
            }
            out.set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        } catch (IOException e) {
            log.debug("Could not send the response (client gone?): {}", e.toString());
        }
    }

    /** 127.0.0.1 itself: {@code getLoopbackAddress()} may be ::1 when the JVM prefers IPv6. */
    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress(new byte[]{127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for an address of the wrong length
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "local-http-" + n.incrementAndGet());
            t.setDaemon(true); // a forgotten close() must not keep the JVM alive
            return t;
        };
    }
}
