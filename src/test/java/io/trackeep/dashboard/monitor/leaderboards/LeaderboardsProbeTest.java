package io.trackeep.dashboard.monitor.leaderboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Boards written as the Go backend writes them (ZADD, decimal user ids as members), no project additions. */
@ExtendWith(RedisServerExtension.class)
class LeaderboardsProbeTest {

    static void goFixture(RedisConnections redis) {
        var r = redis.sync();
        r.zadd("tk:challenge:7:leaderboard", 2000, "17");
        r.zadd("tk:challenge:7:leaderboard", 1250, "42");
        r.zadd("tk:challenge:7:leaderboard", 1250, "43");
        r.zadd("tk:challenge:7:leaderboard", 300, "bob");
        r.zadd("tk:challenge:7:leaderboard", 100, "5");
        r.zadd("tk:challenge:12:leaderboard", 10, "1");
        r.zadd("tk:challenge:spring:leaderboard", 5, "2");
        r.set("tk:challenge:9:leaderboard", "not a board"); // wrong type under a board's name
        r.set("tk:session:abc", "{}");
    }

    @Test
    void theSnapshotListsEveryBoardWithSizeAndTopInTheSpecifiedJson(RedisConnections redis) {
        goFixture(redis);

        LeaderboardsSnapshot s = LeaderboardsProbe.collectOnce(redis);

        assertThat(s.complete()).isTrue();
        assertThat(s.boards()).extracting(BoardSummary::id).containsExactly("7", "9", "12", "spring");
        BoardSummary seven = s.boards().get(0);
        assertThat(seven.size()).isEqualTo(5);
        assertThat(seven.top()).containsExactly(
                new BoardPlace(17L, null, 2000, 1),
                new BoardPlace(43L, null, 1250, 2), // ZREVRANGE: equal scores in reverse member order
                new BoardPlace(42L, null, 1250, 2),
                new BoardPlace(null, "bob", 300, 4),
                new BoardPlace(5L, null, 100, 5));

        JsonNode json = Json.tree(Json.write(s));
        assertThat(json.isArray()).isTrue();
        JsonNode first = json.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "size", "top");
        assertThat(first.get("id").asText()).isEqualTo("7");
        assertThat(first.get("size").asLong()).isEqualTo(5);
        assertThat(first.get("top").get(0).fieldNames()).toIterable().containsExactly("userId", "score", "rank");
        assertThat(first.get("top").get(0).get("userId").asLong()).isEqualTo(17);
        assertThat(first.get("top").get(0).get("score").asDouble()).isEqualTo(2000);
        assertThat(first.get("top").get(0).get("rank").asLong()).isEqualTo(1);
        JsonNode bob = first.get("top").get(3);
        assertThat(bob.get("userId").isNull()).as("a foreign member has no user id").isTrue();
        assertThat(bob.get("member").asText()).isEqualTo("bob");
    }

    @Test
    void thePacedProbeFindsBoardsThroughTheCensusAndMarksAKeyOfAnotherType(RedisConnections redis) {
        goFixture(redis);
        CensusTracker census = new CensusTracker(Duration.ZERO);
        LeaderboardsProbe probe = LeaderboardsProbe.paced(census, 0);

        LeaderboardsSnapshot s = probe.collect(redis);

        assertThat(s.complete()).isTrue(); // a tiny keyspace is scanned in one slice
        assertThat(s.boards()).extracting(BoardSummary::id).containsExactly("7", "9", "12", "spring");
        assertThat(s.boards()).filteredOn(b -> b.id().equals("9")).singleElement().satisfies(b -> {
            assertThat(b.size()).isNull();
            assertThat(b.problem()).isEqualTo(LeaderboardsProbe.NOT_A_BOARD);
        });
        assertThat(s.boards()).filteredOn(b -> b.id().equals("7")).singleElement().satisfies(b -> {
            assertThat(b.size()).isEqualTo(5);
            assertThat(b.top()).as("no top asked").isEmpty();
        });
    }

    @Test
    void topOfOneBoardAndOfAKeyOfAnotherType(RedisConnections redis) {
        goFixture(redis);
        assertThat(LeaderboardsProbe.top(redis, "7", 2).top()).extracting(BoardPlace::userId).containsExactly(17L, 43L);
        assertThat(LeaderboardsProbe.top(redis, "7", 2).size()).isEqualTo(5);
        assertThat(LeaderboardsProbe.top(redis, "9", 2).problem()).isEqualTo(LeaderboardsProbe.NOT_A_BOARD);
        assertThat(LeaderboardsProbe.top(redis, "404", 2)).isEqualTo(new BoardSummary("404", 0L, java.util.List.of(), null));
    }

    @Test
    void anEmptyRedisHasNoBoards(RedisConnections redis) {
        assertThat(LeaderboardsProbe.collectOnce(redis).boards()).isEmpty();
        assertThat(Json.write(LeaderboardsProbe.collectOnce(redis))).isEqualTo("[]");
    }

    @Test
    void unreachableRedisFailsTheProbe(RedisServerProcess server, RedisConnections shared) {
        try (RedisConnections doomed = RedisConnections.open(server.settings())) {
            server.stop();
            assertThatThrownBy(() -> LeaderboardsProbe.paced(new CensusTracker(Duration.ZERO), 0).collect(doomed))
                    .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
            assertThatThrownBy(() -> LeaderboardsProbe.top(doomed, "7", 5))
                    .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
        } finally {
            server.restart();
        }
    }

    @Test
    void aKeyNamedLikeABoardWhoseIdIsNotOneIsCountedNotThrownByBothProbes(RedisConnections redis) {
        goFixture(redis);
        redis.sync().zadd("tk:challenge:a:b:c:leaderboard", 1, "1");
        redis.sync().zadd("tk:challenge:x*y:leaderboard", 1, "1");

        LeaderboardsSnapshot once = LeaderboardsProbe.collectOnce(redis);
        assertThat(once.boards()).extracting(BoardSummary::id).containsExactly("7", "9", "12", "spring");
        assertThat(once.unrecognisedKeys()).isEqualTo(2);

        LeaderboardsProbe paced = LeaderboardsProbe.paced(new CensusTracker(Duration.ZERO), 0);
        LeaderboardsSnapshot s = paced.collect(redis);
        for (int i = 0; i < 100 && !s.complete(); i++) {
            s = paced.collect(redis);
        }
        assertThat(s.boards()).extracting(BoardSummary::id).contains("7", "12", "spring");
        assertThat(s.unrecognisedKeys()).isEqualTo(2);
    }

    @Test
    void aBoardAndAMemberThatAreNotUtf8AreReadWithTheirExactNames(RedisConnections redis) {
        redis.sync().zadd("tk:challenge:gen\uDCE9ral:leaderboard", 5, "caf\uDCE9");
        redis.sync().zadd("tk:challenge:gen\uDCE9ral:leaderboard", 3, "42");

        LeaderboardsSnapshot s = LeaderboardsProbe.collectOnce(redis);

        assertThat(s.boards()).singleElement().satisfies(b -> {
            assertThat(b.id()).isEqualTo("gen\uDCE9ral");
            assertThat(b.size()).as("not 0: the board is found again by its exact bytes").isEqualTo(2);
            assertThat(b.top()).extracting(BoardPlace::storedMember).containsExactly("caf\uDCE9", "42");
        });
    }

    @Test
    void infiniteAndHugeScoresKeepTheirValueAndRank(RedisConnections redis) {
        redis.sync().zadd("tk:challenge:7:leaderboard", Double.POSITIVE_INFINITY, "1");
        redis.sync().zadd("tk:challenge:7:leaderboard", 1e308, "2");
        redis.sync().zadd("tk:challenge:7:leaderboard", Double.NEGATIVE_INFINITY, "3");

        BoardSummary b = LeaderboardsProbe.top(redis, "7", 10);

        assertThat(b.top()).extracting(BoardPlace::score).containsExactly(Double.POSITIVE_INFINITY, 1e308, Double.NEGATIVE_INFINITY);
        assertThat(b.top()).extracting(BoardPlace::rank).containsExactly(1L, 2L, 3L);
        assertThat(b.top()).extracting(p -> Points.text(p.score(), java.util.Locale.ROOT)).containsExactly("+inf", "1.0E308", "-inf");
    }

    @Test
    void aUserWhoMayOnlyReadGetsTheTopWithoutTheScriptWithTheSameRanks(RedisServerProcess server, RedisConnections redis) {
        goFixture(redis);
        redis.sync().zadd("tk:challenge:7:leaderboard", Double.POSITIVE_INFINITY, "99");
        BoardSummary asAdmin = LeaderboardsProbe.top(redis, "7", 10);
        redis.sync().aclSetuser("reader", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("reader-pw")
                .allKeys().allChannels().addCommand(io.lettuce.core.protocol.CommandType.PING)
                .addCategory(io.lettuce.core.AclCategory.READ)
                .addCategory(io.lettuce.core.AclCategory.CONNECTION));
        try (RedisConnections reader = RedisConnections.open(server.settings().withCredentials("reader", "reader-pw"))) {
            assertThatThrownBy(() -> reader.sync().evalsha("0".repeat(40), io.lettuce.core.ScriptOutputType.VALUE))
                    .hasMessageContaining("NOPERM");
            assertThat(LeaderboardsProbe.top(reader, "7", 10)).isEqualTo(asAdmin);
            assertThat(LeaderboardsProbe.collectOnce(reader).boards()).extracting(BoardSummary::size).containsExactly(6L, null, 1L, 1L);
        } finally {
            redis.sync().aclDeluser("reader");
        }
    }
}
