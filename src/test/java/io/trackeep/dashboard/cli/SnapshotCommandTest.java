package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot.Accuracy;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.NewSession;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.testing.GoSessionFixture;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code snapshot} against a real Redis, with the thresholds of a temporary configuration folder. */
@ExtendWith(RedisServerExtension.class)
class SnapshotCommandTest {

    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void useTemporaryConfig() {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, temp.resolve("config").toString());
    }

    @AfterEach
    void restoreConfig() {
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }

    private int run(String... args) {
        CommandLine cl = CommandLineApp.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void sectionsDescribeDataLaidOutAsTheGoBackendWritesIt(RedisServerProcess server, RedisConnections redis) {
        // Go-only data: no project indexes, no per-minute counters
        String ann = "{\"user_id\":42,\"email\":\"ann@example.com\",\"username\":\"ann\",\"role\":\"user\","
                + "\"session_id\":\"%s\",\"ip_address\":\"10.0.0.7\",\"user_agent\":\"curl\","
                + "\"created_at\":\"2026-11-27T10:00:00.123456789+02:00\",\"last_active\":\"2026-11-27T10:05:00Z\"}";
        redis.sync().setex("tk:session:s1", 86400, ann.formatted("s1"));
        redis.sync().setex("tk:session:s2", 86400, ann.formatted("s2"));
        redis.sync().sadd("tk:user:sessions:42", "s1", "s2");
        redis.sync().zadd("tk:rl:general:10.0.0.7", 1764237600, "1764237600");
        redis.sync().zadd("tk:rl:general:10.0.0.8", 1764237601, "1764237601");
        redis.sync().set("tk:rl:auth:10.0.0.7", "3");
        redis.sync().set(redis.keys().responseCache("/api/items", "page=1", 42L), "{\"items\":[]}");
        redis.sync().zadd("tk:challenge:7:leaderboard", 100, "42");
        redis.sync().zadd("tk:challenge:7:leaderboard", 90, "43");
        redis.sync().zadd("tk:challenge:7:leaderboard", 90, "44");

        assertThat(run("snapshot", "--json", "--redis", server.uriWithPassword())).as(err.toString()).isZero();

        JsonNode json = Json.tree(out.toString());
        assertThat(json.get("rateLimits")).anySatisfy(l -> {
            assertThat(l.get("limiter").asText()).isEqualTo("general");
            assertThat(l.get("algorithm").asText()).isEqualTo("sliding-window");
            assertThat(l.get("clients").asLong()).isEqualTo(2);
            assertThat(l.get("limit").asLong()).isEqualTo(100);
        });
        assertThat(json.get("caches")).anySatisfy(c -> {
            assertThat(c.get("family").asText()).isEqualTo("response");
            assertThat(c.get("keys").asLong()).isEqualTo(1);
            assertThat(c.get("hitRate").isNull()).as("no counters in Go-only data").isTrue();
        });
        assertThat(json.get("leaderboards")).singleElement().satisfies(b -> {
            assertThat(b.get("id").asText()).isEqualTo("7");
            assertThat(b.get("size").asLong()).isEqualTo(3);
            assertThat(b.get("top")).extracting(p -> p.get("rank").asLong()).containsExactly(1L, 2L, 2L);
        });
        assertThat(json.get("channels").isArray()).isTrue();
        JsonNode sessions = json.get("sessions");
        assertThat(sessions.get("total").asLong()).as("found by scanning: no index").isEqualTo(2);
        assertThat(sessions.get("topUsers")).anySatisfy(u -> {
            assertThat(u.get("userId").asLong()).isEqualTo(42);
            assertThat(u.get("username").asText()).isEqualTo("ann");
        });
    }

    @Test
    void sessionsOfEveryWriterAreCountedAndEachFigureSaysHowFarItCanBeTrusted(RedisServerProcess server, RedisConnections redis) {
        GoSessionFixture go = new GoSessionFixture(redis);
        for (int i = 0; i < 50; i++) {
            go.write("go-session-" + i, 100 + i % 5, "go" + i % 5, "user", "10.0.0.1", GoSessionFixture.now());
        }
        go.staleId(100, "go-session-gone");
        go.malformed("go-session-bad", "{}");
        new RedisSessionStore(redis, "test").create(new NewSession(42, "ann@example.org", "ann", "admin", "10.0.0.2", "JUnit"));

        assertThat(run("snapshot", "--json", "--redis", server.uriWithPassword())).as(err.toString()).isZero();
        JsonNode sessions = Json.tree(out.toString()).get("sessions");
        assertThat(sessions.get("total").asLong()).as("not the index's 1").isEqualTo(51);
        assertThat(sessions.get("unreadable").asLong()).isEqualTo(1);
        assertThat(sessions.get("users").asLong()).isEqualTo(6);
        assertThat(sessions.get("ghostIds").asLong()).isEqualTo(1);
        assertThat(sessions.get("accuracy").get("total").asText()).isEqualTo("exact");
        assertThat(sessions.get("index").get("complete").asBoolean()).isFalse();
        assertThat(sessions.get("index").get("sessionsNotListed").asLong()).isEqualTo(50);
        assertThat(sessions.get("topUsers").get(0).get("sessions").asLong()).isEqualTo(10);

        out.getBuffer().setLength(0);
        assertThat(run("snapshot", "--redis", server.uriWithPassword())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Sessions\n  scan        every session key read (scan complete at ",
                "  index       incomplete (50 sessions not listed): not used\n", "  sessions    51\n", "  unreadable  1 (`sessions list --unreadable` lists them)",
                "  users       6\n", "  ghost ids   1 in user sets", "  stale index 0 entries past their expiry");
    }

    @Test
    void theSessionsSectionMarksApproximateAndUnknownFigures() {
        SessionsSnapshot partial = new SessionsSnapshot(1234L, 0L, 56L, null, 7L, List.of(new SessionsSnapshot.TopUser(42, "ann", 9)),
                Map.of("total", Accuracy.APPROXIMATE, "unreadable", Accuracy.APPROXIMATE, "users", Accuracy.APPROXIMATE,
                        "staleIds", Accuracy.UNKNOWN, "ghostIds", Accuracy.APPROXIMATE, "topUsers", Accuracy.APPROXIMATE),
                new SessionsSnapshot.Scan(false, 0.34, null), new SessionsSnapshot.Index(false, null, null, null, false));
        StringWriter text = new StringWriter();
        SessionsSummary.print(new PrintWriter(text, true), partial);

        assertThat(text.toString()).contains("  scan        approximate: the scan read 34 % of the keyspace within its time limit\n",
                "  index       none (the Go backend writes no index)", "  sessions    ≥ 1,234 (approximate)", "  stale index ? (unknown: no session index)",
                "  top users   ann (42) 9 (approximate, so far)");
    }

    @Test
    void jsonHasTheServerFiguresAlertsAndEverySection(RedisServerProcess server, RedisConnections redis) {
        redis.sync().set("tk:session:abc", "{}");

        int exit = run("snapshot", "--json", "--redis", server.uriWithPassword());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().strip().lines()).as("one JSON object on one line").hasSize(1);
        JsonNode json = Json.tree(out.toString());
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("server", "alerts", "sessions", "rateLimits", "caches", "leaderboards", "channels", "topology");
        JsonNode s = json.get("server");
        assertThat(s.fieldNames()).toIterable().containsExactly("version", "usedMemoryBytes", "maxMemoryBytes",
                "connectedClients", "opsPerSec", "keyspaceHits", "keyspaceMisses", "evictedKeys", "pingMicros");
        assertThat(s.get("version").asText()).startsWith("6.");
        assertThat(s.get("usedMemoryBytes").isIntegralNumber()).isTrue();
        assertThat(s.get("usedMemoryBytes").asLong()).isPositive();
        assertThat(s.get("maxMemoryBytes").asLong()).isZero();
        assertThat(s.get("connectedClients").asLong()).isGreaterThanOrEqualTo(2); // the test's and the command's
        assertThat(s.get("pingMicros").asLong()).isPositive();
        assertThat(json.get("alerts").isArray()).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void memoryAlertAppearsInTheJsonAndTheSummary(RedisServerProcess server, RedisConnections redis) {
        for (int i = 0; i < 300; i++) {
            redis.sync().set("fill:" + i, "x".repeat(4096));
        }
        long used = redis.sync().info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                .map(l -> Long.parseLong(l.substring("used_memory:".length()).strip())).findFirst().orElseThrow();
        try {
            redis.sync().configSet("maxmemory", Long.toString((long) (used / 0.9)));
            assertThat(run("snapshot", "--json", "--redis", server.uriWithPassword())).as(err.toString()).isZero();
            JsonNode alerts = Json.tree(out.toString()).get("alerts");
            assertThat(alerts).anySatisfy(a -> {
                assertThat(a.get("rule").asText()).isEqualTo("memory");
                assertThat(a.get("severity").asText()).isEqualTo("WARNING");
                assertThat(a.get("message").asText()).startsWith("Memory at 9");
            });

            out.getBuffer().setLength(0);
            assertThat(run("snapshot", "--redis", server.uriWithPassword())).as(err.toString()).isZero();
            // (the first snapshot's own reads of absent counter hashes are keyspace misses, so a hit-rate alert may join)
            assertThat(out.toString()).contains("Redis 6.", "(standalone)", "memory ", " of ", "alert", "WARNING  memory")
                    .doesNotContain(server.password());
        } finally {
            redis.sync().configSet("maxmemory", "0");
        }
    }

    @Test
    void summaryWithoutAlertsAndWithoutMaxmemory(RedisServerProcess server, RedisConnections redis) {
        redis.sync().configResetstat();
        assertThat(run("snapshot", "--redis", server.uriWithPassword())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("no maxmemory set", "no lookups yet", "No alerts.", "ping ");
    }

    @Test
    void thresholdsSavedByTheWindowDecideTheAlerts(RedisServerProcess server, RedisConnections redis) {
        redis.sync().configResetstat();
        redis.sync().set("k", "v");
        for (int i = 0; i < 19; i++) {
            redis.sync().get("k");
        }
        redis.sync().get("missing"); // 95 % hit rate: fine by default
        assertThat(run("snapshot", "--json", "--redis", server.uriWithPassword())).isZero();
        assertThat(Json.tree(out.toString()).get("alerts")).isEmpty();

        ProfileStore store = ProfileStore.open();
        store.saveSettings(store.settings().withAlertThresholds(
                new AlertThresholds(0.8, 0.99, 0.9, Duration.ofMillis(10), Duration.ofSeconds(1), 100)));
        out.getBuffer().setLength(0);
        assertThat(run("snapshot", "--json", "--redis", server.uriWithPassword())).isZero();
        assertThat(Json.tree(out.toString()).get("alerts")).singleElement()
                .satisfies(a -> assertThat(a.get("rule").asText()).isEqualTo("hit-rate"));
    }

    @Test
    void unreachableRedisIsAnErrorOnStderrWithExitCode3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int exit = run("snapshot", "--json", "--redis", "redis://127.0.0.1:" + port);
        assertThat(exit).isEqualTo(3);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("error: ").contains("unreachable");
    }

    @Test
    void wrongPasswordIsExitCode3WithoutThePasswordInTheMessage(RedisServerProcess server) {
        int exit = run("snapshot", "--redis", "redis://:not-the-password@127.0.0.1:" + server.port());
        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains("authentication failed").doesNotContain("not-the-password");
        assertThat(List.of(out.toString())).containsExactly("");
    }
}
