package io.trackeep.dashboard.monitor.sessions;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.GoSessionFixture;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class RecentOwnersTest {

    private static final Instant NOW = Instant.now();
    private final RedisConnections redis;
    private final GoSessionFixture go;

    RecentOwnersTest(RedisConnections redis) {
        this.redis = redis;
        this.go = new GoSessionFixture(redis);
    }

    /** A session whose index entry says it was last active {@code minutesAgo} minutes ago. */
    private void session(String sid, long uid, String username, int minutesAgo) {
        go.write(sid, uid, username, "user", "10.0.0.1", GoSessionFixture.now());
        redis.sync().zadd("tk:sessions:expiry", NOW.plusSeconds(GoSessionFixture.DAY - 60L * minutesAgo).toEpochMilli(), sid);
    }

    @Test
    void readsTheOwnersOfTheMostRecentlyActiveSessionsOnly() {
        session("ann-old-1", 42, "ann", 50);
        session("ann-old-2", 42, "ann", 40);
        session("ann-old-3", 42, "ann", 30);
        session("bob-new-1", 7, "bob", 3);
        session("bob-new-2", 7, "bob", 2);
        session("cid-new-1", 9, "cid", 1);

        RecentOwners.Tally tally = RecentOwners.read(redis, 3, 10, NOW);

        assertThat(tally.top()).containsExactly(
                new SessionsSnapshot.TopUser(7, "bob", 2),
                new SessionsSnapshot.TopUser(9, "cid", 1));
        assertThat(tally.sessionsRead()).isEqualTo(3);
        assertThat(tally.allSessions()).isFalse();
    }

    @Test
    void withFewSessionsEveryLiveOneIsCountedAndGoneOrStaleOrMalformedOnesAreSkipped() {
        for (int i = 0; i < RecentOwners.PAGE + 20; i++) { // more than a page
            session("ann-" + i, 42, "ann", i % 60);
        }
        session("bob-1", 7, "bob", 5);
        redis.sync().zadd("tk:sessions:expiry", NOW.plusSeconds(600).toEpochMilli(), "gone-but-indexed");
        redis.sync().zadd("tk:sessions:expiry", NOW.minusSeconds(600).toEpochMilli(), "expired");
        go.malformed("broken", "{not json");
        redis.sync().zadd("tk:sessions:expiry", NOW.plusSeconds(900).toEpochMilli(), "broken");

        RecentOwners.Tally tally = RecentOwners.read(redis, 10_000, 1, NOW);

        assertThat(tally.top()).containsExactly(new SessionsSnapshot.TopUser(42, "ann", RecentOwners.PAGE + 20));
        assertThat(tally.sessionsRead()).isEqualTo(RecentOwners.PAGE + 21);
        assertThat(tally.allSessions()).isTrue();
    }
}
