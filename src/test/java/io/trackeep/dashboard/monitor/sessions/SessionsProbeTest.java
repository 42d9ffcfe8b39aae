package io.trackeep.dashboard.monitor.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.census.KeyspaceCensus;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot.Accuracy;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.NewSession;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.Session;
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

/**
 * The session figures on data written as the Go backend writes it ({@link GoSessionFixture}: no
 * index), by this project's store (with the index), and by both at once.
 */
@ExtendWith(RedisServerExtension.class)
class SessionsProbeTest {

    private final RedisConnections redis;

    SessionsProbeTest(RedisConnections redis) {
        this.redis = redis;
    }

    private List<Session> logins(RedisSessionStore store, long uid, String username, int n) {
        List<Session> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(store.create(new NewSession(uid, username + "@example.org", username, "user", "198.51.100." + uid, "JUnit")));
        }
        return made;
    }

    /**
     * A window's probe whose census advances only on its first call, so later calls show what the
     * index adds; that call has budget enough to complete a pass however slow the machine.
     */
    private SessionsProbe probeThatScansOnce() {
        return new SessionsProbe(new CensusTracker(Duration.ofHours(1),
                r -> new KeyspaceCensus(r, 250, 1_000, Duration.ofMinutes(5), Clock.systemUTC())), Clock.systemUTC(), false);
    }

    @Test
    void goOnlyDataIsCountedByReadingEverySessionWithOwnersAndGhostIds() {
        GoSessionFixture go = new GoSessionFixture(redis);
        for (int i = 0; i < 5; i++) {
            go.write("go-session-a" + i, 42, "ann", "user", "10.0.0.1", GoSessionFixture.now());
        }
        go.write("go-session-b0", 7, "bob", "admin", "10.0.0.2", GoSessionFixture.now());
        go.staleId(7, "go-session-expired");
        go.staleId(7, "go-session-expired-too");
        go.malformed("go-session-bad", "not json at all");
        go.malformed("go-session-empty", "{}");

        SessionFigures f = SessionsProbe.once().figures(redis);

        SessionsSnapshot s = f.snapshot();
        assertThat(s.total()).as("readable sessions only").isEqualTo(6);
        assertThat(s.unreadable()).isEqualTo(2);
        assertThat(s.users()).isEqualTo(2);
        assertThat(s.ghostIds()).isEqualTo(2);
        assertThat(s.staleIds()).as("no index").isNull();
        assertThat(s.topUsers()).as("ranked by live sessions, not by the size of their set (bob's holds 3 ids)").containsExactly(
                new SessionsSnapshot.TopUser(42, "ann", 5),
                new SessionsSnapshot.TopUser(7, "bob", 1));
        assertThat(s.accuracy()).containsEntry("total", Accuracy.EXACT).containsEntry("users", Accuracy.EXACT)
                .containsEntry("staleIds", Accuracy.UNKNOWN).containsEntry("ghostIds", Accuracy.EXACT);
        assertThat(s.index().present()).isFalse();
        assertThat(s.index().countsTotal()).isFalse();
        assertThat(f.census().unreadableIds()).extracting(SessionCensus.Unreadable::sessionId)
                .containsExactlyInAnyOrder("go-session-bad", "go-session-empty");
        assertThat(redis.sync().exists("tk:sessions:expiry")).as("reading never writes the index").isZero();
    }

    @Test
    void fiftyGoSessionsBesideOneIndexedSessionAreFiftyOneNotOne() {
        GoSessionFixture go = new GoSessionFixture(redis);
        for (int i = 0; i < 50; i++) {
            go.write("go-session-" + i, 100 + i % 10, "go" + i % 10, "user", "10.0.0.1", GoSessionFixture.now());
        }
        logins(new RedisSessionStore(redis, "test"), 42, "ann", 1);

        for (SessionsProbe probe : List.of(SessionsProbe.once(), probeThatScansOnce())) {
            SessionFigures f = probe.figures(redis);
            assertThat(f.indexTrusted()).isFalse();
            assertThat(f.snapshot().total()).isEqualTo(51);
            assertThat(f.snapshot().accuracy()).containsEntry("total", Accuracy.EXACT);
            assertThat(f.snapshot().users()).isEqualTo(11);
            assertThat(f.snapshot().index()).isEqualTo(new SessionsSnapshot.Index(true, false, f.census().completedAt(), 50L, false));
        }
    }

    @Test
    void theIndexCountsOnlyOnceACompleteScanFoundItListingEverySession() {
        RedisSessionStore store = new RedisSessionStore(redis, "test");
        logins(store, 42, "ann", 3);
        logins(store, 7, "bob", 2);
        redis.sync().zadd("tk:sessions:expiry", 1_000, "expired-1"); // past its expiry: stale, not live
        SessionsProbe probe = probeThatScansOnce();

        SessionFigures first = probe.figures(redis);
        assertThat(first.indexTrusted()).isTrue();
        assertThat(first.snapshot().total()).isEqualTo(5);
        assertThat(first.snapshot().staleIds()).isEqualTo(1);
        assertThat(first.snapshot().index().countsTotal()).isTrue();

        logins(store, 9, "cid", 2); // the census does not run again: only the index can tell
        SessionFigures later = probe.figures(redis);
        assertThat(later.snapshot().total()).isEqualTo(7);
        assertThat(later.snapshot().users()).as("as of the scan").isEqualTo(2);
        assertThat(later.snapshot().topUsers()).containsExactly(new SessionsSnapshot.TopUser(42, "ann", 3),
                new SessionsSnapshot.TopUser(7, "bob", 2));
    }

    @Test
    void aSessionDeletedBehindTheIndexsBackMakesTheIndexUntrusted() {
        RedisSessionStore store = new RedisSessionStore(redis, "test");
        List<Session> ann = logins(store, 42, "ann", 3);
        // a Go backend logs ann out: DEL and SREM, no ZREM; the index still counts the session as live
        redis.sync().del("tk:session:" + ann.get(0).sessionId());
        redis.sync().srem("tk:user:sessions:42", ann.get(0).sessionId());

        SessionFigures f = SessionsProbe.once().figures(redis);

        assertThat(f.census().index().deadEntries()).isEqualTo(1);
        assertThat(f.indexTrusted()).isFalse();
        assertThat(f.snapshot().total()).isEqualTo(2);
        assertThat(redis.sync().zcount("tk:sessions:expiry", System.currentTimeMillis(), Double.POSITIVE_INFINITY)).isEqualTo(3);
    }

    @Test
    void aSessionAnotherBackendKeptAliveBeyondItsIndexEntryMakesTheIndexUntrusted() {
        RedisSessionStore store = new RedisSessionStore(redis, "test");
        Session kept = logins(store, 42, "ann", 2).get(0);
        redis.sync().zadd("tk:sessions:expiry", System.currentTimeMillis() - 60_000.0, kept.sessionId()); // refreshed by Go's EXPIRE only

        SessionFigures f = SessionsProbe.once().figures(redis);

        assertThat(f.census().index().notListed()).isEqualTo(1);
        assertThat(f.indexTrusted()).isFalse();
        assertThat(f.snapshot().total()).isEqualTo(2);
    }

    @Test
    void whileTheFirstScanRunsFiguresAreMarkedApproximateAndGrow() {
        GoSessionFixture go = new GoSessionFixture(redis);
        for (int uid = 1; uid <= 41; uid++) {
            go.write("go-session-" + uid, uid, "user" + uid, "user", "10.0.0.1", GoSessionFixture.now());
        }
        CensusTracker slow = new CensusTracker(Duration.ZERO, r -> new KeyspaceCensus(r, 5, 1, Duration.ofSeconds(1), Clock.systemUTC()));
        SessionsProbe probe = new SessionsProbe(slow, Clock.systemUTC(), false);

        SessionFigures first = probe.figures(redis);
        assertThat(first.snapshot().accuracy()).containsEntry("total", Accuracy.APPROXIMATE).containsEntry("users", Accuracy.APPROXIMATE);
        assertThat(first.snapshot().total()).isLessThan(41);
        assertThat(first.snapshot().scan().complete()).isFalse();

        List<Long> totals = new ArrayList<>();
        SessionFigures f = first;
        for (int i = 0; i < 500 && !f.counted(); i++) {
            f = probe.figures(redis);
            totals.add(f.snapshot().total());
        }
        assertThat(f.counted()).isTrue();
        assertThat(f.snapshot().accuracy()).containsEntry("total", Accuracy.EXACT);
        assertThat(f.snapshot().total()).isEqualTo(41);
        assertThat(f.snapshot().users()).isEqualTo(41);
        assertThat(f.snapshot().topUsers()).hasSize(SessionsProbe.TOP_USERS).allSatisfy(u -> assertThat(u.sessions()).isEqualTo(1));
        assertThat(totals).as("the count grows until the scan completes").isSorted();
    }

    @Test
    void snapshotJsonSaysHowFarEachFigureCanBeTrusted() {
        GoSessionFixture go = new GoSessionFixture(redis);
        go.write("go-session-1", 42, "ann", "user", "10.0.0.1", GoSessionFixture.now());

        JsonNode json = Json.tree(Json.write(SessionsProbe.once().collect(redis)));

        assertThat(json.fieldNames()).toIterable()
                .containsExactly("total", "unreadable", "users", "staleIds", "ghostIds", "topUsers", "accuracy", "scan", "index");
        assertThat(json.get("total").asLong()).isEqualTo(1);
        assertThat(json.get("staleIds").isNull()).isTrue();
        assertThat(json.get("accuracy").get("total").asText()).isEqualTo("exact");
        assertThat(json.get("accuracy").get("staleIds").asText()).isEqualTo("unknown");
        assertThat(json.get("scan").get("complete").asBoolean()).isTrue();
        assertThat(json.get("index").get("present").asBoolean()).isFalse();
        assertThat(json.get("topUsers").get(0).fieldNames()).toIterable().containsExactly("userId", "username", "sessions");
        assertThat(json.get("topUsers").get(0).get("username").asText()).isEqualTo("ann");
    }

    @Test
    void aUserWhoseSessionsAreAllGoneIsNoTopUserButTheirIdsAreGhosts() {
        GoSessionFixture go = new GoSessionFixture(redis);
        go.staleId(3, "gone-1");
        go.staleId(3, "gone-2");

        SessionsSnapshot s = SessionsProbe.once().collect(redis);

        assertThat(s.topUsers()).isEmpty();
        assertThat(s.users()).isZero();
        assertThat(s.ghostIds()).isEqualTo(2);
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
        assertThat(SessionsProbe.once().collect(redis).total()).isZero();
    }
}
