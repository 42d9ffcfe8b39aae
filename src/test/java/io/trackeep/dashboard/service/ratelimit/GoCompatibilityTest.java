package io.trackeep.dashboard.service.ratelimit;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * State laid out exactly as the Go backend writes it (docs/ARCHITECTURE.md §6) is read and
 * continued, and what the limiters write is still readable the way the Go code reads it.
 */
@ExtendWith(RedisServerExtension.class)
class GoCompatibilityTest {

    private RedisConnections redis;
    private RateLimitStats stats;

    @BeforeEach
    void setUp(RedisConnections redis) {
        this.redis = redis;
        this.stats = new RateLimitStats(redis, Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() {
        stats.close();
    }

    private long serverSecond() {
        return Long.parseLong(redis.sync().time().get(0));
    }

    @Test
    void slidingWindowCountsAndExpiresGoMembersAndGoCanReadOurs() {
        String key = redis.keys().rateLimit("general", "10.0.0.9");
        long now = serverSecond();
        // Go: ZADD key <second> "<second>" per request, EXPIRE window
        redis.sync().zadd(key, now - 120, Long.toString(now - 120)); // outside the window: purged
        redis.sync().zadd(key, now - 30, Long.toString(now - 30));
        redis.sync().zadd(key, now - 20, Long.toString(now - 20));
        redis.sync().expire(key, 60);

        RateLimiter limiter = new SlidingWindowLimiter(redis, "general", LimitDefinition.slidingWindow(5, Duration.ofMinutes(1)),
                FailureMode.OPEN, stats);
        assertThat(limiter.peek("10.0.0.9").remaining()).isEqualTo(3);
        assertThat(limiter.check("10.0.0.9").remaining()).isEqualTo(2);
        assertThat(limiter.check("10.0.0.9").remaining()).isEqualTo(1);
        assertThat(limiter.check("10.0.0.9").remaining()).isZero();
        Decision denied = limiter.check("10.0.0.9");
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.remaining()).isZero();
        // the oldest counted member is Go's (now-30): it leaves the window in about 30 s
        assertThat(denied.retryAfter()).isBetween(Duration.ofSeconds(28), Duration.ofSeconds(31));
        assertThat(redis.sync().zscore(key, Long.toString(now - 120))).as("purged like Go purges").isNull();

        // Go's own reading in whole seconds sees all five, and its purge keeps ours
        long goNow = serverSecond();
        assertThat(redis.sync().zcount(key, Range.create((double) goNow - 60, Double.POSITIVE_INFINITY))).isEqualTo(5);
        redis.sync().zremrangebyscore(key, Range.create(0d, (double) goNow - 60));
        assertThat(redis.sync().zcard(key)).isEqualTo(5);
        List<ScoredValue<String>> ours = redis.sync().zrangebyscoreWithScores(key, Range.create((double) now - 1, (double) goNow + 1));
        assertThat(ours).hasSize(3).allSatisfy(v -> {
            assertThat(v.getScore()).isBetween((double) now - 1, (double) goNow + 1); // unix seconds, not ms
            assertThat(v.getValue()).matches("\\d{10}\\.\\d{6}-[0-9a-f]{12}[0-9a-z]+");
        });
        assertThat(redis.sync().ttl(key)).isBetween(50L, 60L);
    }

    @Test
    void tokenBucketContinuesAGoBucketAndKeepsLastRefillInWholeSeconds() {
        String key = redis.keys().rateLimit("ai-chat", "user:42");
        long now = serverSecond();
        // Go: HSET tokens <decimal> last_refill <unix seconds>, EXPIRE 3600
        redis.sync().hset(key, Map.of("tokens", "3.5", "last_refill", Long.toString(now - 10)));
        redis.sync().expire(key, 3600);

        RateLimiter limiter = new TokenBucketLimiter(redis, "ai-chat", LimitDefinition.tokenBucket(20, 1.0),
                FailureMode.OPEN, stats);
        Decision d = limiter.check("user:42");
        // 3.5 + 10 to 11 s of refill at 1/s - 1 = 12.5 to 13.5 tokens left
        assertThat(d.allowed()).isTrue();
        assertThat(d.remaining()).isBetween(12L, 13L);
        assertThat(d.limit()).isEqualTo(20);

        Map<String, String> state = redis.sync().hgetall(key);
        assertThat(state.get("last_refill")).matches("\\d{10}"); // Go parses it as an integer
        assertThat(Long.parseLong(state.get("last_refill"))).isBetween(now, now + 2);
        assertThat(Double.parseDouble(state.get("tokens"))).isBetween(12.5, 13.6);
        assertThat(state.get("last_refill_us")).matches("\\d{16}");
        assertThat(redis.sync().ttl(key)).isBetween(3590L, 3600L);
    }

    @Test
    void tokenBucketIgnoresItsPreciseTimeOnceGoHasRefilledAfterIt() {
        String key = redis.keys().rateLimit("ai-chat", "u");
        long now = serverSecond();
        // our last write was 50 s ago, then Go wrote tokens and last_refill 2 s ago (not knowing last_refill_us)
        redis.sync().hset(key, Map.of("tokens", "0", "last_refill", Long.toString(now - 2),
                "last_refill_us", Long.toString((now - 50) * 1_000_000)));
        RateLimiter limiter = new TokenBucketLimiter(redis, "ai-chat", LimitDefinition.tokenBucket(10, 1.0),
                FailureMode.OPEN, stats);
        // 2 to 3 tokens refilled since Go's write (50 would have filled the bucket)
        assertThat(limiter.check("u").remaining()).isBetween(1L, 2L);
    }

    @Test
    void fixedWindowContinuesAGoCounterAndKeepsItsExpiry() {
        String key = redis.keys().rateLimit("auth", "10.0.0.7");
        // Go: INCR, EXPIRE window on the first
        redis.sync().set(key, "3");
        redis.sync().expire(key, 40);
        RateLimiter limiter = new FixedWindowLimiter(redis, "auth", LimitDefinition.fixedWindow(5, Duration.ofMinutes(1)),
                FailureMode.OPEN, stats);
        assertThat(limiter.check("10.0.0.7").remaining()).isEqualTo(1);
        assertThat(limiter.check("10.0.0.7").remaining()).isZero();
        Decision denied = limiter.check("10.0.0.7");
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfter()).isBetween(Duration.ofSeconds(35), Duration.ofSeconds(40));
        assertThat(redis.sync().get(key)).isEqualTo("5"); // a plain integer, as Go's INCR reads it
        assertThat(redis.sync().ttl(key)).as("the window is not extended").isBetween(35L, 40L);
    }

    @Test
    void fixedWindowCounterOverTheLimitFromGoIsDeniedAndNotRaised() {
        // Go counts denied requests too, so its counter can be above the limit
        String key = redis.keys().rateLimit("auth", "c");
        redis.sync().setex(key, 60, "9");
        RateLimiter limiter = new FixedWindowLimiter(redis, "auth", LimitDefinition.fixedWindow(5, Duration.ofMinutes(1)),
                FailureMode.OPEN, stats);
        assertThat(limiter.check("c").allowed()).isFalse();
        assertThat(redis.sync().get(key)).isEqualTo("9");
    }

    @Test
    void fixedWindowCounterLeftWithoutExpiryIsHealedInsteadOfBlockingForever() {
        String key = redis.keys().rateLimit("auth", "stuck");
        redis.sync().set(key, "7"); // INCR happened, EXPIRE was lost
        RateLimiter limiter = new FixedWindowLimiter(redis, "auth", LimitDefinition.fixedWindow(5, Duration.ofMinutes(1)),
                FailureMode.OPEN, stats);
        Decision denied = limiter.check("stuck");
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(redis.sync().ttl(key)).isBetween(55L, 60L);
    }

    @Test
    void fixedWindowValueThatIsNoIntegerIsWrongType() {
        String key = redis.keys().rateLimit("auth", "text");
        redis.sync().set(key, "1.5");
        RateLimiter limiter = new FixedWindowLimiter(redis, "auth", LimitDefinition.fixedWindow(5, Duration.ofMinutes(1)),
                FailureMode.OPEN, stats);
        assertThatThrownBy(() -> limiter.check("text")).hasMessageContaining("WRONGTYPE");
    }
}
