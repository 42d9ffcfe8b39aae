package io.trackeep.dashboard.service.ratelimit;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.WaitFor;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class RateLimitStatsTest {

    private static long sum(List<MinuteCounts> minutes, boolean allowed) {
        return minutes.stream().mapToLong(m -> allowed ? m.allowed() : m.blocked()).sum();
    }

    @Test
    void decisionsAreCountedPerMinuteAndExpireAfter48Hours(RedisConnections redis) {
        RateLimitOptions options = RateLimitOptions.defaults().withStatsFlush(Duration.ofHours(1));
        try (RateLimits limits = new RateLimits(redis, options)) {
            RateLimiter auth = limits.forName("auth");
            for (int i = 0; i < 8; i++) {
                auth.check("10.0.0.1");
            }
            assertThat(sum(limits.stats().lastMinutes("auth", 2), true)).as("nothing sent before a flush").isZero();
            limits.stats().flush();

            List<MinuteCounts> minutes = limits.stats().lastMinutes("auth", 2);
            assertThat(minutes).hasSize(2);
            assertThat(minutes.get(1).minute()).isEqualTo(Instant.now().truncatedTo(ChronoUnit.MINUTES));
            assertThat(minutes.get(0).minute()).isEqualTo(minutes.get(1).minute().minus(1, ChronoUnit.MINUTES));
            assertThat(sum(minutes, true)).isEqualTo(5);
            assertThat(sum(minutes, false)).isEqualTo(3);
            assertThat(sum(limits.stats().lastMinutes("general", 2), true)).isZero();

            String key = redis.keys().stats("ratelimit", "auth", minutes.get(1).allowed() > 0 ? minutes.get(1).minute() : minutes.get(0).minute());
            assertThat(redis.sync().ttl(key)).isBetween(Duration.ofHours(48).toSeconds() - 60, Duration.ofHours(48).toSeconds());
            assertThat(redis.sync().hgetall(key)).containsKeys("allowed", "blocked");
        }
    }

    @Test
    void theBackgroundFlushSendsCountsWithoutBeingAsked(RedisConnections redis) throws Exception {
        try (RateLimits limits = new RateLimits(redis, RateLimitOptions.defaults().withStatsFlush(Duration.ofMillis(100)))) {
            limits.forName("search").check("c");
            WaitFor.condition(Duration.ofSeconds(5), "the flushed count", () -> sum(limits.stats().lastMinutes("search", 2), true) > 0);
            assertThat(sum(limits.stats().lastMinutes("search", 2), true)).isEqualTo(1);
        }
    }

    @Test
    void countsRecordedWhileRedisIsDownArriveLaterAndDecisionsAreNeverHeldUp(RedisServerProcess server, RedisConnections redis)
            throws Exception {
        try (RateLimitStats stats = new RateLimitStats(redis, Duration.ofHours(1))) {
            Instant now = Instant.now();
            stats.record("upload", true, now);
            server.stop();
            stats.record("upload", false, now);
            assertThatThrownBy(stats::flush).isInstanceOf(RedisAccessException.class);
            server.restart();
            WaitFor.condition(Duration.ofSeconds(30), "a flush once Redis is back", () -> {
                stats.flush(); // throws until Redis answers again
                return true;
            });
            List<MinuteCounts> minutes = stats.lastMinutes("upload", 3);
            assertThat(sum(minutes, true)).isEqualTo(1);
            assertThat(sum(minutes, false)).isEqualTo(1);
        }
    }

    @Test
    void aMinuteRangeOutsideTheRetentionIsRefused(RedisConnections redis) {
        try (RateLimitStats stats = new RateLimitStats(redis)) {
            assertThatThrownBy(() -> stats.lastMinutes("general", 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> stats.lastMinutes("general", 48 * 60 + 1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(stats.lastMinutes("general", 48 * 60)).hasSize(48 * 60).allMatch(m -> m.allowed() == 0 && m.blocked() == 0);
        }
    }
}
