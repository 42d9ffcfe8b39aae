package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class CacheCountersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:15:30Z"), ZoneOffset.UTC);

    @Test
    void unreadableCountersCountAsZeroInsteadOfFailingTheRead(RedisConnections redis) {
        redis.sync().set("tk:stats:cache:search:202611271015", "not a hash");
        redis.sync().hset("tk:stats:cache:search:202611271014", Map.of("hits", "many", "misses", "-3"));
        redis.sync().hset("tk:stats:cache:search:202611271013", Map.of("hits", "2"));
        redis.sync().hset("tk:stats:cache:response:202611271015", Map.of("hits", "8", "misses", "2"));

        Map<CacheFamily, CacheCounterSeries> all = new CacheCounters(redis, CLOCK).readAll(3);

        assertThat(all.get(CacheFamily.SEARCH).minutes()).extracting(MinuteCounts::hits).containsExactly(2L, 0L, 0L);
        assertThat(all.get(CacheFamily.SEARCH).misses()).isZero();
        assertThat(all.get(CacheFamily.RESPONSE).hits()).isEqualTo(8);
        assertThat(all.get(CacheFamily.RESPONSE).hitRate()).hasValue(0.8);
    }
}
