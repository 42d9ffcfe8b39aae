package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.NewSession;
import io.trackeep.dashboard.service.session.NoSuchSessionException;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.service.session.SessionId;
import io.trackeep.dashboard.service.session.SessionStore;
import io.trackeep.dashboard.testing.GoSessionFixture;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class SessionActionsTest {

    @TempDir
    Path dir;

    private final RedisConnections redis;
    private final RedisSessionStore store;
    private final SessionActions actions;

    SessionActionsTest(RedisConnections redis) {
        this.redis = redis;
        this.store = new RedisSessionStore(redis, "ann@ws1");
        this.actions = SessionActions.of(redis, "ann@ws1");
    }

    private AdminActions admin() {
        return new AdminActions(redis, new AuditTrail(redis), new LocalAuditLog(dir.resolve("audit.jsonl")), "ann@ws1");
    }

    private Session login(long uid, String username) {
        return store.create(new NewSession(uid, username + "@example.org", username, "user", "203.0.113.9", "JUnit"));
    }

    @Test
    void killUserAsksExactlyHowManySessionsOfWhomAndKillsThemWithAudit() {
        List<Session> ann = List.of(login(42, "ann"), login(42, "ann"), login(42, "ann"));
        Session bob = login(7, "bob");

        ActionPlan<Integer> plan = actions.killUser(42);

        assertThat(plan.question()).isEqualTo("Kill 3 sessions of user 42 (ann)?");
        assertThat(plan.verb()).isEqualTo("Kill 3 sessions");
        assertThat(plan.target()).isEqualTo("user 42 (ann)");
        assertThat(String.join("\n", plan.effects()))
                .contains(SessionId.mask(ann.get(0).sessionId()), "tk:user:sessions:42", "tk:sessions:expiry", "3 session.killed events")
                .doesNotContain(ann.get(0).sessionId(), ann.get(1).sessionId(), ann.get(2).sessionId());

        ActionOutcome<Integer> outcome = admin().execute(plan);

        assertThat(outcome.value()).isEqualTo(3);
        assertThat(outcome.summary()).isEqualTo("Killed 3 sessions of user 42 (ann)");
        for (Session s : ann) {
            assertThat(redis.sync().exists("tk:session:" + s.sessionId())).isZero();
        }
        assertThat(redis.sync().exists("tk:session:" + bob.sessionId())).isEqualTo(1);
        AuditEntry audit = new AuditTrail(redis).latest(1).get(0);
        assertThat(audit.action()).isEqualTo(SessionActions.KILL_USER);
        assertThat(audit.target()).isEqualTo("user 42 (ann)");
        assertThat(audit.result()).isEqualTo("ok: Killed 3 sessions of user 42 (ann)");
    }

    @Test
    void killSessionNamesItsUserAndNeverShowsTheWholeId() {
        Session s = login(42, "ann");

        ActionPlan<Boolean> plan = actions.killSession(s.sessionId());

        String masked = SessionId.mask(s.sessionId());
        assertThat(plan.question()).isEqualTo("Kill session " + masked + " of user 42 (ann)?");
        assertThat(plan.target()).isEqualTo(masked + " (user 42)");
        assertThat(plan.question() + plan.target() + plan.effects()).doesNotContain(s.sessionId());
        assertThat(plan.effects()).contains("Deletes tk:session:" + masked,
                "Publishes session.killed on tk:admin:events so every backend drops it");

        ActionOutcome<Boolean> outcome = admin().execute(plan);

        assertThat(outcome.value()).isTrue();
        assertThat(outcome.summary()).isEqualTo("Killed session " + masked + " of user 42 (ann)");
        assertThat(redis.sync().exists("tk:session:" + s.sessionId())).isZero();
        assertThat(redis.sync().zscore("tk:sessions:expiry", s.sessionId())).isNull();
        assertThat(redis.sync().sismember("tk:user:sessions:42", s.sessionId())).isFalse();
        assertThat(new AuditTrail(redis).latest(1).get(0).target()).isEqualTo(masked + " (user 42)").doesNotContain(s.sessionId());
    }

    @Test
    void aMalformedSessionCanStillBeKilled() {
        new GoSessionFixture(redis).malformed("broken-session-id-123", "{\"user_id\":\"not a number\"");

        ActionPlan<Boolean> plan = actions.killSession("broken-session-id-123");

        assertThat(plan.question()).isEqualTo("Kill session brok…?");
        assertThat(plan.effects().get(0)).isEqualTo("Deletes tk:session:brok… (its value is malformed)");
        assertThat(admin().execute(plan).value()).isTrue();
        assertThat(redis.sync().exists("tk:session:broken-session-id-123")).isZero();
    }

    @Test
    void aSessionThatDoesNotExistIsNoSessionNotASuccess() {
        assertThatThrownBy(() -> actions.killSession("never-existed-session"))
                .isInstanceOf(NoSuchSessionException.class)
                .hasMessage("No session with that id (neve…): tk:session:neve… does not exist");

        redis.sync().zadd("tk:sessions:expiry", System.currentTimeMillis() + 60_000.0, "left-in-the-index");
        assertThatThrownBy(() -> actions.killSession("left-in-the-index"))
                .isInstanceOf(NoSuchSessionException.class)
                .hasMessageContaining("the index still lists the id")
                .message().doesNotContain("left-in-the-index");
    }

    @Test
    void aMaskedIdIsRefusedBeforeRedisIsAsked() {
        Session s = login(42, "ann");
        String masked = SessionId.mask(s.sessionId());
        assertThatThrownBy(() -> actions.killSession(masked)).isInstanceOf(NoSuchSessionException.class)
                .hasMessageContaining("is a masked session id");
        assertThatThrownBy(() -> actions.killSession(s.sessionId().substring(0, 4) + "...")).isInstanceOf(NoSuchSessionException.class);
        assertThat(redis.sync().exists("tk:session:" + s.sessionId())).isEqualTo(1);
    }

    @Test
    void aSessionThatEndsBetweenTheQuestionAndTheKillIsAuditedAsFailed() {
        Session s = login(42, "ann");
        ActionPlan<Boolean> plan = actions.killSession(s.sessionId());
        redis.sync().del("tk:session:" + s.sessionId()); // expired, or killed by someone else, while the admin read the question

        assertThatThrownBy(() -> admin().execute(plan)).isInstanceOf(NoSuchSessionException.class)
                .hasMessage("Session " + SessionId.mask(s.sessionId()) + " ended before it could be killed: nothing was deleted");
        AuditEntry audit = new AuditTrail(redis).latest(1).get(0);
        assertThat(audit.action()).isEqualTo(SessionActions.KILL_SESSION);
        assertThat(audit.result()).startsWith("failed: Session ").doesNotContain(s.sessionId());
    }

    @Test
    void aUserWithoutLiveSessionsIsNoSessionAndTheirStaleIdsArePointedOut() {
        new GoSessionFixture(redis).staleId(9, "expired-long-ago");
        assertThatThrownBy(() -> actions.killUser(9)).isInstanceOf(NoSuchSessionException.class)
                .hasMessage("User 9 has no live sessions: tk:user:sessions:9 lists 1 id of sessions that are gone,"
                        + " which removing stale entries (prune) cleans up");
        assertThatThrownBy(() -> actions.killUser(10)).isInstanceOf(NoSuchSessionException.class)
                .hasMessage("User 10 has no live sessions");
        assertThat(redis.sync().exists("tk:user:sessions:9")).isEqualTo(1);
    }

    @Test
    void killUserOnGoDataCountsSessionsMissingFromTheUsersSet() {
        GoSessionFixture go = new GoSessionFixture(redis);
        go.write("go-session-0001", 5, "eve", "user", "10.0.0.5", GoSessionFixture.now());
        go.write("go-session-0002", 5, "eve", "user", "10.0.0.6", GoSessionFixture.now());
        redis.sync().srem("tk:user:sessions:5", "go-session-0002"); // a backend lost it from the set
        go.staleId(5, "go-session-gone");

        ActionPlan<Integer> plan = actions.killUser(5);

        assertThat(plan.question()).isEqualTo("Kill 2 sessions of user 5 (eve)?");
        assertThat(admin().execute(plan).value()).isEqualTo(2);
        assertThat(redis.sync().exists("tk:session:go-session-0001", "tk:session:go-session-0002")).isZero();
    }

    @Test
    void pruneSaysTheCountIsUnknownAndGivesTheCheapFigure() {
        Session live = login(1, "ann");
        redis.sync().zadd("tk:sessions:expiry", 1_000, "expired-entry-1");
        redis.sync().zadd("tk:sessions:expiry", 2_000, "expired-entry-2");
        redis.sync().sadd("tk:user:sessions:1", "expired-entry-1");

        ActionPlan<SessionStore.PruneResult> plan = actions.prune();

        assertThat(plan.question()).isEqualTo("Remove stale index entries (count unknown until done)?");
        assertThat(plan.verb()).isEqualTo("Remove stale entries");
        assertThat(plan.effects().get(0)).startsWith("tk:sessions:expiry: 2 entries past their expiry now");
        ActionOutcome<SessionStore.PruneResult> outcome = admin().execute(plan);
        assertThat(outcome.summary()).isEqualTo("Removed 2 entries from the index and 1 stale id from 1 user set");
        assertThat(redis.sync().zcard("tk:sessions:expiry")).isEqualTo(1);
        assertThat(redis.sync().smembers("tk:user:sessions:1")).containsExactly(live.sessionId());
    }

    @Test
    void pruneWithoutTheIndexSaysOnlyUserSetsAreCleaned() {
        GoSessionFixture go = new GoSessionFixture(redis);
        go.write("go-session-0001", 5, "eve", "user", "10.0.0.5", GoSessionFixture.now());
        go.staleId(5, "go-session-gone");

        ActionPlan<SessionStore.PruneResult> plan = actions.prune();

        assertThat(plan.effects().get(0)).startsWith("No session index (tk:sessions:expiry) exists");
        assertThat(admin().execute(plan).value().userSetRemoved()).isEqualTo(1);
        assertThat(redis.sync().smembers("tk:user:sessions:5")).containsExactly("go-session-0001");
    }

    @Test
    void readOnlyRefusesAndKeepsTheSession(RedisServerProcess server) {
        Session s = login(42, "ann");
        try (RedisConnections ro = RedisConnections.open(server.settings().withReadOnly(true))) {
            ActionPlan<Integer> plan = SessionActions.of(ro, "ann@ws1").killUser(42); // planning only reads
            assertThat(plan.question()).isEqualTo("Kill 1 session of user 42 (ann)?");
            AdminActions readOnly = new AdminActions(ro, new AuditTrail(ro), new LocalAuditLog(dir.resolve("audit.jsonl")), "ann@ws1");
            assertThatThrownBy(() -> readOnly.execute(plan))
                    .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
        }
        assertThat(redis.sync().exists("tk:session:" + s.sessionId())).isEqualTo(1);
    }

    @Test
    void planningFailsPlainlyWhileRedisIsDown(RedisServerProcess server) {
        server.stop();
        try {
            assertThatThrownBy(() -> actions.killUser(42)).isInstanceOfSatisfying(RedisAccessException.class,
                    e -> assertThat(e.isUnavailable()).isTrue());
            assertThatThrownBy(actions::prune).isInstanceOf(RedisAccessException.class);
        } finally {
            server.restart();
            WaitFor.reconnected(redis);
        }
    }
}
