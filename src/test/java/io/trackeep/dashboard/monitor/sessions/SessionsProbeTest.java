package io.trackeep.dashboard.monitor.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.NewSession;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.testing.GoSessionFixture;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class SessionsProbeTest {

    private final RedisConnections redis;

    SessionsProbeTest(RedisConnections redis) {
        this.redis = redis;
    }

    private void logins(RedisSessionStore store, long uid, String username, int n) {
        for (int i = 0; i < n; i++) {
            store.create(new NewSession(uid, username + "@example.org", username, "user", "198.51.100." + uid, "JUnit"));
        }
    }

    @Test
    void withTheIndexCountsAreExactAndTopUsersCarryTheirNames() {
        RedisSessionStore store = new RedisSessionStore(redis, "test");
        logins(store, 42, "ann", 3);
        logins(store, 7, "bob", 2);
        logins(store, 9, "cid", 1);
        redis.sync().zadd("tk:sessions:expiry", 1_000, "expired-1"); // past its expiry: stale
        redis.sync().set("unrelated:key", "x");

        SessionFigures f = new SessionsProbe(new CensusTracker()).figures(redis);

        assertThat(f.indexed()).isTrue();
        assertThat(f.snapshot().total()).isEqualTo(6);
        assertThat(f.snapshot().staleIds()).isEqualTo(1);
        assertThat(f.snapshot().users()).isEqualTo(3);
        assertThat(f.snapshot().topUsers()).containsExactly(
                new SessionsSnapshot.TopUser(42, "ann", 3),
                new SessionsSnapshot.TopUser(7, "bob", 2),
                new SessionsSnapshot.TopUser(9, "cid", 1));
        assertThat(f.sessionsComplete()).isTrue();
        assertThat(f.userSetsComplete()).isTrue();
    }

    @Test
    void goOnlyDataIsCountedByTheCensusAndStaleIdsAreUnknown() {
        GoSessionFixture go = new GoSessionFixture(redis);
        for (int i = 0; i < 5; i++) {
            go.write("go-session-a" + i, 42, "ann", "user", "10.0.0.1", GoSessionFixture.now());
        }
        go.write("go-session-b0", 7, "bob", "admin", "10.0.0.2", GoSessionFixture.now());
        go.staleId(7, "go-session-expired");
        go.malformed("go-session-bad", "not json at all");

        SessionFigures f = SessionsProbe.once().figures(redis);

        assertThat(f.indexed()).isFalse();
        assertThat(f.snapshot().total()).isEqualTo(7); // every P:session:* key, the malformed one too
        assertThat(f.snapshot().staleIds()).isNull();
        assertThat(f.snapshot().users()).isEqualTo(2);
        assertThat(f.snapshot().topUsers()).containsExactly(
                new SessionsSnapshot.TopUser(42, "ann", 5),
                new SessionsSnapshot.TopUser(7, "bob", 2)); // SCARD counts the expired id too
        assertThat(redis.sync().exists("tk:sessions:expiry")).as("reading never writes the index").isZero();
    }

    @Test
    void pacedScansShowPartialFiguresFirstAndCompleteOnesLater() {
        GoSessionFixture go = new GoSessionFixture(redis);
        for (int uid = 1; uid <= 41; uid++) {
            go.write("go-session-" + uid, uid, "user" + uid, "user", "10.0.0.1", GoSessionFixture.now());
        }
        ScanPace slow = new ScanPace(5, 1, Duration.ofSeconds(1));
        SessionsProbe probe = new SessionsProbe(new CensusTracker(Duration.ZERO), slow, Duration.ofHours(1), Clock.systemUTC(), false);

        SessionFigures first = probe.figures(redis);
        assertThat(first.userSetsComplete()).isFalse();
        assertThat(first.snapshot().users()).isNull();
        assertThat(first.userSetsSeen()).isLessThan(41);

        List<SessionFigures> all = new ArrayList<>();
        SessionFigures f = first;
        for (int i = 0; i < 200 && !(f.userSetsComplete() && f.sessionsComplete()); i++) {
            f = probe.figures(redis);
            all.add(f);
        }
        assertThat(f.userSetsComplete()).isTrue();
        assertThat(f.snapshot().users()).isEqualTo(41);
        assertThat(f.snapshot().total()).isEqualTo(41);
        assertThat(f.snapshot().topUsers()).hasSize(SessionsProbe.TOP_USERS).allSatisfy(u -> assertThat(u.sessions()).isEqualTo(1));
        assertThat(all).as("the census count grows until it completes").extracting(SessionFigures::sessionsSeen).isSorted();
    }

    @Test
    void withTheIndexTopUsersShowBeforeTheScanOfUserSetsCompletes() {
        RedisSessionStore store = new RedisSessionStore(redis, "test");
        logins(store, 42, "ann", 3);
        logins(store, 7, "bob", 2);
        for (int i = 0; i < 200; i++) {
            redis.sync().set("other:" + i, "x");
        }
        ScanPace slow = new ScanPace(5, 1, Duration.ofSeconds(1));
        SessionsProbe probe = new SessionsProbe(new CensusTracker(Duration.ZERO), slow, Duration.ofHours(1), Clock.systemUTC(), false);

        SessionFigures first = probe.figures(redis);

        assertThat(first.userSetsComplete()).isFalse();
        assertThat(first.topUsersFrom()).isEqualTo(SessionFigures.TopUsersBasis.ALL_LIVE_SESSIONS);
        assertThat(first.sessionsRead()).isEqualTo(5);
        assertThat(first.snapshot().topUsers()).containsExactly(
                new SessionsSnapshot.TopUser(42, "ann", 3),
                new SessionsSnapshot.TopUser(7, "bob", 2));

        SessionFigures f = first;
        for (int i = 0; i < 500 && !f.userSetsComplete(); i++) {
            f = probe.figures(redis);
        }
        assertThat(f.topUsersFrom()).isEqualTo(SessionFigures.TopUsersBasis.USER_SETS);
        assertThat(f.snapshot().topUsers()).isEqualTo(first.snapshot().topUsers());
    }

    @Test
    void snapshotJsonHasExactlyTheFieldsOfTheSnapshotCommand() {
        GoSessionFixture go = new GoSessionFixture(redis);
        go.write("go-session-1", 42, "ann", "user", "10.0.0.1", GoSessionFixture.now());

        JsonNode json = Json.tree(Json.write(SessionsProbe.once().collect(redis)));

        assertThat(json.fieldNames()).toIterable().containsExactly("total", "users", "staleIds", "topUsers");
        assertThat(json.get("staleIds").isNull()).isTrue();
        assertThat(json.get("total").asLong()).isEqualTo(1);
        assertThat(json.get("topUsers").get(0).fieldNames()).toIterable().containsExactly("userId", "username", "sessions");
        assertThat(json.get("topUsers").get(0).get("username").asText()).isEqualTo("ann");
    }

    @Test
    void aTopUserWhoseSessionsAreAllGoneHasNoUsername() {
        GoSessionFixture go = new GoSessionFixture(redis);
        go.staleId(3, "gone-1");
        go.staleId(3, "gone-2");
        go.malformed("gone-1x", "{");

        SessionsSnapshot s = SessionsProbe.once().collect(redis);

        assertThat(s.topUsers()).containsExactly(new SessionsSnapshot.TopUser(3, null, 2));
    }

    @Test
    void failsPlainlyWhileRedisIsDown(RedisServerProcess server) {
        SessionsProbe probe = new SessionsProbe(new CensusTracker());
        server.stop();
        try {
            assertThatThrownBy(() -> probe.figures(redis)).isInstanceOfSatisfying(RedisAccessException.class,
                    e -> assertThat(e.isUnavailable()).isTrue());
        } finally {
            server.restart();
            WaitFor.reconnected(redis);
        }
        assertThat(probe.figures(redis).snapshot().total()).isZero();
    }
}
