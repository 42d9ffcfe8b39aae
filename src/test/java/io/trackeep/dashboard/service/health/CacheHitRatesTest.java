package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class CacheHitRatesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:42Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void readsTheCountersOfTheLastMinutesPerFamily(RedisConnections redis) {
        KeySchema keys = redis.keys();
        // written as the cache feature writes them: HINCRBY on the minute's hash
        redis.sync().hset("tk:stats:cache:response:202611271013", Map.of("hits", "8", "misses", "2"));
        redis.sync().hset("tk:stats:cache:response:202611271015", Map.of("hits", "1", "extra", "ignored"));
        redis.sync().hset(keys.stats("cache", "search", Instant.parse("2026-11-27T10:14:00Z")), Map.of("misses", "4"));
        redis.sync().hset("tk:stats:cache:response:202611271010", Map.of("hits", "1000")); // outside the window
        redis.sync().hset("tk:stats:ratelimit:general:202611271015", Map.of("allowed", "5")); // another feature

        List<CacheFamilyHits> families = new CacheHitRates(redis, CLOCK).lastMinutes(3);

        assertThat(families).extracting(CacheFamilyHits::family).containsExactly("response", "search", "analytics");
        CacheFamilyHits response = families.get(0);
        assertThat(response.minutes()).containsExactly(
                new MinuteHits(Instant.parse("2026-11-27T10:13:00Z"), 8, 2),
                new MinuteHits(Instant.parse("2026-11-27T10:14:00Z"), 0, 0),
                new MinuteHits(Instant.parse("2026-11-27T10:15:00Z"), 1, 0));
        assertThat(response.hits()).isEqualTo(9);
        assertThat(response.misses()).isEqualTo(2);
        assertThat(response.hitRate()).isEqualTo(9.0 / 11);
        assertThat(response.minutes().get(1).hitRate()).as("no lookups").isNull();
        assertThat(families.get(1).hitRate()).isZero();
        assertThat(families.get(2).hitRate()).as("no traffic at all").isNull();
    }

    @Test
    void unreadableCountersCountAsZero(RedisConnections redis) {
        redis.sync().set("tk:stats:cache:search:202611271015", "not a hash");
        redis.sync().hset("tk:stats:cache:search:202611271014", Map.of("hits", "many", "misses", "-3"));
        redis.sync().hset("tk:stats:cache:search:202611271013", Map.of("hits", "2"));

        CacheFamilyHits search = new CacheHitRates(redis, CLOCK).lastMinutes(List.of("search"), 3).get(0);

        assertThat(search.minutes()).extracting(MinuteHits::hits).containsExactly(2L, 0L, 0L);
        assertThat(search.misses()).isZero();
    }

    @Test
    void boundsAndFailures(RedisServerProcess server, RedisConnections redis) {
        CacheHitRates rates = new CacheHitRates(redis, CLOCK);
        assertThatThrownBy(() -> rates.lastMinutes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rates.lastMinutes(CacheHitRates.MAX_MINUTES + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(rates.lastMinutes(CacheHitRates.MAX_MINUTES)).allSatisfy(f -> assertThat(f.minutes()).hasSize(2880));
        try {
            server.stop();
            assertThatThrownBy(() -> rates.lastMinutes(5))
                    .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
        } finally {
            server.restart();
            WaitFor.reconnected(redis);
        }
    }
}
