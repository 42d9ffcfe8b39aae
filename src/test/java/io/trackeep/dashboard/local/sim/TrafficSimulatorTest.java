package io.trackeep.dashboard.local.sim;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrafficSimulatorTest {

    private static LocalInstance local;
    private static RedisConnections redis;

    @BeforeAll
    static void start() {
        local = LocalInstance.start(LocalInstance.Options.defaults());
        redis = RedisConnections.open(local.redisSettings());
    }

    @AfterAll
    static void stop() {
        redis.close();
        local.close();
    }

    @Test
    void producesSessionsLimitsCachesBoardsAndChannelTrafficWithinSeconds() {
        AtomicLong messages = new AtomicLong();
        AtomicLong notifications = new AtomicLong();
        try (Subscriptions subscriptions = new Subscriptions(redis)) {
            subscriptions.subscribePattern("tk:messages:*", m -> messages.incrementAndGet());
            subscriptions.subscribePattern("tk:notifications:*", m -> notifications.incrementAndGet());
            TrafficSimulator simulator = local.startSimulator(new SimulatorSettings(20, 80, 0.3, 5, 32));
            try {
                WaitFor.condition(Duration.ofSeconds(20), "every kind of data", () ->
                        count("tk:session:*") > 0
                                && count("tk:rl:general:10.*") > 0
                                && count("tk:rl:auth:203.0.113.*") > 0
                                && count("tk:rl:search:10.*") > 0
                                && count("tk:cache:" + "[0-9a-f]".repeat(32)) > 0
                                && count("tk:search:*") > 0
                                && count("tk:analytics:dashboard:*") > 0
                                && count("tk:challenge:*:leaderboard") > 0
                                && messages.get() > 0 && notifications.get() > 0
                                && simulator.stats().rateLimited() > 0
                                && simulator.stats().cacheHits() > 0);
                SimulatorStats stats = simulator.stats();
                assertThat(stats.succeeded()).isPositive();
                assertThat(stats.serverErrors()).isZero();
                assertThat(stats.failed()).isZero();
                assertThat(stats.loggedIn()).isPositive();
                assertThat(redis.sync().zcard("tk:challenge:1:leaderboard") + redis.sync().zcard("tk:challenge:2:leaderboard")
                        + redis.sync().zcard("tk:challenge:3:leaderboard")).isPositive();
            } finally {
                local.stopSimulator();
            }
        }
    }

    @Test
    void usersWhoseSessionWasKilledLogInAgain() {
        // Other tests' users share these addresses (one sends 5,000 requests a second): start with
        // their sessions and every limit gone, or a user's request is refused by the general limit
        // (429) before its killed session could answer 401, and the user never learns to log in again.
        deleteAll("tk:session:*");
        deleteAll("tk:rl:*");
        TrafficSimulator simulator = local.startSimulator(new SimulatorSettings(5, 10, 0, 0, 8));
        try {
            WaitFor.condition(Duration.ofSeconds(10), "every user logged in", () -> simulator.stats().loggedIn() == 5);
            List<String> killed = keys("tk:session:*");
            deleteAll("tk:session:*"); // as an admin killing them would
            deleteAll("tk:rl:*");

            WaitFor.condition(Duration.ofSeconds(20), "new sessions", () ->
                    keys("tk:session:*").stream().filter(k -> !killed.contains(k)).count() >= 5);
            assertThat(simulator.stats().clientErrors()).isPositive(); // the 401s that told them
        } finally {
            local.stopSimulator();
        }
    }

    @Test
    void pacesRequestsFollowsAdjustmentsAndStops() throws Exception {
        TrafficSimulator simulator = local.startSimulator(new SimulatorSettings(3, 0, 0, 0, 8));
        try {
            Thread.sleep(300);
            assertThat(simulator.stats().sent()).isZero();

            simulator.adjust(simulator.settings().withRequestsPerSecond(100).withUsers(30));
            WaitFor.condition(Duration.ofSeconds(10), "requests after raising the rate", () -> simulator.stats().sent() >= 20);
            assertThat(simulator.settings().users()).isEqualTo(30);
        } finally {
            local.stopSimulator();
        }
        long sent = simulator.stats().sent();
        assertThat(simulator.isRunning()).isFalse();
        assertThat(simulator.stats().inFlight()).isZero();
        Thread.sleep(200);
        assertThat(simulator.stats().sent()).isEqualTo(sent);
    }

    @Test
    void neverHasMoreRequestsOpenThanAllowed() throws Exception {
        TrafficSimulator simulator = local.startSimulator(new SimulatorSettings(50, 5000, 0, 0, 2));
        try {
            int most = 0;
            for (int i = 0; i < 50; i++) {
                most = Math.max(most, simulator.stats().inFlight());
                Thread.sleep(10);
            }
            assertThat(most).isLessThanOrEqualTo(2);
            assertThat(simulator.stats().skipped()).isPositive();
        } finally {
            local.stopSimulator();
        }
    }

    @Test
    void targetsNothingButLoopbackHttp() {
        SimulatorSettings settings = SimulatorSettings.defaults();
        for (String url : List.of("http://example.com", "http://127.0.0.1.example.com", "https://127.0.0.1:8080",
                "http://192.0.2.1:8080", "http://[2001:db8::1]:80", "ftp://127.0.0.1")) {
            assertThatThrownBy(() -> TrafficSimulator.start(URI.create(url), settings))
                    .as(url).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        }
    }

    @Test
    void acceptsLoopbackLiteralsAndLocalhost() {
        for (String url : List.of("http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1", "http://127.0.0.2:1")) {
            TrafficSimulator.start(URI.create(url), SimulatorSettings.defaults().withRequestsPerSecond(0)).close();
        }
    }

    @Test
    void settingsAreValidated() {
        SimulatorSettings d = SimulatorSettings.defaults();
        assertThat(d).isEqualTo(new SimulatorSettings(50, 40, 0.1, 2, 32));
        assertThatThrownBy(() -> d.withUsers(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withRequestsPerSecond(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withRequestsPerSecond(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withAbuseShare(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withChatPerSecond(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxInFlight(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void deleteAll(String pattern) {
        List<String> found = keys(pattern);
        if (!found.isEmpty()) {
            redis.sync().del(found.toArray(String[]::new));
        }
    }

    private static long count(String pattern) {
        return keys(pattern).size();
    }

    private static List<String> keys(String pattern) {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        KeyScanCursor<String> page;
        do {
            page = redis.sync().scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!page.isFinished());
        return keys;
    }
}
