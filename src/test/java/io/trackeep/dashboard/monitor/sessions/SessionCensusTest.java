package io.trackeep.dashboard.monitor.sessions;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.census.CensusPace;
import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.census.KeyspaceCensus;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.NewSession;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.testing.GoSessionFixture;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.SteppingTicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The census's sessions detail on its own: what one pass counts, on any mix of writers and odd values. */
@ExtendWith(RedisServerExtension.class)
class SessionCensusTest {

    private final RedisConnections redis;

    SessionCensusTest(RedisConnections redis) {
        this.redis = redis;
    }

    /** One complete pass with this detail, a few keys per call so that it spans many ticks. */
    private SessionCensus.Figures pass(SessionCensus detail) {
        return pass(redis, detail);
    }

    private static SessionCensus.Figures pass(RedisConnections redis, SessionCensus detail) {
        KeyspaceCensus census = new KeyspaceCensus(redis, 20, 3, Duration.ofSeconds(1), Clock.systemUTC());
        census.want(detail);
        CensusSnapshot s = census.advance();
        for (int i = 0; i < 10_000 && !census.completedWith(detail); i++) {
            s = census.advance();
        }
        assertThat(census.completedWith(detail)).isTrue();
        return s.detail(detail);
    }

    private SessionCensus.Figures pass() {
        return pass(SessionCensus.DETAIL);
    }

    @Test
    void ghostIdsAreCountedInSetsOfEverySizeAndKeysOfAnotherTypeAreNoSets() {
        GoSessionFixture go = new GoSessionFixture(redis);
        go.write("live-1", 1, "ann", "user", "10.0.0.1", GoSessionFixture.now());
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            gone.add("gone-" + i); // a Go user set years old: a hashtable read in SSCAN pages
        }
        redis.sync().sadd("tk:user:sessions:1", gone.toArray(String[]::new));
        go.staleId(2, "gone-b");
        redis.sync().set("tk:user:sessions:3", "not a set");

        SessionCensus.Figures f = pass();

        assertThat(f.userSets()).isEqualTo(2);
        assertThat(f.setIds()).isEqualTo(452);
        assertThat(f.ghostIds()).isEqualTo(451);
        assertThat(f.sessions()).isEqualTo(1);
        assertThat(f.complete()).isTrue();
    }

    @Test
    void everyKindOfValueThatIsNotASessionIsUnreadableAndNamed() {
        GoSessionFixture go = new GoSessionFixture(redis);
        go.write("live-1", 1, "ann", "user", "10.0.0.1", GoSessionFixture.now());
        go.malformed("not-json", "\u0000\u0001 binary");
        go.malformed("empty-object", "{}");
        go.malformed("wrong-type-field", "{\"user_id\":\"forty-two\",\"session_id\":\"x\"}");
        redis.sync().hset("tk:session:a-hash", "user_id", "3");

        SessionCensus.Figures f = pass();

        assertThat(f.sessions()).isEqualTo(1);
        assertThat(f.unreadable()).isEqualTo(4);
        assertThat(f.unreadableIds()).extracting(SessionCensus.Unreadable::sessionId)
                .containsExactlyInAnyOrder("not-json", "empty-object", "wrong-type-field", "a-hash");
        assertThat(f.users()).isEqualTo(1);
    }

    @Test
    void theIndexIsCompleteOnlyWhenItListsExactlyTheReadableSessions() {
        RedisSessionStore store = new RedisSessionStore(redis, "test");
        for (int i = 0; i < 30; i++) {
            store.create(new NewSession(i % 4, "u@example.org", "u", "user", "10.0.0.1", "JUnit"));
        }
        redis.sync().zadd("tk:sessions:expiry", 1_000, "expired-long-ago"); // past its expiry: not live, not dead
        redis.sync().set("tk:session:old-garbage", "oops"); // not a session, and its index entry is past its expiry
        redis.sync().zadd("tk:sessions:expiry", 2_000, "old-garbage");

        SessionCensus.Figures clean = pass();
        assertThat(clean.unreadable()).isEqualTo(1);
        assertThat(clean.index()).isEqualTo(new SessionCensus.IndexCheck(true, 30, 0, 0, 0L));
        assertThat(clean.index().complete()).isTrue();
        assertThat(clean.users()).isEqualTo(4);

        redis.sync().set("tk:session:indexed-garbage", "oops");
        redis.sync().zadd("tk:sessions:expiry", System.currentTimeMillis() + 60_000.0, "indexed-garbage");
        SessionCensus.Figures garbage = pass();
        assertThat(garbage.index().unreadableListed()).as("the live entry only").isEqualTo(1);
        assertThat(garbage.index().deadEntries()).as("no sweep once the index is known incomplete").isNull();
        assertThat(garbage.index().complete()).isFalse();
    }

    @Test
    void usersBeyondTheTallyAreCountedAsALowerBound() {
        GoSessionFixture go = new GoSessionFixture(redis);
        for (int uid = 0; uid < 12; uid++) {
            go.write("s-" + uid, uid, "u" + uid, "user", "10.0.0.1", GoSessionFixture.now());
        }

        SessionCensus.Figures f = pass(new SessionCensus(Clock.systemUTC(), 5));

        assertThat(f.sessions()).isEqualTo(12);
        assertThat(f.users()).isEqualTo(5);
        assertThat(f.usersCapped()).isTrue();
    }

    @Test
    void aRedisWithoutZmscoreIsCheckedWithZscore() {
        try (RedisServerProcess old = RedisServerProcess.start(RedisServerProcess.Options.defaults().withConfig("rename-command ZMSCORE \"\""));
             RedisConnections before62 = RedisConnections.open(old.settings());
             RedisConnections monitoring = RedisConnections.openForMonitoring(old.settings())) {
            RedisSessionStore store = new RedisSessionStore(before62, "test");
            for (int i = 0; i < 150; i++) {
                store.create(new NewSession(i % 3, "u@example.org", "u", "user", "10.0.0.1", "JUnit"));
            }

            for (RedisConnections connection : List.of(before62, monitoring)) {
                SessionCensus.Figures f = pass(connection, SessionCensus.DETAIL);
                assertThat(f.index()).isEqualTo(new SessionCensus.IndexCheck(true, 150, 0, 0, 0L));
            }
            assertThat(before62.sync().info("commandstats")).contains("cmdstat_zscore:calls=").doesNotContain("cmdstat_zmscore:calls=");
        }
    }

    @Test
    void everyRoundTripOfTheDetailIsPacedAndSlowOnesShrinkItsUserSetSteps() {
        RedisSessionStore store = new RedisSessionStore(redis, "test");
        for (int uid = 0; uid < 150; uid++) {
            store.create(new NewSession(uid, "u@example.org", "u", "user", "10.0.0.1", "JUnit"));
        }
        SteppingTicker ticker = new SteppingTicker(2_000_000); // every round trip measures 2 ms: over the ceiling
        List<String> heard = new ArrayList<>();
        List<Integer> setSteps = new ArrayList<>();
        CensusPace pace = CensusPace.adaptive(CensusPace.DEFAULTS.roundTripsOnly(), (commands, size, nanos) -> {
            heard.add(commands);
            if (commands.equals("SSCAN")) {
                setSteps.add(size);
            }
        });
        KeyspaceCensus census = new KeyspaceCensus(redis, pace, 1_000, Duration.ofSeconds(1_000), Clock.systemUTC(), ticker);
        census.want(SessionCensus.DETAIL);
        CensusSnapshot s = census.advance();
        for (int i = 0; i < 10_000 && !census.completedWith(SessionCensus.DETAIL); i++) {
            s = census.advance();
        }

        SessionCensus.Figures f = s.detail(SessionCensus.DETAIL);
        assertThat(f.sessions()).as("the same figures, however paced").isEqualTo(150);
        assertThat(f.userSets()).isEqualTo(150);
        assertThat(f.index()).isEqualTo(new SessionCensus.IndexCheck(true, 150, 0, 0, 0L));
        assertThat(heard).contains("EXISTS", "SCAN", "MGET+ZMSCORE", "SSCAN", "ZSCAN+EXISTS");
        assertThat(setSteps).startsWith(50).isSortedAccordingTo(Comparator.reverseOrder()).endsWith(1);
        assertThat(ticker.waits()).as("backed off, up to the most").isNotEmpty().allMatch(w -> w <= 200_000_000L);
        assertThat(pace.gapNanos()).isEqualTo(200_000_000L);
    }
}
