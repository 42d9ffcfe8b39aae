package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
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
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sessions list|kill|prune} against sessions laid out exactly as the Go backend writes
 * them: no {@code P:sessions:expiry} index, stale ids in user sets, a malformed value.
 */
@ExtendWith(RedisServerExtension.class)
class SessionsCommandTest {

    @TempDir
    Path config;

    private final RedisServerProcess server;
    private final RedisConnections redis;
    private StringWriter out;
    private StringWriter err;

    SessionsCommandTest(RedisServerProcess server, RedisConnections redis) {
        this.server = server;
        this.redis = redis;
    }

    @BeforeEach
    void goFixture() {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, config.resolve("config").toString());
        GoSessionFixture go = new GoSessionFixture(redis);
        OffsetDateTime now = GoSessionFixture.now();
        go.write("ann-session-0001", 42, "ann", "admin", "203.0.113.10", "Mozilla/5.0 Firefox", now.minusHours(3), now.minusMinutes(1));
        go.write("ann-session-0002", 42, "ann", "admin", "203.0.113.11", "curl/8.5", now.minusHours(2), now.minusMinutes(9));
        go.write("ann-session-0003", 42, "ann", "admin", "203.0.113.12", "Go-http-client/1.1", now.minusHours(1), now.minusMinutes(30));
        go.write("bob-session-0001", 7, "bob", "user", "198.51.100.7", "Mozilla/5.0 Safari", now.minusMinutes(20), now.minusMinutes(2));
        go.staleId(42, "ann-session-gone");
        go.malformed("bad-session-0001", "{\"user_id\": \"forty-two\"}");
    }

    @AfterEach
    void clearConfig() {
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }

    private int run(String... args) {
        CommandLine cl = CommandLineApp.newCommandLine();
        out = new StringWriter();
        err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--redis", server.uriWithPassword()));
        return cl.execute(all.toArray(String[]::new));
    }

    @Test
    void listShowsMaskedIdsOfEverySessionAndCountsUnreadableValuesApart() {
        int exit = run("sessions", "list");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString().strip()).isEqualTo("4 sessions and 1 unreadable value; --unreadable lists the values that are not sessions");
        String table = out.toString();
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("SESSION").contains("USERNAME", "LAST ACTIVE", "TTL");
        assertThat(table).contains("ann-…", "bob-…", "203.0.113.10", "Mozilla/5.0 Safari")
                .doesNotContain("ann-session-0001", "bob-session-0001", "(malformed)");
        assertThat(table.lines().skip(1).findFirst().orElseThrow()).as("most recently active first").contains("ann", "203.0.113.10");
        assertThat(table.lines().count()).isEqualTo(5);

        exit = run("sessions", "list", "--unreadable");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines().skip(1)).singleElement().asString().contains("bad-…", "(malformed)");
    }

    @Test
    void listEscapesWhatItReadsSoNoValueDrivesTheTerminalAndKillTakesTheEscapedId() {
        OffsetDateTime now = GoSessionFixture.now();
        String sid = "evil\u001b[2Jsession";
        String json = GoSessionFixture.json("evil\\u001b[2Jsession", 66, "eve\\u001b]0;pwned\\u0007", "user\\nadmin",
                "192.0.2.66", "agent\\u001b[31m", now, now.plusMinutes(1)); // control characters as Go's json.Marshal escapes them
        String prefix = redis.keys().prefix();
        redis.sync().setex(prefix + ":session:" + sid, GoSessionFixture.DAY, json);
        redis.sync().setex(prefix + ":session:odd\uDCE9\u001b[2J", GoSessionFixture.DAY, "{}"); // a key name that is not UTF-8

        int exit = run("sessions", "list", "--show-ids");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("\u001b", "\u0007")
                .contains("evil\\x1b[2Jsession", "eve\\x1b]0;pwned\\x07", "user\\nadmin", "agent\\x1b[31m");
        assertThat(out.toString().lines().count()).as("one line per session").isEqualTo(6);

        exit = run("sessions", "list", "--unreadable", "--show-ids");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("\u001b", "\uDCE9", "?").contains("odd\\xe9\\x1b[2J");

        exit = run("sessions", "list");
        assertThat(out.toString()).doesNotContain("\u001b").contains("evil…", "eve\\x1b]0;pwned\\x07");

        exit = run("sessions", "kill", "--session", "evil\\x1b[2Jsession", "--yes");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(redis.sync().exists(prefix + ":session:" + sid)).isZero();
    }

    @Test
    void anEmptySessionIdIsAUsageError() {
        assertThat(run("sessions", "kill", "--session", " ", "--yes")).isEqualTo(2);
        assertThat(err.toString()).contains("--session must not be empty");
    }

    @Test
    void aSessionWithoutExpiryIsWarnedAbout() {
        redis.sync().persist(redis.keys().prefix() + ":session:bob-session-0001");

        int exit = run("sessions", "list");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("warning: 1 of the sessions listed has no expiry (TTL -1): it never ends by itself");
        assertThat(out.toString()).contains("no expiry");
        run("sessions", "list", "--user", "42");
        assertThat(err.toString()).doesNotContain("no expiry");
    }

    @Test
    void timesOnTheMinuteKeepTheirSecondsSoTheColumnsStayAligned() {
        OffsetDateTime onTheMinute = GoSessionFixture.now().withSecond(0).withNano(0).plusMinutes(1);
        new GoSessionFixture(redis).write("cid-session-0001", 9, "cid", "user", "192.0.2.9", "curl", onTheMinute, onTheMinute);

        int exit = run("sessions", "list", "--user", "9");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("cid\\s+user\\s+192\\.0\\.2\\.9\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00[Z+-]");
    }

    @Test
    void listCountsGoAndJavaSessionsAlikeWhenTheIndexListsOnlySome() {
        new RedisSessionStore(redis, "test").create(new NewSession(9, "cid@example.org", "cid", "user", "192.0.2.9", "JUnit"));

        int exit = run("sessions", "list", "--limit", "2");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).startsWith("5 sessions and 1 unreadable value; showing the 2 most recently active sessions, --limit shows more");
        assertThat(out.toString().lines().skip(1).findFirst().orElseThrow()).as("the newest login, a Java one").contains("cid");
    }

    @Test
    void listAsJsonForOneUserWithWholeIdsOnlyWhenAskedAndWarned() {
        int exit = run("sessions", "list", "--user", "42", "--json");
        assertThat(exit).as(err.toString()).isZero();
        JsonNode rows = Json.tree(out.toString());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("sessionId").asText()).isEqualTo("ann-…");
        assertThat(rows.get(0).get("username").asText()).isEqualTo("ann");
        assertThat(rows.get(0).get("ttlSeconds").asLong()).isBetween(86_000L, 86_400L);
        assertThat(err.toString()).doesNotContain("bearer");

        exit = run("sessions", "list", "--user", "7", "--json", "--show-ids");
        assertThat(exit).isZero();
        assertThat(err.toString()).contains(SessionsCommand.SHOW_IDS_WARNING);
        assertThat(Json.tree(out.toString()).get(0).get("sessionId").asText()).isEqualTo("bob-session-0001");
    }

    @Test
    void killUserAsksAndWithoutYesOrTerminalChangesNothing() {
        int exit = run("sessions", "kill", "--user", "42");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("Kill 3 sessions of user 42 (ann)?", "pass --yes", "Nothing was changed.");
        assertThat(redis.sync().exists("tk:session:ann-session-0001")).isEqualTo(1);
    }

    @Test
    void killUserWithYesKillsEverySessionAndWritesBothAuditLogs() {
        int exit = run("sessions", "kill", "--user", "42", "--yes");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("Killed 3 sessions of user 42 (ann)");
        assertThat(redis.sync().exists("tk:session:ann-session-0001", "tk:session:ann-session-0002", "tk:session:ann-session-0003")).isZero();
        assertThat(redis.sync().exists("tk:session:bob-session-0001")).isEqualTo(1);
        AuditEntry audit = new AuditTrail(redis).latest(1).get(0);
        assertThat(audit.action()).isEqualTo("session.kill-user");
        assertThat(audit.result()).isEqualTo("ok: Killed 3 sessions of user 42 (ann)");
        LocalAuditLog local = new LocalAuditLog(ConfigFolders.resolve().data().resolve("audit.jsonl"));
        assertThat(local.latest(1)).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo("session.kill-user"));
    }

    @Test
    void killOneSessionAsJson() {
        int exit = run("sessions", "kill", "--session", "bob-session-0001", "--yes", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode outcome = Json.tree(out.toString());
        assertThat(outcome.get("action").asText()).isEqualTo("session.kill");
        assertThat(outcome.get("target").asText()).isEqualTo("bob-… (user 7)");
        assertThat(outcome.get("result").asBoolean()).isTrue();
        assertThat(outcome.get("audited").asBoolean()).isTrue();
        assertThat(redis.sync().exists("tk:session:bob-session-0001")).isZero();
        assertThat(redis.sync().sismember("tk:user:sessions:7", "bob-session-0001")).isFalse();
        assertThat(new AuditTrail(redis).latest(1).get(0).target()).isEqualTo("bob-… (user 7)");
    }

    @Test
    void killingASessionThatDoesNotExistFailsAndIsAuditedAsFailed() {
        int exit = run("sessions", "kill", "--session", "no-such-session-id", "--yes");

        assertThat(exit).isEqualTo(CliErrors.FAILED);
        assertThat(err.toString()).contains("error: No session with that id (no-s…)");
        assertThat(out.toString()).isEmpty();
        AuditEntry audit = new AuditTrail(redis).latest(1).get(0);
        assertThat(audit.action()).isEqualTo("session.kill");
        assertThat(audit.target()).isEqualTo("no-s…");
        assertThat(audit.result()).startsWith("failed: No session with that id");
        LocalAuditLog local = new LocalAuditLog(ConfigFolders.resolve().data().resolve("audit.jsonl"));
        assertThat(local.latest(1)).singleElement().satisfies(e -> assertThat(e.result()).startsWith("failed: No session"));
    }

    @Test
    void killingByTheMaskedIdThatListPrintsSaysHowToGetTheWholeId() {
        int exit = run("sessions", "kill", "--session", "bob-…", "--yes");

        assertThat(exit).isEqualTo(CliErrors.FAILED);
        assertThat(err.toString()).contains("\"bob-…\" is a masked session id", "sessions list --show-ids");
        assertThat(redis.sync().exists("tk:session:bob-session-0001")).isEqualTo(1);
        assertThat(new AuditTrail(redis).latest(1).get(0).result()).startsWith("failed: \"bob-…\" is a masked session id");
    }

    @Test
    void killingTheSessionsOfAUserWithoutAnyFails() {
        int exit = run("sessions", "kill", "--user", "77", "--yes");

        assertThat(exit).isEqualTo(CliErrors.FAILED);
        assertThat(err.toString()).contains("error: User 77 has no live sessions");
        assertThat(new AuditTrail(redis).latest(1).get(0).result()).isEqualTo("failed: User 77 has no live sessions");
    }

    @Test
    void readOnlyRefusesWithItsOwnExitCode() {
        int exit = run("sessions", "kill", "--session", "bob-session-0001", "--yes", "--read-only");

        assertThat(exit).isEqualTo(CliErrors.READ_ONLY);
        assertThat(err.toString()).contains("read-only");
        assertThat(redis.sync().exists("tk:session:bob-session-0001")).isEqualTo(1);
        assertThat(redis.sync().exists("tk:audit")).isZero();
    }

    @Test
    void pruneCleansTheStaleIdsTheGoBackendLeavesInUserSets() {
        int exit = run("sessions", "prune", "--yes");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).contains("What this does on 127.0.0.1:", "No session index (tk:sessions:expiry) exists");
        assertThat(out.toString().strip()).isEqualTo("Removed 0 entries from the index and 1 stale id from 2 user sets");
        assertThat(redis.sync().smembers("tk:user:sessions:42")).containsExactlyInAnyOrder("ann-session-0001", "ann-session-0002", "ann-session-0003");
    }

    @Test
    void needsExactlyOneTargetAndReportsAnUnreachableRedis() {
        assertThat(run("sessions", "kill", "--yes")).isNotZero();
        assertThat(run("sessions", "kill", "--user", "1", "--session", "x", "--yes")).isNotZero();

        CommandLine cl = CommandLineApp.newCommandLine();
        StringWriter e = new StringWriter();
        cl.setErr(new PrintWriter(e));
        cl.setOut(new PrintWriter(new StringWriter()));
        int exit = cl.execute("sessions", "list", "--redis", "redis://127.0.0.1:1");
        assertThat(exit).isEqualTo(CliErrors.REDIS_UNAVAILABLE);
        assertThat(e.toString()).startsWith("error: ");
    }
}
