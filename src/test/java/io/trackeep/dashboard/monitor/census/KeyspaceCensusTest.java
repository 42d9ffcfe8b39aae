package io.trackeep.dashboard.monitor.census;

import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.MutableClock;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class KeyspaceCensusTest {

    @Test
    void countsEveryKindOverSeveralTicksWithinTheBudget(RedisConnections redis) {
        KeySchema k = redis.keys();
        Map<String, String> data = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            data.put(k.session("s" + i), "{}");
        }
        for (int i = 0; i < 40; i++) {
            data.put(k.rateLimit("auth", "10.0.0." + i), "1");
        }
        data.put(k.rateLimit("general", "::1"), "1");
        data.put(k.responseCache("/api/items", "page=1", 42L), "{}");
        data.put("someone-else:key", "x");
        data.put("tk:unknown:thing", "x");
        redis.sync().mset(data);
        redis.sync().zadd(k.leaderboard("7"), 10, "42");
        redis.sync().sadd(k.userSessions(42), "s1");

        // 2 round trips of COUNT 100 per master per tick: a pass needs many ticks
        KeyspaceCensus census = new KeyspaceCensus(redis, 100, 2, Duration.ofSeconds(1), Clock.systemUTC());
        CensusSnapshot first = census.advance();
        assertThat(first.complete()).isFalse();
        int masters = redis.masters().size();
        assertThat(first.scannedKeys()).isLessThanOrEqualTo(2 * 100 * 2 * masters); // SCAN COUNT is a hint, allow slack
        assertThat(first.keysPerMaster()).as("every master walked from the first round trip").hasSize(masters)
                .allSatisfy((master, keys) -> assertThat(keys).isPositive());
        assertThat(first.progress()).isBetween(0.0, 1.0);

        int ticks = 1;
        CensusSnapshot snap = first;
        while (!snap.complete() && ticks < 1000) {
            snap = census.advance();
            ticks++;
        }
        assertThat(ticks).isGreaterThan(5);
        assertThat(snap.complete()).isTrue();
        assertThat(snap.count(KeyKind.SESSION)).isEqualTo(3000);
        assertThat(snap.count(KeyKind.RATE_LIMIT)).isEqualTo(41);
        assertThat(snap.rateLimitClients()).containsEntry("auth", 40L).containsEntry("general", 1L);
        assertThat(snap.count(KeyKind.RESPONSE_CACHE)).isEqualTo(1);
        assertThat(snap.count(KeyKind.LEADERBOARD)).isEqualTo(1);
        assertThat(snap.leaderboardIds()).containsExactly("7");
        assertThat(snap.count(KeyKind.USER_SESSIONS)).isEqualTo(1);
        assertThat(snap.count(KeyKind.FOREIGN)).isEqualTo(1);
        assertThat(snap.count(KeyKind.OTHER_PREFIXED)).isEqualTo(1);
    }

    @Test
    void classifiesProjectKeys() {
        KeySchema k = new KeySchema("tk");
        assertThat(KeyKind.of(k.cacheUserIndex(42), k)).isEqualTo(KeyKind.CACHE_USER_INDEX);
        assertThat(KeyKind.of(k.searchCache(42, "abc"), k)).isEqualTo(KeyKind.SEARCH_CACHE);
        assertThat(KeyKind.of(k.sessionsExpiry(), k)).isEqualTo(KeyKind.SESSIONS_INDEX);
        assertThat(KeyKind.of(k.rateLimitConfig(), k)).isEqualTo(KeyKind.RATE_LIMIT_CONFIG);
        assertThat(KeyKind.of(k.audit(), k)).isEqualTo(KeyKind.AUDIT);
        assertThat(KeyKind.of(k.lock("x"), k)).isEqualTo(KeyKind.LOCK);
        assertThat(KeyKind.of("tk:stats:cache:response:202611271015", k)).isEqualTo(KeyKind.STATS);
    }

    /** A detail that counts the keys it is shown and then wants {@code extraSteps} more calls. */
    private static final class CountingDetail implements CensusDetail<Long> {
        private final int extraSteps;
        int passes;

        CountingDetail(int extraSteps) {
            this.extraSteps = extraSteps;
        }

        @Override
        public Pass<Long> start(RedisConnections redis, Pacing pacing) {
            passes++;
            return new Pass<>() {
                long keys;
                int steps;

                @Override
                public void scanned(List<String> found) {
                    keys += found.size();
                }

                @Override
                public boolean step(boolean keyspaceDone) {
                    return keyspaceDone && steps++ < extraSteps;
                }

                @Override
                public Long figures(Instant completedAt, double progress) {
                    return completedAt == null ? -keys : keys;
                }
            };
        }
    }

    @Test
    void aDetailSeesEveryKeyOfThePassesThatStartWhileItIsWantedAndFinishesItsStepsFirst(RedisConnections redis) {
        for (int i = 0; i < 500; i++) {
            redis.sync().set("k" + i, "x");
        }
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
        KeyspaceCensus census = new KeyspaceCensus(redis, 100, 2, Duration.ofSeconds(1), clock);
        CountingDetail detail = new CountingDetail(3);
        census.advance();
        assertThat(census.current().detail(detail)).as("not asked for").isNull();

        census.want(detail); // the running pass started without it: it starts over
        CensusSnapshot s = census.advance();
        assertThat(s.detail(detail)).as("partial figures of the running pass").isNotNull().isLessThanOrEqualTo(0L);
        int ticks = 0;
        while (!census.completedWith(detail) && ticks++ < 100) {
            s = census.advance();
        }
        assertThat(s.detail(detail)).isEqualTo(500L);
        assertThat(s.count(KeyKind.FOREIGN)).isEqualTo(500);
        assertThat(detail.passes).isEqualTo(1);

        clock.advance(KeyspaceCensus.DETAIL_KEPT.plusSeconds(1));
        for (int i = 0; i < 20; i++) {
            census.advance();
        }
        assertThat(detail.passes).as("no longer asked for: later passes skip it").isEqualTo(1);
        assertThat(census.current().detail(detail)).as("the last figures stay").isEqualTo(500L);
    }
}
