package io.trackeep.dashboard.monitor.census;

import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
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

        // 2 calls of COUNT 100 per tick: a pass needs many ticks
        KeyspaceCensus census = new KeyspaceCensus(redis, 100, 2, Duration.ofSeconds(1), Clock.systemUTC());
        CensusSnapshot first = census.advance();
        assertThat(first.complete()).isFalse();
        assertThat(first.scannedKeys()).isLessThanOrEqualTo(2 * 100 * 2); // SCAN COUNT is a hint, allow slack
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
}
