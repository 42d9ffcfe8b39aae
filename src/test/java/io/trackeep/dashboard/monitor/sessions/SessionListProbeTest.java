package io.trackeep.dashboard.monitor.sessions;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.NewSession;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.testing.GoSessionFixture;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    @Test
    void pagesByRecencyThroughTheIndexWithTimeLeft() {
        Instant now = Instant.now();
        List<Session> created = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            created.add(login(now.minusSeconds(150 - i), i % 5, "user" + i % 5)); // the last created is the most recent
        }
        SessionListProbe probe = new SessionListProbe();

        SessionListing first = probe.collect(redis);

        assertThat(first.source()).isEqualTo(SessionListing.Source.INDEX);
        assertThat(first.rows()).hasSize(SessionListProbe.PAGE_SIZE);
        assertThat(first.rows().get(0).sessionId()).isEqualTo(created.get(149).sessionId());
        assertThat(first.hasMore()).isTrue();
        assertThat(first.rows().get(0).ttlMillis()).isCloseTo(Duration.ofHours(24).toMillis(), within(5_000L));

        probe.query(new SessionQuery(null, 1));
        SessionListing second = probe.collect(redis);
        assertThat(second.offset()).isEqualTo(100);
        assertThat(second.rows()).hasSize(50);
        assertThat(second.rows().get(49).sessionId()).isEqualTo(created.get(0).sessionId());
        assertThat(second.hasMore()).isFalse();
    }

    @Test
    void loginsPerMinuteComeFromCreationTimes() {
        Instant now = Instant.parse("2026-11-27T10:30:30Z");
        login(now.minus(Duration.ofMinutes(3)), 1, "ann");
        login(now.minus(Duration.ofMinutes(3)).plusSeconds(5), 2, "bob");
        login(now.minus(Duration.ofMinutes(10)), 3, "cid");
        login(now.minus(Duration.ofMinutes(40)), 4, "dan"); // before the window, and it stops the read there
        SessionListProbe probe = new SessionListProbe(ScanPace.TICK, Duration.ofSeconds(30), at(now));

        LoginRate logins = probe.collect(redis).logins();

        assertThat(logins.minutes()).hasSize(LoginRate.MINUTES);
        assertThat(logins.minutes().get(14).minute()).isEqualTo(Instant.parse("2026-11-27T10:30:00Z"));
        assertThat(logins.minutes().get(11).logins()).isEqualTo(2); // 10:27
        assertThat(logins.minutes().get(4).logins()).isEqualTo(1);  // 10:20
        assertThat(logins.total()).isEqualTo(3);
        assertThat(logins.coveredSince()).as("every session active in the window was read").isNull();
        assertThat(logins.sampled()).isFalse();
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
    void onceListsUpToTheLimitWithAndWithoutTheIndex() {
        GoSessionFixture go = new GoSessionFixture(redis);
        for (int i = 0; i < 30; i++) {
            go.write("go-session-" + i, i, "u" + i, "user", "10.0.0.1", GoSessionFixture.now().minusMinutes(i));
        }
        SessionListing sample = SessionListProbe.once(redis, null, 10);
        assertThat(sample.source()).isEqualTo(SessionListing.Source.SCAN_SAMPLE);
        assertThat(sample.rows()).hasSize(10);
        assertThat(sample.sampleComplete()).isFalse();

        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            login(now.minusSeconds(10 - i), 100 + i, "j" + i);
        }
        SessionListing indexed = SessionListProbe.once(redis, null, 3);
        assertThat(indexed.source()).isEqualTo(SessionListing.Source.INDEX);
        assertThat(indexed.rows()).extracting(SessionRow::userId).containsExactly(104L, 103L, 102L);
        assertThat(indexed.hasMore()).isTrue();

        SessionListing user = SessionListProbe.once(redis, 3L, 10);
        assertThat(user.rows()).extracting(SessionRow::sessionId).containsExactly("go-session-3");
    }
}
