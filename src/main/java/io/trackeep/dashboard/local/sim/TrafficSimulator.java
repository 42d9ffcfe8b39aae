package io.trackeep.dashboard.local.sim;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.trackeep.dashboard.service.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the local instance's HTTP API with real HTTP requests (the JDK {@link HttpClient}), so
 * that every dashboard panel has live data: virtual users log in and out, browse cached pages,
 * search, look at their analytics, score in {@value #CHALLENGES} challenges and read the boards,
 * chat in {@value #CONVERSATIONS} conversations and get notifications; {@value #ABUSIVE_CLIENTS}
 * abusive clients brute-force the login and scrape pages until the rate limits stop them (at the
 * default settings the login limit fires within seconds, the general limit of the main abuser
 * within about a minute).
 *
 * <p><b>Bounded.</b> Requests are paced by one scheduler thread (a token budget refilled every
 * {@value #TICK_MILLIS} ms, capped at one second's worth so a stall never turns into a burst),
 * answered on {@value #HTTP_THREADS} threads, and at most {@link SimulatorSettings#maxInFlight()}
 * are open at once: a request due beyond that is skipped and counted. Each user has at most one
 * request in flight. The settings can be changed while running ({@link #adjust}).
 *
 * <p><b>Only the local instance.</b> The base URL must be an {@code http://} loopback address;
 * anything else is refused.
 *
 * <p>The simulator reacts like a client: a 401 (session killed by an admin, expired) makes the
 * user log in again; a 429 or 503 is counted and the user carries on. It never stops by itself.
 */
public final class TrafficSimulator implements AutoCloseable {

    public static final int ABUSIVE_CLIENTS = 2;
    public static final int CHALLENGES = 3;
    public static final int CONVERSATIONS = 5;

    static final long TICK_MILLIS = 10;
    static final int HTTP_THREADS = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);
    private static final String USER_AGENT = "trackeep-simulator/1.0";
    private static final String[] QUERIES = {"redis", "meeting notes", "golang", "invoice", "travel plans", "roadmap",
            "design review", "budget 2025", "release checklist", "backup", "recipes", "workout"};
    private static final String[] PHRASES = {"Morning! Anyone up for a review?", "Pushed the fix, please have a look",
            "Lunch at 12?", "The dashboard looks great", "Can we move the meeting?", "Done with my tasks for today",
            "Who has the invoice template?", "Deploying in 5 minutes"};
    private static final Logger log = LoggerFactory.getLogger(TrafficSimulator.class);

    private final URI base;
    private final ExecutorService httpThreads;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Instant startedAt = Instant.now();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SimulatorSettings settings;
    private volatile VirtualUser[] users;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong clientErrors = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong cacheMisses = new AtomicLong();

    // Touched by the scheduler thread only.
    private final SplittableRandom random = new SplittableRandom();
    private double requestBudget;
    private double chatBudget;
    private long lastTick = System.nanoTime();

    private TrafficSimulator(URI base, SimulatorSettings settings) {
        this.base = base;
        this.settings = settings;
        this.users = createUsers(new VirtualUser[0], settings.users());
        this.httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, new DefaultThreadFactory("traffic-simulator-http", true));
        this.http = HttpClient.newBuilder()
                .executor(httpThreads)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("traffic-simulator", true));
    }

    /**
     * Starts sending traffic to {@code baseUrl} at once.
     *
     * @throws IllegalArgumentException when {@code baseUrl} is not an {@code http://} loopback URL
     */
    public static TrafficSimulator start(URI baseUrl, SimulatorSettings settings) {
        TrafficSimulator simulator = new TrafficSimulator(requireLoopback(baseUrl), settings);
        simulator.scheduler.scheduleAtFixedRate(simulator::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        log.info("Traffic simulator started against {}: {}", baseUrl, settings);
        return simulator;
    }

    public URI baseUrl() { return base; }

    public SimulatorSettings settings() { return settings; }

    /** Applies new settings from the next tick on; users added start logged out, users removed stop. */
    public synchronized void adjust(SimulatorSettings newSettings) {
        if (newSettings.users() != users.length) {
            users = createUsers(users, newSettings.users());
        }
        settings = newSettings;
    }

    public boolean isRunning() {
        return !closed.get();
    }

    public SimulatorStats stats() {
        int loggedIn = (int) Arrays.stream(users).filter(VirtualUser::loggedIn).count();
        return new SimulatorStats(startedAt, Instant.now(), sent.get(), succeeded.get(), rateLimited.get(),
                clientErrors.get(), serverErrors.get(), failed.get(), skipped.get(), cacheHits.get(), cacheMisses.get(),
                loggedIn, inFlight.get());
    }

    /** Stops sending, waits up to 3 s for the answers still open, and stops the threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        httpThreads.shutdownNow();
        log.info("Traffic simulator stopped: {}", stats().summary());
    }

    // ---- pacing ------------------------------------------------------------------------

    private void tick() {
        try {
            long now = System.nanoTime();
            double seconds = (now - lastTick) / 1e9;
            lastTick = now;
            SimulatorSettings s = settings;
            requestBudget = Math.min(requestBudget + s.requestsPerSecond() * seconds, Math.max(1, s.requestsPerSecond()));
            chatBudget = Math.min(chatBudget + s.chatPerSecond() * seconds, Math.max(1, s.chatPerSecond()));
            while (requestBudget >= 1 && !closed.get()) {
                requestBudget--;
                if (random.nextDouble() < s.abuseShare()) {
                    abusiveRequest();
                } else {
                    userRequest();
                }
            }
            while (chatBudget >= 1 && !closed.get()) {
                chatBudget--;
                chatMessage();
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep ticking.
            log.warn("Traffic simulator tick failed", e);
        }
    }

    // ---- what users and abusers do -----------------------------------------------------

    private void userRequest() {
        VirtualUser user = idleUser(false);
        if (user == null) {
            return; // every user picked is waiting for an answer: a person does not click twice
        }
        String session = user.session.get();
        if (session == null) {
            send(user, post("/api/login", user.address, null, Map.of("user_id", user.userId, "username", user.username,
                    "email", user.username + "@example.com", "role", user.userId % 10 == 0 ? "admin" : "user")));
            return;
        }
        int roll = random.nextInt(100);
        HttpRequest request;
        if (roll < 34) {
            request = get("/api/items?page=" + page(), user.address, session);
        } else if (roll < 48) {
            request = get("/api/search?q=" + QUERIES[random.nextInt(QUERIES.length)].replace(" ", "+"), user.address, session);
        } else if (roll < 56) {
            request = get(analyticsPath(), user.address, session);
        } else if (roll < 70) {
            request = post("/api/challenges/" + challenge() + "/score", user.address, session,
                    Map.of("user_id", user.userId, "points", 1 + random.nextInt(20)));
        } else if (roll < 80) {
            request = get("/api/challenges/" + challenge() + "/leaderboard?top=10", user.address, session);
        } else if (roll < 84) {
            request = get("/api/challenges/" + challenge() + "/rank/" + user.userId, user.address, session);
        } else if (roll < 90) {
            request = get("/api/session", user.address, session);
        } else if (roll < 96) {
            VirtualUser[] all = users;
            long target = all[random.nextInt(all.length)].userId;
            request = post("/api/users/" + target + "/notifications", user.address, null, Map.of("type", "mention",
                    "title", "New mention", "message", user.username + " mentioned you"));
        } else {
            request = delete("/api/session", user.address, session);
        }
        send(user, request);
    }

    /** Logins (the auth limit fires after 5 a minute) and page scraping (general: 100 a minute). The first abuser sends most. */
    private void abusiveRequest() {
        int abuser = random.nextInt(4) == 0 ? 1 : 0;
        String address = "203.0.113." + (abuser + 1); // TEST-NET-3: documentation addresses, never a real client
        if (random.nextInt(10) < 3) {
            send(null, post("/api/login", address, null, Map.of("user_id", random.nextInt(1, 1000), "username", "admin")));
        } else {
            send(null, get("/api/items?page=" + (1 + random.nextInt(25)), address, null));
        }
    }

    private void chatMessage() {
        VirtualUser user = idleUser(true);
        if (user == null) {
            return;
        }
        String session = user.session.get();
        if (session == null) {
            user.release();
            return;
        }
        send(user, post("/api/conversations/" + (1 + random.nextInt(CONVERSATIONS)) + "/messages", user.address, session,
                Map.of("content", PHRASES[random.nextInt(PHRASES.length)])));
    }

    /** A random user without a request in flight (logged in, if asked), claimed; null after a few tries. */
    private VirtualUser idleUser(boolean loggedIn) {
        VirtualUser[] all = users;
        for (int attempt = 0; attempt < 5; attempt++) {
            VirtualUser user = all[random.nextInt(all.length)];
            if ((!loggedIn || user.loggedIn()) && user.claim()) {
                return user;
            }
        }
        return null;
    }

    /** Mostly the first pages, as people browse: keeps hit rates realistic. */
    private int page() {
        return random.nextInt(10) < 7 ? 1 + random.nextInt(3) : 4 + random.nextInt(22);
    }

    private int challenge() {
        return 1 + random.nextInt(CHALLENGES);
    }

    private String analyticsPath() {
        LocalDate today = LocalDate.now();
        LocalDate start = switch (random.nextInt(3)) {
            case 0 -> today.minusDays(6);
            case 1 -> today.minusDays(29);
            default -> today.withDayOfMonth(1);
        };
        return "/api/analytics/dashboard?start=" + start + "&end=" + today;
    }

    // ---- HTTP --------------------------------------------------------------------------

    private HttpRequest get(String path, String address, String session) {
        return builder(path, address, session).GET().build();
    }

    private HttpRequest delete(String path, String address, String session) {
        return builder(path, address, session).DELETE().build();
    }

    private HttpRequest post(String path, String address, String session, Map<String, Object> body) {
        return builder(path, address, session)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(new LinkedHashMap<>(body))))
                .build();
    }

    private HttpRequest.Builder builder(String path, String address, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("X-Forwarded-For", address)
                .header("User-Agent", USER_AGENT);
        return session == null ? b : b.header("X-Session-ID", session);
    }

    /** Takes an in-flight slot if one is free; the counter never goes above the limit, not even for a moment. */
    private boolean claimSlot() {
        int open;
        do {
            open = inFlight.get();
            if (open >= settings.maxInFlight()) {
                return false;
            }
        } while (!inFlight.compareAndSet(open, open + 1));
        return true;
    }

    /** Sends unless too many are open; {@code user} (claimed by the caller, or null) is released when the answer is in. */
    private void send(VirtualUser user, HttpRequest request) {
        if (!claimSlot()) {
            skipped.incrementAndGet();
            release(user);
            return;
        }
        sent.incrementAndGet();
        try {
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        try {
                            if (error != null) {
                                failed.incrementAndGet();
                            } else {
                                record(user, request, response);
                            }
                        } finally {
                            inFlight.decrementAndGet();
                            release(user);
                        }
                    });
        } catch (RuntimeException e) {
            // e.g. the client's executor is shut down while closing
            failed.incrementAndGet();
            inFlight.decrementAndGet();
            release(user);
        }
    }

    private void record(VirtualUser user, HttpRequest request, HttpResponse<Void> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            succeeded.incrementAndGet();
        } else if (status == 429) {
            rateLimited.incrementAndGet();
        } else if (status >= 500) {
            serverErrors.incrementAndGet();
        } else {
            clientErrors.incrementAndGet();
        }
        response.headers().firstValue("X-Cache").ifPresent(cache -> (cache.equals("HIT") ? cacheHits : cacheMisses).incrementAndGet());
        if (user == null) {
            return;
        }
        String path = request.uri().getPath();
        if (status == 201 && path.equals("/api/login")) {
            response.headers().firstValue("X-Session-ID").ifPresent(user.session::set);
        } else if (status == 401 || (status == 204 && request.method().equals("DELETE"))) {
            user.session.set(null); // logged out, or the session was killed or expired: log in again next time
        }
    }

    private static void release(VirtualUser user) {
        if (user != null) {
            user.release();
        }
    }

    private static VirtualUser[] createUsers(VirtualUser[] existing, int count) {
        VirtualUser[] result = Arrays.copyOf(existing, count);
        for (int i = existing.length; i < count; i++) {
            result[i] = new VirtualUser(i);
        }
        return result;
    }

    /** Only {@code localhost} or a loopback IP literal: no name is looked up, so DNS cannot point the traffic elsewhere. */
    private static URI requireLoopback(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().replaceAll("^\\[|]$", "");
        boolean literal = host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
        boolean loopback;
        try {
            loopback = host.equalsIgnoreCase("localhost") || (literal && InetAddress.getByName(host).isLoopbackAddress());
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!"http".equals(url.getScheme()) || !loopback) {
            throw new IllegalArgumentException("The simulator only targets the local instance on a loopback address, not " + url);
        }
        return url;
    }
}
