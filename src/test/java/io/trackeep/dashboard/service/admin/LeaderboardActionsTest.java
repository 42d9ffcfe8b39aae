package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.events.AdminEvent;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plans on boards written as the Go backend writes them: ZADD with decimal user ids as members. */
@ExtendWith(RedisServerExtension.class)
class LeaderboardActionsTest {

    private static final String BOARD = "tk:challenge:7:leaderboard";

    @TempDir
    Path dir;

    private static void goFixture(RedisConnections redis) {
        redis.sync().zadd(BOARD, 2000, "17");
        redis.sync().zadd(BOARD, 1500, "8");
        redis.sync().zadd(BOARD, 1250, "42");
        redis.sync().zadd(BOARD, 1250, "43");
        redis.sync().zadd(BOARD, 300, "bob"); // written by someone else: not a user id
    }

    private AdminActions actions(RedisConnections redis) {
        return new AdminActions(redis, new AuditTrail(redis), new LocalAuditLog(dir.resolve("audit.jsonl")), "ann@ws1");
    }

    @Test
    void removingAUserAsksWithRankAndPointsRemovesAnnouncesAndAudits(RedisConnections redis) throws Exception {
        goFixture(redis);
        BlockingQueue<AdminEvent> events = new LinkedBlockingQueue<>();
        try (Subscriptions subs = new Subscriptions(redis)) {
            subs.subscribeAdminEvents(events::add);
            ActionPlan<LeaderboardActions.BoardChange> plan = new LeaderboardActions(redis, "ann@ws1").removeUser("7", 42);

            assertThat(plan.question()).isEqualTo("Remove user 42 (rank 3, 1,250 points) from challenge 7?");
            assertThat(plan.verb()).isEqualTo("Remove user 42");
            assertThat(plan.effects()).containsExactly(
                    "Deletes member 42 from tk:challenge:7:leaderboard (ZREM); everyone below moves up",
                    "Publishes leaderboard.changed on tk:admin:events");
            assertThat(redis.sync().zscore(BOARD, "42")).as("planning changes nothing").isEqualTo(1250.0);

            ActionOutcome<LeaderboardActions.BoardChange> outcome = actions(redis).execute(plan);

            assertThat(outcome.summary()).isEqualTo("Removed user 42 from challenge 7");
            assertThat(outcome.value().applied()).isTrue();
            assertThat(redis.sync().zscore(BOARD, "42")).isNull();
            assertThat(redis.sync().zcard(BOARD)).isEqualTo(4);
            assertThat(new AuditTrail(redis).latest(1)).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo(LeaderboardActions.REMOVE_MEMBER);
                assertThat(e.target()).isEqualTo("challenge 7, member 42");
                assertThat(e.result()).isEqualTo("ok: Removed user 42 from challenge 7");
            });
            AdminEvent event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).isNotNull();
            assertThat(event.type()).isEqualTo(AdminEvent.LEADERBOARD_CHANGED);
            assertThat(event.target()).isEqualTo("7");
            assertThat(event.actor()).isEqualTo("ann@ws1");
            assertThat(event.details()).containsEntry("member", "42").containsEntry("change", "removed");
        }
    }

    @Test
    void aForeignMemberIsRankedAndRemovedAsStored(RedisConnections redis) {
        goFixture(redis);
        ActionPlan<LeaderboardActions.BoardChange> plan = new LeaderboardActions(redis).removeMember("7", "bob");

        assertThat(plan.question()).isEqualTo("Remove member \"bob\" (rank 5, 300 points) from challenge 7?");
        actions(redis).execute(plan);

        assertThat(redis.sync().zscore(BOARD, "bob")).isNull();
        assertThat(redis.sync().zcard(BOARD)).isEqualTo(4);
    }

    @Test
    void resetSetsTheScoreToZeroAndKeepsTheUserOnTheBoard(RedisConnections redis) {
        goFixture(redis);
        ActionPlan<LeaderboardActions.BoardChange> plan = new LeaderboardActions(redis).resetScore("7", 8);

        assertThat(plan.question()).isEqualTo("Reset the score of user 8 on challenge 7 to 0 (now rank 2, 1,500 points)?");
        assertThat(plan.verb()).isEqualTo("Reset score to 0");
        ActionOutcome<LeaderboardActions.BoardChange> outcome = actions(redis).execute(plan);

        assertThat(outcome.summary()).isEqualTo("Reset the score of user 8 on challenge 7 to 0 (was 1,500 points)");
        assertThat(redis.sync().zscore(BOARD, "8")).isEqualTo(0.0);
        assertThat(redis.sync().zcard(BOARD)).isEqualTo(5);
    }

    @Test
    void aMemberNotOnTheBoardIsRefusedWhilePlanning(RedisConnections redis) {
        goFixture(redis);
        assertThatThrownBy(() -> new LeaderboardActions(redis).removeUser("7", 99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("User 99 is not on the leaderboard of challenge 7");
        assertThatThrownBy(() -> new LeaderboardActions(redis).resetScore("8", 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("User 42 is not on the leaderboard of challenge 8");
    }

    @Test
    void aMemberRemovedBetweenPlanAndExecutionIsReportedNotRecreated(RedisConnections redis) {
        goFixture(redis);
        ActionPlan<LeaderboardActions.BoardChange> remove = new LeaderboardActions(redis).removeUser("7", 42);
        ActionPlan<LeaderboardActions.BoardChange> reset = new LeaderboardActions(redis).resetScore("7", 43);
        redis.sync().zrem(BOARD, "42", "43");

        assertThat(actions(redis).execute(remove).summary()).isEqualTo("User 42 was no longer on challenge 7: nothing removed");
        assertThat(actions(redis).execute(reset).summary()).isEqualTo("User 43 was no longer on challenge 7: nothing reset");
        assertThat(redis.sync().zscore(BOARD, "43")).as("a reset never brings a removed user back").isNull();
    }

    @Test
    void aChangeThatCouldNotBeAnnouncedStillSucceedsAndSaysSo(RedisServerProcess server, RedisConnections rw) {
        goFixture(rw);
        // An ACL user that may change boards but not publish: the event is missing, the removal is not undone.
        rw.sync().aclSetuser("boards", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("pw").allKeys()
                .allCommands().removeCommand(io.lettuce.core.protocol.CommandType.PUBLISH));
        try (RedisConnections boards = RedisConnections.open(server.settings().withCredentials("boards", "pw"))) {
            ActionOutcome<LeaderboardActions.BoardChange> outcome = actions(boards).execute(
                    new LeaderboardActions(boards).removeUser("7", 17));
            assertThat(outcome.value().applied()).isTrue();
            assertThat(outcome.summary()).startsWith("Removed user 17 from challenge 7; leaderboard.changed was not published (");
        } finally {
            rw.sync().aclDeluser("boards");
        }
        assertThat(rw.sync().zscore(BOARD, "17")).isNull();
    }

    @Test
    void readOnlyRefusesAndTheMemberStays(RedisServerProcess server, RedisConnections rw) {
        goFixture(rw);
        try (RedisConnections ro = RedisConnections.open(server.settings().withReadOnly(true))) {
            ActionPlan<LeaderboardActions.BoardChange> plan = new LeaderboardActions(ro).removeUser("7", 42);
            assertThatThrownBy(() -> actions(ro).execute(plan))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
        }
        assertThat(rw.sync().zscore(BOARD, "42")).isEqualTo(1250.0);
    }

    @Test
    void unreachableRedisFailsThePlanWithATypedError(RedisServerProcess server, RedisConnections rw) {
        goFixture(rw);
        try (RedisConnections doomed = RedisConnections.open(server.settings())) {
            server.stop();
            assertThatThrownBy(() -> new LeaderboardActions(doomed).removeUser("7", 42))
                    .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
        } finally {
            server.restart();
        }
    }

    @Test
    void pointsReadLikePeopleWriteThem() {
        assertThat(LeaderboardActions.points(1250)).isEqualTo("1,250 points");
        assertThat(LeaderboardActions.points(1)).isEqualTo("1 point");
        assertThat(LeaderboardActions.points(12.5)).isEqualTo("12.5 points");
        assertThat(LeaderboardActions.points(0)).isEqualTo("0 points");
    }
}
