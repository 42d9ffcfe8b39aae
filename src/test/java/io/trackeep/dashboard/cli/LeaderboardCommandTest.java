package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsProbe;
import io.trackeep.dashboard.service.admin.LeaderboardActions;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code leaderboard ...} against boards written exactly as the Go backend writes them (ZADD with
 * decimal user ids) and nothing else: no project index, counter or config.
 */
@ExtendWith(RedisServerExtension.class)
class LeaderboardCommandTest {

    private static final String BOARD = "tk:challenge:7:leaderboard";

    @TempDir
    Path data;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RedisServerProcess server;
    private final RedisConnections redis;

    LeaderboardCommandTest(RedisServerProcess server, RedisConnections redis) {
        this.server = server;
        this.redis = redis;
    }

    @BeforeEach
    void goFixture() {
        System.setProperty(ConfigFolders.DATA_DIR_PROPERTY, data.toString());
        var r = redis.sync();
        r.zadd(BOARD, 2000, "17");
        r.zadd(BOARD, 1250, "42");
        r.zadd(BOARD, 1250, "43");
        r.zadd(BOARD, 300, "bob");
        r.zadd("tk:challenge:12:leaderboard", 10, "1");
        r.set("tk:challenge:9:leaderboard", "not a board");
    }

    @AfterEach
    void clearDataDir() {
        System.clearProperty(ConfigFolders.DATA_DIR_PROPERTY);
    }

    private int run(String... args) {
        var cl = CommandLineApp.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--redis";
        all[args.length + 1] = server.uriWithPassword();
        return cl.execute(all);
    }

    @Test
    void topPrintsCompetitionRanksAsJson() {
        assertThat(run("leaderboard", "top", "--challenge", "7", "--top", "3", "--json")).as(err.toString()).isZero();

        JsonNode board = Json.tree(out.toString());
        assertThat(board.get("id").asText()).isEqualTo("7");
        assertThat(board.get("size").asLong()).isEqualTo(4);
        assertThat(board.get("top")).hasSize(3);
        assertThat(board.get("top").findValues("userId")).extracting(JsonNode::asLong).containsExactly(17L, 43L, 42L);
        assertThat(board.get("top").findValues("rank")).extracting(JsonNode::asLong).containsExactly(1L, 2L, 2L);
        assertThat(board.get("top").get(0).get("score").asDouble()).isEqualTo(2000.0);
    }

    @Test
    void topForPeopleShowsForeignMembersAsSuch() {
        assertThat(run("leaderboard", "top", "--challenge", "7")).isZero();
        assertThat(out.toString())
                .contains("Challenge 7: 4 members")
                .containsPattern("\\s1\\s+17\\s+2,000")
                .containsPattern("\\s4\\s+\"bob\"\\s+300  \\(not a user id\\)");
    }

    @Test
    void listFindsEveryBoardBySize() {
        assertThat(run("leaderboard", "list", "--json")).isZero();
        JsonNode boards = Json.tree(out.toString());
        // the string under a board's name is listed with its problem, as the window lists it, not hidden
        assertThat(boards.findValues("id")).extracting(JsonNode::asText).containsExactly("7", "9", "12");
        assertThat(boards.get(1).get("size").isNull()).isTrue();
        assertThat(boards.get(1).get("problem").asText()).isEqualTo(LeaderboardsProbe.NOT_A_BOARD);
        assertThat(boards.get(0).get("size").asLong()).isEqualTo(4);
        assertThat(boards.get(0).get("top")).isEmpty();

        out.getBuffer().setLength(0);
        assertThat(run("leaderboard", "list")).isZero();
        assertThat(out.toString()).containsPattern("7\\s+4").containsPattern("12\\s+1")
                .containsPattern("9\\s+-  " + LeaderboardsProbe.NOT_A_BOARD);
    }

    @Test
    void removeWithYesRemovesAndAudits() {
        int exit = run("leaderboard", "remove", "--challenge", "7", "--user", "42", "--yes");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("Removed user 42 from challenge 7");
        assertThat(redis.sync().zscore(BOARD, "42")).isNull();
        assertThat(new AuditTrail(redis).latest(1)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(LeaderboardActions.REMOVE_MEMBER);
            assertThat(e.target()).isEqualTo("challenge 7, member 42");
        });
        assertThat(new LocalAuditLog(data.resolve("audit.jsonl")).latest(1)).singleElement()
                .satisfies(e -> assertThat(e.result()).isEqualTo("ok: Removed user 42 from challenge 7"));
    }

    @Test
    void removeAForeignMemberByItsText() {
        assertThat(run("leaderboard", "remove", "--challenge", "7", "--member", "bob", "--yes", "--json")).isZero();
        assertThat(Json.tree(out.toString()).get("summary").asText()).isEqualTo("Removed member \"bob\" from challenge 7");
        assertThat(redis.sync().zscore(BOARD, "bob")).isNull();
    }

    @Test
    void withoutYesAndWithoutATerminalNothingIsRemoved() {
        int exit = run("leaderboard", "remove", "--challenge", "7", "--user", "42");

        assertThat(exit).isEqualTo(AuditedAction.DECLINED);
        assertThat(err.toString())
                .contains("Deletes member 42 from tk:challenge:7:leaderboard")
                .contains("Remove user 42 (rank 2, 1,250 points) from challenge 7? Refused: no terminal")
                .contains("Nothing was changed.");
        assertThat(redis.sync().zscore(BOARD, "42")).isEqualTo(1250.0);
        assertThat(new AuditTrail(redis).latest(1)).isEmpty();
    }

    @Test
    void readOnlyRefusesWithItsExitCode() {
        int exit = run("leaderboard", "remove", "--challenge", "7", "--user", "42", "--yes", "--read-only");

        assertThat(exit).isEqualTo(CliErrors.READ_ONLY);
        assertThat(err.toString()).contains("read-only");
        assertThat(redis.sync().zscore(BOARD, "42")).isEqualTo(1250.0);
        assertThat(new LocalAuditLog(data.resolve("audit.jsonl")).latest(1)).singleElement()
                .satisfies(e -> assertThat(e.result()).startsWith("refused"));
    }

    @Test
    void resetSetsZeroAndKeepsTheUser() {
        assertThat(run("leaderboard", "reset", "--challenge", "7", "--user", "17", "--yes")).as(err.toString()).isZero();
        assertThat(redis.sync().zscore(BOARD, "17")).isEqualTo(0.0);
        assertThat(out.toString()).contains("Reset the score of user 17 on challenge 7 to 0 (was 2,000 points)");
    }

    @Test
    void unknownMemberAndWrongTypeAndDeadRedisAreErrorsOnStderr() {
        assertThat(run("leaderboard", "remove", "--challenge", "7", "--user", "99", "--yes")).isEqualTo(CliErrors.FAILED);
        assertThat(err.toString()).contains("error: User 99 is not on the leaderboard of challenge 7");

        assertThat(run("leaderboard", "top", "--challenge", "9")).isEqualTo(CliErrors.FAILED);
        assertThat(err.toString()).contains("not a sorted set");

        var cl = CommandLineApp.newCommandLine();
        StringWriter deadErr = new StringWriter();
        cl.setErr(new PrintWriter(deadErr, true));
        assertThat(cl.execute("leaderboard", "list", "--redis", "redis://127.0.0.1:1")).isEqualTo(CliErrors.REDIS_UNAVAILABLE);
        assertThat(deadErr.toString()).startsWith("error: ");
    }

    @Test
    void rejectsATopOutOfRangeAndBothUserAndMember() {
        assertThat(run("leaderboard", "top", "--challenge", "7", "--top", "0")).isNotZero();
        assertThat(run("leaderboard", "remove", "--challenge", "7", "--user", "1", "--member", "bob")).isNotZero();
        assertThat(redis.sync().zcard(BOARD)).isEqualTo(4);
    }

    @Test
    void anOddKeyNamedLikeABoardIsCountedAndTheRestListed() {
        redis.sync().zadd("tk:challenge:a:b:c:leaderboard", 1, "1");

        assertThat(run("leaderboard", "list")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("7 ", "12 ");
        assertThat(err.toString()).contains("1 key named like a board is not one");

        out.getBuffer().setLength(0);
        assertThat(run("leaderboard", "list", "--json")).as(err.toString()).isZero();
        assertThat(Json.tree(out.toString())).extracting(b -> b.get("id").asText()).containsExactly("7", "9", "12");
    }

    @Test
    void controlCharactersInMembersAreShownEscapedAndNotUtf8MembersAreRemovedByTheirShownName() {
        redis.sync().zadd(BOARD, 5000, "eve\u001b]0;owned\u0007\nroot");
        redis.sync().zadd(BOARD, 4000, "gen\uDCE9ral");

        assertThat(run("leaderboard", "top", "--challenge", "7")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"eve\\x1b]0;owned\\x07\\nroot\"", "\"gen\\xe9ral\"")
                .doesNotContain("\u001b", "\u0007", "\uDCE9");

        out.getBuffer().setLength(0);
        assertThat(run("leaderboard", "top", "--challenge", "7", "--json")).isZero();
        assertThat(Json.tree(out.toString()).get("top").get(1).get("member").asText()).isEqualTo("gen\uDCE9ral");

        assertThat(run("leaderboard", "remove", "--challenge", "7", "--member", "gen\\xe9ral", "--yes")).as(err.toString()).isZero();
        assertThat(redis.sync().zscore(BOARD, "gen\uDCE9ral")).isNull();
        assertThat(redis.sync().zcard(BOARD)).isEqualTo(5);
    }

    @Test
    void infiniteAndHugeScoresArePrintedAsSuch() {
        redis.sync().zadd(BOARD, Double.POSITIVE_INFINITY, "1");
        redis.sync().zadd(BOARD, 1e308, "2");
        assertThat(run("leaderboard", "top", "--challenge", "7")).isZero();
        assertThat(out.toString()).contains("+inf", "1.0E308").doesNotContain("100,000,000,000");
    }

    @Test
    void aChallengeIdThatCannotNameABoardIsAUsageError() {
        for (String[] args : new String[][]{{"leaderboard", "top", "--challenge", "a:b"}, {"leaderboard", "remove", "--challenge", "", "--user", "1", "--yes"},
                {"leaderboard", "reset", "--challenge", "x*", "--user", "1", "--yes"}}) {
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString()).contains("--challenge must be a challenge id");
        }
    }
}
