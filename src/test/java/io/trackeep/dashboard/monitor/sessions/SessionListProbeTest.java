package io.trackeep.dashboard.monitor.sessions;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.NewSession;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.service.session.SessionCounters;
import io.trackeep.dashboard.service.stats.StatsWindow;
import io.trackeep.dashboard.testing.GoSessionFixture;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(RedisServerExtension.class)
class SessionListProbeTest {

    private final RedisConnections redis;

    SessionListProbeTest(RedisConnections redis) {
        this.redis = redis;
    }

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    private Session login(Instant when, long uid, String username) {
        return new RedisSessionStore(redis, "test", at(when))
                .create(new NewSession(uid, username + "@example.org", username, uid == 1 ? "admin" : "user", "192.0.2." + uid, "JUnit"));
    }

    /** The figures a complete census pass gives, telling the probe whether the index may be used. */
    private SessionFigures figures() {
        return SessionsProbe.once().figures(redis);
    }

    @Test
    void pagesByRecencyThroughTheIndexWhenTheCensusFoundItCompleteWithTimeLeft() {
        Instant now = Instant.now();
        List<Session> created = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            created.add(login(now.minusSeconds(150 - i), i % 5, "user" + i % 5)); // the last created is the most recent
        }
        SessionListProbe probe = new SessionListProbe();
        SessionFigures figures = figures();
        assertThat(figures.indexTrusted()).isTrue();

        SessionListing first = probe.collect(redis, figures);

        assertThat(first.source()).isEqualTo(SessionListing.Source.INDEX);
        assertThat(first.rows()).hasSize(SessionListProbe.PAGE_SIZE);
        assertThat(first.rows().get(0).sessionId()).isEqualTo(created.get(149).sessionId());
        assertThat(first.hasMore()).isTrue();
        assertThat(first.rows().get(0).ttlMillis()).isCloseTo(Duration.ofHours(24).toMillis(), within(5_000L));

        probe.query(new SessionQuery(null, 1));
        SessionListing second = probe.collect(redis, figures);
        assertThat(second.offset()).isEqualTo(100);
        assertThat(second.rows()).hasSize(50);
        assertThat(second.rows().get(49).sessionId()).isEqualTo(created.get(0).sessionId());
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void loginsAreCountedWhenTheyHappenSoKilledSessionsStillCount() {
        Instant now = Instant.now();
        Session ann = login(now.minus(Duration.ofMinutes(3)), 1, "ann");
        Session bob = login(now.minus(Duration.ofMinutes(3)), 2, "bob");
        login(now.minus(Duration.ofMinutes(3)), 3, "cid");
        login(now.minus(Duration.ofMinutes(10)), 4, "dan");
        login(now.minus(Duration.ofMinutes(40)), 5, "eve"); // before the window
        RedisSessionStore admin = new RedisSessionStore(redis, "test");
        admin.kill(ann.sessionId());
        admin.kill(bob.sessionId());
        WaitFor.condition(Duration.ofSeconds(5), "the kills counted", () -> SessionCounters.read(redis, SessionCounters.window(), 2,
                Instant.now()).stream().mapToLong(StatsWindow.Minute::second).sum() == 2);

        LoginRate counted = new SessionListProbe().collect(redis, figures()).logins();

        assertThat(counted.basis()).isEqualTo(LoginRate.Basis.COUNTED_AT_LOGIN);
        assertThat(counted.minutes()).hasSize(LoginRate.MINUTES);
        assertThat(counted.minutes().get(14).minute()).isEqualTo(now.truncatedTo(ChronoUnit.MINUTES));
        assertThat(counted.minutes().get(11).logins()).as("3 minutes ago, the 2 killed since included").isEqualTo(3);
        assertThat(counted.minutes().get(4).logins()).isEqualTo(1);
        assertThat(counted.total()).isEqualTo(4);
        assertThat(counted.finishedMinutes()).hasSize(LoginRate.MINUTES - 1).doesNotContain(counted.currentMinute());

        // beside a Go backend the counters miss its logins: the figure becomes what can be known
        new GoSessionFixture(redis).write("go-session-1", 9, "go", "user", "10.0.0.9", GoSessionFixture.now().minusMinutes(3));
        LoginRate derived = new SessionListProbe().collect(redis, figures()).logins();
        assertThat(derived.basis()).isEqualTo(LoginRate.Basis.CREATED_STILL_ALIVE);
        assertThat(derived.minutes().get(11).logins()).as("cid and the Go session: the killed ones are gone").isEqualTo(2);
        assertThat(derived.countedAtLogin()).isEqualTo(4);
        assertThat(derived.sampled()).isFalse();
    }

    @Test
    void goOnlyDataIsListedFromAScanSampleWithMalformedValuesAsRows() {
        GoSessionFixture go = new GoSessionFixture(redis);
        OffsetDateTime now = GoSessionFixture.now();
        go.write("go-session-old", 42, "ann", "user", "10.0.0.1", "curl/8", now.minusHours(2), now.minusHours(1));
        go.write("go-session-new", 7, "bob", "admin", "10.0.0.2", "curl/8", now.minusMinutes(2), now.minusMinutes(1));
        go.malformed("go-session-bad", "\u0000\u0001 binary garbage");
        redis.sync().hset("tk:session:go-session-hash", "user_id", "3"); // a session key of the wrong type

        SessionListing l = new SessionListProbe().collect(redis);

        assertThat(l.source()).isEqualTo(SessionListing.Source.SCAN_SAMPLE);
        assertThat(l.found()).isEqualTo(4);
        assertThat(l.sampleComplete()).isTrue();
        assertThat(l.rows()).extracting(SessionRow::sessionId)
                .startsWith("go-session-new", "go-session-old")
                .containsExactlyInAnyOrder("go-session-new", "go-session-old", "go-session-bad", "go-session-hash");
        SessionRow bob = l.rows().get(0);
        assertThat(bob.userId()).isEqualTo(7);
        assertThat(bob.role()).isEqualTo("admin");
        assertThat(bob.createdAt()).isEqualTo(now.minusMinutes(2).toInstant());
        assertThat(bob.ttlMillis()).isPositive();
        assertThat(l.rows()).filteredOn(SessionRow::malformed).extracting(SessionRow::problem)
                .anySatisfy(p -> assertThat(p).startsWith("Malformed JSON"))
                .anySatisfy(p -> assertThat(p).isEqualTo("not a string but a hash"));
        assertThat(l.logins().sampled()).isFalse(); // the sample holds every session
        assertThat(l.logins().basis()).isEqualTo(LoginRate.Basis.CREATED_STILL_ALIVE);
        assertThat(l.logins().total()).isEqualTo(1);
    }

    @Test
    void aUsersSessionsComeFromTheirSetAndFromWhatWasReadElsewhere() {
        GoSessionFixture go = new GoSessionFixture(redis);
        OffsetDateTime now = GoSessionFixture.now();
        go.write("go-session-1", 42, "ann", "user", "10.0.0.1", now.minusMinutes(5));
        go.write("go-session-2", 42, "ann", "user", "10.0.0.3", now.minusMinutes(1));
        go.write("go-session-3", 7, "bob", "user", "10.0.0.2", now);
        redis.sync().srem("tk:user:sessions:42", "go-session-2"); // lost from the set, still live
        go.staleId(42, "go-session-expired");
        SessionListProbe probe = new SessionListProbe();
        probe.query(new SessionQuery(42L, 0));

        SessionListing l = probe.collect(redis);

        assertThat(l.source()).isEqualTo(SessionListing.Source.USER);
        assertThat(l.userSetFound()).isTrue();
        assertThat(l.rows()).extracting(SessionRow::sessionId).containsExactly("go-session-2", "go-session-1");
    }

    @Test
    void anIndexThatMissesGoSessionsIsNotPagedThrough() {
        GoSessionFixture go = new GoSessionFixture(redis);
        for (int i = 0; i < 5; i++) {
            go.write("go-session-" + i, 7, "go", "user", "10.0.0.1", GoSessionFixture.now().minusMinutes(i));
        }
        login(Instant.now().minusSeconds(600), 42, "ann");

        SessionListing l = new SessionListProbe().collect(redis, figures());

        assertThat(l.source()).isEqualTo(SessionListing.Source.SCAN_SAMPLE);
        assertThat(l.rows()).hasSize(6);
        assertThat(l.rows().get(0).sessionId()).isEqualTo("go-session-0");
    }

    @Test
    void unreadableValuesAreListedFromWhatTheCensusFound() {
        GoSessionFixture go = new GoSessionFixture(redis);
        go.write("go-session-1", 7, "go", "user", "10.0.0.1", GoSessionFixture.now());
        go.malformed("go-session-bad", "{}");
        redis.sync().sadd("tk:session:go-session-set", "x");
        SessionListProbe probe = new SessionListProbe();
        probe.query(SessionQuery.UNREADABLE);

        SessionListing l = probe.collect(redis, figures());

        assertThat(l.source()).isEqualTo(SessionListing.Source.UNREADABLE);
        assertThat(l.rows()).extracting(SessionRow::sessionId).containsExactlyInAnyOrder("go-session-bad", "go-session-set");
        assertThat(l.rows()).extracting(SessionRow::problem).containsExactlyInAnyOrder("not a session: JSON without user_id",
                "not a string but a set");
    }

    @Test
    void theCommandLineSweepReadsEverySessionKeyWhoeverWroteIt() {
        GoSessionFixture go = new GoSessionFixture(redis);
        for (int i = 0; i < 30; i++) {
            go.write("go-session-" + i, i, "u" + i, "user", "10.0.0.1", "curl/8", GoSessionFixture.now().minusHours(1),
                    GoSessionFixture.now().minusMinutes(i + 10));
        }
        go.malformed("go-session-bad", "nope");
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            login(now.minusSeconds(10 - i), 100 + i, "j" + i);
        }

        SessionSweep.Result r = SessionSweep.run(redis, 7, Duration.ofMinutes(1));

        assertThat(r.complete()).isTrue();
        assertThat(r.sessions()).isEqualTo(35);
        assertThat(r.unreadableCount()).isEqualTo(1);
        assertThat(r.recent()).extracting(SessionRow::userId).containsExactly(104L, 103L, 102L, 101L, 100L, 0L, 1L);
        assertThat(r.unreadable()).extracting(SessionRow::sessionId).containsExactly("go-session-bad");

        SessionListing user = SessionListProbe.forUser(redis, 3L, 10);
        assertThat(user.rows()).extracting(SessionRow::sessionId).containsExactly("go-session-3");
    }
}
