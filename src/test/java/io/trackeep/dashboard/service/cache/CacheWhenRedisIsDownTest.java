package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Own class: it stops the server, which the other cache tests share. */
@ExtendWith(RedisServerExtension.class)
class CacheWhenRedisIsDownTest {

    @Test
    void lookupsFallBackToTheLoaderWhileWritesAndInvalidationsReportTheError(RedisServerProcess server) {
        try (RedisConnections redis = RedisConnections.open(server.settings())) {
            CacheStore cache = new CacheStore(redis);
            CacheKey key = CacheKey.response(redis.keys(), "/api/x", "", 42L);
            cache.put(key, "cached");
            server.stop();

            AtomicInteger loads = new AtomicInteger();
            long start = System.nanoTime();
            CacheResult result = cache.getOrLoad(key, () -> "from-backend-" + loads.incrementAndGet());

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(result.value()).isEqualTo("from-backend-1");
            assertThat(result.status()).isEqualTo(CacheStatus.BYPASS);
            assertThat(result.status().header()).isEqualTo("MISS");
            assertThat(result.failure().isUnavailable()).isTrue();

            assertThatThrownBy(() -> cache.put(key, "v")).isInstanceOfSatisfying(RedisAccessException.class,
                    e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.UNREACHABLE));
            assertThatThrownBy(() -> new CacheInvalidator(redis, "test").invalidateUser(42))
                    .isInstanceOfSatisfying(CacheInvalidationException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.UNREACHABLE);
                        assertThat(e.removed()).isZero();
                        assertThat(e.keysComplete()).isFalse();
                    });
            assertThatThrownBy(() -> new CacheCounters(redis).read(CacheFamily.RESPONSE, 5))
                    .isInstanceOf(RedisAccessException.class);
            assertThatThrownBy(() -> new CacheUsage(redis).measure(CacheFamily.RESPONSE, UsageBudget.defaults()))
                    .isInstanceOf(RedisAccessException.class);
        }
    }
}
