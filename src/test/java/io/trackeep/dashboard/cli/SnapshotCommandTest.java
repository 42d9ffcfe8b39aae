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
                .containsExactly("server", "alerts", "sessions", "rateLimits", "caches", "leaderboards", "channels",
                        "unavailable", "unrecognised", "topology");
        assertThat(json.get("unavailable")).as("every section read").isEmpty();
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

    @Test
    void plainSnapshotPrintsEverySectionThatJsonHas(RedisServerProcess server, RedisConnections redis) {
        redis.sync().setex("tk:session:s1", 86400, "{\"user_id\":42,\"username\":\"ann\",\"session_id\":\"s1\"}");
        redis.sync().sadd("tk:user:sessions:42", "s1");
        redis.sync().zadd("tk:rl:general:10.0.0.7", System.currentTimeMillis() / 1000.0, "m");
        redis.sync().set(redis.keys().responseCache("/api/items", "page=1", 42L), "{}");
        redis.sync().zadd("tk:challenge:7:leaderboard", 100, "42");
        redis.sync().zadd("tk:challenge:a:b:c:leaderboard", 1, "1");

        assertThat(run("snapshot", "--redis", server.uriWithPassword())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("Redis 6.", "\nSessions\n", "\nRate limits\n", "\nCaches\n", "\nLeaderboards\n",
                "\nChannels\n", "general ", "10.0.0.7 (1 of 100)", "response ", "7 ", "42 ", "Pattern subscriptions",
                "Not understood", "leaderboards 1");
    }

    @Test
    void checkIsOkWithoutAlertsWithPerformanceData(RedisServerProcess server, RedisConnections redis) {
        redis.sync().configResetstat();
        assertThat(run("snapshot", "--check", "--redis", server.uriWithPassword())).as(out.toString()).isZero();
        String first = out.toString().lines().findFirst().orElseThrow();
        assertThat(first).startsWith("TRACKEEP REDIS OK - no alerts | ping=").contains(" used_memory=", "B clients=");
    }

    @Test
    void checkIsWarningOrCriticalAfterTheWorstAlert(RedisServerProcess server, RedisConnections redis) {
        for (int i = 0; i < 300; i++) {
            redis.sync().set("fill:" + i, "x".repeat(4096));
        }
        long used = redis.sync().info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                .map(l -> Long.parseLong(l.substring("used_memory:".length()).strip())).findFirst().orElseThrow();
        redis.sync().configResetstat();
        try {
            redis.sync().configSet("maxmemory", Long.toString((long) (used / 0.9)));
            assertThat(run("snapshot", "--check", "--redis", server.uriWithPassword())).as(out.toString()).isEqualTo(1);
            assertThat(out.toString()).startsWith("TRACKEEP REDIS WARNING - memory: Memory at 9").contains("\nWARNING memory: ");

            redis.sync().configSet("maxmemory", Long.toString((long) (used / 0.97))); // CRITICAL from 95 %
            out.getBuffer().setLength(0);
            int exit = run("snapshot", "--check", "--redis", server.uriWithPassword());
            assertThat(out.toString().lines().findFirst().orElseThrow()).startsWith("TRACKEEP REDIS CRITICAL - memory:");
            assertThat(exit).isEqualTo(2);
        } finally {
            redis.sync().configSet("maxmemory", "0");
        }
    }

    @Test
    void checkIsUnknownWhenThereIsNothingToJudge() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(run("snapshot", "--check", "--redis", "redis://127.0.0.1:" + port)).isEqualTo(3);
        assertThat(out.toString()).startsWith("TRACKEEP REDIS UNKNOWN - ").contains("unreachable");

        out.getBuffer().setLength(0);
        assertThat(run("snapshot", "--check", "--no-such-option")).as("a usage error is UNKNOWN, not CRITICAL (2)").isEqualTo(3);
    }

    @Test
    void aUserWithAlmostNoRightsGetsAnExitCodeAndOutputThatSaySo(RedisServerProcess server, RedisConnections redis) {
        redis.sync().aclSetuser("nobody", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("nobody-pw")
                .addCommand(io.lettuce.core.protocol.CommandType.PING).addCommand(io.lettuce.core.protocol.CommandType.HELLO)
                .addCommand(io.lettuce.core.protocol.CommandType.AUTH));
        String uri = "redis://nobody:nobody-pw@127.0.0.1:" + server.port();
        try {
            assertThat(run("snapshot", "--redis", uri)).isEqualTo(SnapshotCommand.INCOMPLETE);
            assertThat(out.toString()).contains("INFO was refused", "Alerts: not judged", "Unavailable: ").doesNotContain("No alerts.");
            assertThat(err.toString()).contains("not every section could be read: server, sessions, rateLimits, caches, leaderboards, channels");

            out.getBuffer().setLength(0);
            assertThat(run("snapshot", "--json", "--redis", uri)).isEqualTo(SnapshotCommand.INCOMPLETE);
            JsonNode unavailable = Json.tree(out.toString()).get("unavailable");
            assertThat(unavailable.fieldNames()).toIterable().contains("server", "sessions", "leaderboards", "channels");
            assertThat(unavailable.get("leaderboards").asText()).contains("not permitted");

            out.getBuffer().setLength(0);
            assertThat(run("snapshot", "--check", "--redis", uri)).isEqualTo(3);
            assertThat(out.toString()).startsWith("TRACKEEP REDIS UNKNOWN - no figures to judge");
        } finally {
            redis.sync().aclDeluser("nobody");
        }
    }

    @Test
    void aUserAllowedOnlyToReadGetsEverySectionItMayReadAndTheReasonsForTheOthers(RedisServerProcess server, RedisConnections redis) {
        redis.sync().zadd("tk:challenge:7:leaderboard", 100, "42");
        redis.sync().zadd("tk:rl:general:10.0.0.7", System.currentTimeMillis() / 1000.0, "m");
        // ACL SETUSER ro on >pw ~* &* +@read +@connection +info +ping, as in the issue
        redis.sync().aclSetuser("ro", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("ro-pw").allKeys().allChannels()
                .addCategory(io.lettuce.core.AclCategory.READ).addCategory(io.lettuce.core.AclCategory.CONNECTION)
                .addCommand(io.lettuce.core.protocol.CommandType.INFO).addCommand(io.lettuce.core.protocol.CommandType.PING));
        try {
            int exit = run("snapshot", "--json", "--redis", "redis://ro:ro-pw@127.0.0.1:" + server.port());
            JsonNode json = Json.tree(out.toString());
            assertThat(json.get("server").get("version").asText()).startsWith("6.");
            assertThat(json.get("leaderboards")).singleElement().satisfies(b -> assertThat(b.get("size").asLong()).isEqualTo(1));
            assertThat(json.get("rateLimits")).anySatisfy(l -> assertThat(l.get("clients").asLong()).isEqualTo(1));
            assertThat(json.get("unavailable").has("leaderboards")).isFalse();
            assertThat(json.get("unavailable").get("rateLimits.topClients").asText()).contains("not permitted");
            assertThat(json.get("unavailable").get("server.slowLog").asText()).contains("not permitted", "slow commands are not judged");
            assertThat(exit).as("some part was refused: said by the exit code").isEqualTo(SnapshotCommand.INCOMPLETE);

            out.getBuffer().setLength(0);
            run("snapshot", "--check", "--redis", "redis://ro:ro-pw@127.0.0.1:" + server.port());
            assertThat(out.toString().lines().findFirst().orElseThrow()).contains("slow commands not judged (SLOWLOG refused)");
        } finally {
            redis.sync().aclDeluser("ro");
        }
    }
}
