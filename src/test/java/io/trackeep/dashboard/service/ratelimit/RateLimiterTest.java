package io.trackeep.dashboard.service.ratelimit;

import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** What every algorithm guarantees, each against a real redis-server. */
@ExtendWith(RedisServerExtension.class)
class RateLimiterTest {

    private final List<RateLimitStats> opened = new ArrayList<>();

    @AfterEach
    void closeStats() {
        opened.forEach(RateLimitStats::close);
    }

    /** {@code limit} per window for window algorithms; a token bucket of that capacity refilling over the window. */
    static LimitDefinition limit(LimitAlgorithm algorithm, long limit, Duration window) {
        return switch (algorithm) {
            case SLIDING_WINDOW -> LimitDefinition.slidingWindow(limit, window);
            case FIXED_WINDOW -> LimitDefinition.fixedWindow(limit, window);
            case TOKEN_BUCKET -> LimitDefinition.tokenBucket(limit, limit * 1000.0 / window.toMillis());
        };
    }

    private RateLimiter limiter(RedisConnections redis, LimitDefinition definition, FailureMode mode) {
        RateLimitStats stats = new RateLimitStats(redis, Duration.ofHours(1));
        opened.add(stats);
        return RateLimiter.of(redis, "test", definition, mode, stats);
    }

    /** How many requests the key's state holds as counted. */
    static double counted(RedisConnections redis, LimitAlgorithm algorithm, String key, long limit) {
        return switch (algorithm) {
            case SLIDING_WINDOW -> redis.sync().zcard(key);
            case FIXED_WINDOW -> Long.parseLong(redis.sync().get(key));
            case TOKEN_BUCKET -> limit - Double.parseDouble(redis.sync().hget(key, "tokens"));
        };
    }

    @ParameterizedTest
    @EnumSource(LimitAlgorithm.class)
    void eightThreadsHammeringOneKeyAreAdmittedExactlyTheLimit(LimitAlgorithm algorithm, RedisConnections redis) throws Exception {
        long limit = 100;
        // a day-long window: the test itself cannot reach the next window or refill a token
        RateLimiter limiter = limiter(redis, limit(algorithm, limit, Duration.ofDays(1)), FailureMode.OPEN);
        int threads = 8;
        int perThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> admitted = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                admitted.add(pool.submit(() -> {
                    start.await();
                    int n = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (limiter.check("10.0.0.1").allowed()) {
                            n++;
                        }
                    }
                    return n;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : admitted) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(limit);
        } finally {
            pool.shutdownNow();
        }
        // the 380 denied requests left no trace
        assertThat(counted(redis, algorithm, redis.keys().rateLimit("test", "10.0.0.1"), limit))
                .isCloseTo(limit, org.assertj.core.data.Offset.offset(0.01));
        assertThat(limiter.check("10.0.0.1").allowed()).isFalse();
        assertThat(limiter.check("10.0.0.2").allowed()).as("another client has its own key").isTrue();
    }

    @ParameterizedTest
    @EnumSource(LimitAlgorithm.class)
    void aThousandPipelinedRequestsWithinMillisecondsAreEachCounted(LimitAlgorithm algorithm, RedisConnections redis) {
        RateLimiter limiter = limiter(redis, limit(algorithm, 1000, Duration.ofDays(1)), FailureMode.OPEN);
        List<CompletableFuture<Decision>> burst = new ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
            burst.add(limiter.checkAsync("burst").toCompletableFuture());
        }
        assertThat(burst).allSatisfy(f -> assertThat(f.join().allowed()).isTrue());
        assertThat(limiter.check("burst").allowed()).as("the 1001st").isFalse();

        String key = redis.keys().rateLimit("test", "burst");
        assertThat(counted(redis, algorithm, key, 1000)).isCloseTo(1000, org.assertj.core.data.Offset.offset(0.01));
        if (algorithm == LimitAlgorithm.SLIDING_WINDOW) {
            // many members share a millisecond (and all a second, where the Go code collapsed them)
            Set<String> millis = new HashSet<>();
            for (String member : redis.sync().zrange(key, 0, -1)) {
                millis.add(member.substring(0, member.indexOf('.') + 4));
            }
            assertThat(millis.size()).isLessThan(1000);
        }
    }

    @ParameterizedTest
    @EnumSource(LimitAlgorithm.class)
    void aClientOutsideAsciiCountsUnderTheKeyTheSharedCodecWrites(LimitAlgorithm algorithm, RedisConnections redis) {
        RateLimiter limiter = limiter(redis, limit(algorithm, 3, Duration.ofMinutes(1)), FailureMode.OPEN);
        String client = "user:Müller-€-\uD83D\uDE00"; // ASCII keys take a shortcut past the codec; these must not
        String key = redis.keys().rateLimit("test", client);
        assertThat(limiter.check(client).remaining()).isEqualTo(2);
        assertThat(limiter.check(client).remaining()).isEqualTo(1);

        assertThat(counted(redis, algorithm, key, 3)).isCloseTo(2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(redis.sync().exists(redis.keys().rateLimit("test", "user:M?ller-?-?"))).isZero();
        assertThat(limiter.peek(client).remaining()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(LimitAlgorithm.class)
    void everyKeyWrittenHasATimeToLive(LimitAlgorithm algorithm, RedisConnections redis) {
        Duration window = Duration.ofSeconds(30);
        RateLimiter limiter = limiter(redis, limit(algorithm, 2, window), FailureMode.OPEN);
        String key = redis.keys().rateLimit("test", "ttl");
        for (int i = 0; i < 4; i++) { // admitted and denied
            limiter.check("ttl");
            long ttl = redis.sync().pttl(key);
            if (algorithm == LimitAlgorithm.TOKEN_BUCKET) {
                assertThat(ttl).isBetween(3_590_000L, 3_600_000L);
            } else {
                assertThat(ttl).isBetween(window.toMillis() - 5_000, window.toMillis());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LimitAlgorithm.class)
    void remainingRetryAfterAndResetAreConsistent(LimitAlgorithm algorithm, RedisConnections redis) throws Exception {
        Duration window = Duration.ofSeconds(2);
        RateLimiter limiter = limiter(redis, limit(algorithm, 3, window), FailureMode.OPEN);
        for (int expectedRemaining = 2; expectedRemaining >= 0; expectedRemaining--) {
            Decision d = limiter.check("c");
            assertThat(d.allowed()).isTrue();
            assertThat(d.degraded()).isFalse();
            assertThat(d.limit()).isEqualTo(3);
            assertThat(d.remaining()).isEqualTo(expectedRemaining);
            assertThat(d.retryAfter()).isZero();
            assertThat(d.resetAfter()).isPositive().isLessThanOrEqualTo(window);
            assertThat(d.resetAt()).isAfter(d.decidedAt());
        }
        Decision denied = limiter.check("c");
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.remaining()).isZero();
        assertThat(denied.retryAfter()).isPositive().isLessThanOrEqualTo(window);
        if (algorithm == LimitAlgorithm.TOKEN_BUCKET) {
            // one token takes 2 s / 3 to come back
            assertThat(denied.retryAfter()).isBetween(Duration.ofMillis(400), Duration.ofMillis(667));
        } else {
            assertThat(denied.retryAfter()).isGreaterThan(Duration.ofMillis(1500));
        }
        // Judged by the server's clock (each decision's decidedAt), not by how long this thread slept: a loaded
        // machine may oversleep, but every look the server answers before retry-after must still be refused.
        Instant retryAt = denied.decidedAt().plus(denied.retryAfter());
        List<Decision> early = new ArrayList<>();
        WaitFor.condition(window.multipliedBy(5), "retry-after to pass on the server's clock", () -> {
            Decision look = limiter.peek("c");
            if (look.decidedAt().isBefore(retryAt)) {
                early.add(look);
                return false;
            }
            return look.allowed();
        });
        assumeThat(early).as("looks answered before retry-after").isNotEmpty();
        assertThat(early).as("not before retry-after (%s)", retryAt).noneMatch(Decision::allowed);
        assertThat(limiter.check("c").allowed()).as("again after retry-after").isTrue();
    }

    @ParameterizedTest
    @EnumSource(LimitAlgorithm.class)
    void peekCountsNothingAndWritesNothing(LimitAlgorithm algorithm, RedisConnections redis) {
        RateLimiter limiter = limiter(redis, limit(algorithm, 5, Duration.ofMinutes(1)), FailureMode.OPEN);
        String key = redis.keys().rateLimit("test", "p");
        assertThat(limiter.peek("p").remaining()).isEqualTo(5);
        assertThat(redis.sync().exists(key)).isZero();
        limiter.check("p");
        limiter.check("p");
        for (int i = 0; i < 3; i++) {
            Decision peek = limiter.peek("p");
            assertThat(peek.allowed()).isTrue();
            assertThat(peek.remaining()).isEqualTo(3);
        }
        assertThat(limiter.check("p").remaining()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(LimitAlgorithm.class)
    void recoversWhenTheServerForgotTheScripts(LimitAlgorithm algorithm, RedisConnections redis) {
        RateLimiter limiter = limiter(redis, limit(algorithm, 5, Duration.ofMinutes(1)), FailureMode.CLOSED);
        assertThat(limiter.check("n").remaining()).isEqualTo(4);
        redis.sync().scriptFlush();
        Decision afterFlush = limiter.check("n");
        assertThat(afterFlush.degraded()).isFalse();
        assertThat(afterFlush.remaining()).isEqualTo(3);
        redis.sync().scriptFlush();
        assertThat(limiter.checkAsync("n").toCompletableFuture().join().remaining()).isEqualTo(2);
        assertThat(limiter.peek("n").remaining()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(LimitAlgorithm.class)
    void aKeyOfAnotherTypeIsAClearErrorInEitherFailureMode(LimitAlgorithm algorithm, RedisConnections redis) {
        String key = redis.keys().rateLimit("test", "w");
        redis.sync().lpush(key, "not a limiter");
        for (FailureMode mode : FailureMode.values()) {
            RateLimiter limiter = limiter(redis, limit(algorithm, 5, Duration.ofMinutes(1)), mode);
            assertThatThrownBy(() -> limiter.check("w"))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.COMMAND_FAILED))
                    .hasMessageContaining("WRONGTYPE").hasMessageContaining(key);
            assertThat(limiter.checkAsync("w").toCompletableFuture()).failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat().withMessageContaining("WRONGTYPE");
            assertThatThrownBy(() -> limiter.peek("w")).hasMessageContaining("WRONGTYPE");
        }
        assertThat(redis.sync().lrange(key, 0, -1)).containsExactly("not a limiter");
    }

    @ParameterizedTest
    @EnumSource(value = LimitAlgorithm.class, names = {"SLIDING_WINDOW", "FIXED_WINDOW"})
    void limiterOfAnotherAlgorithmsKeyIsWrongTypeToo(LimitAlgorithm algorithm, RedisConnections redis) {
        // a token-bucket hash under a window limiter: reported, never read as empty
        String key = redis.keys().rateLimit("test", "h");
        redis.sync().hset(key, "tokens", "3");
        RateLimiter limiter = limiter(redis, limit(algorithm, 5, Duration.ofMinutes(1)), FailureMode.OPEN);
        assertThatThrownBy(() -> limiter.check("h")).hasMessageContaining("WRONGTYPE");
    }

    @ParameterizedTest
    @EnumSource(LimitAlgorithm.class)
    void aLimiterRefusesADefinitionOfAnotherAlgorithmAndBadNames(LimitAlgorithm algorithm, RedisConnections redis) {
        RateLimitStats stats = new RateLimitStats(redis, Duration.ofHours(1));
        opened.add(stats);
        LimitDefinition definition = limit(algorithm, 5, Duration.ofMinutes(1));
        assertThatThrownBy(() -> RateLimiter.of(redis, "a:b", definition, FailureMode.OPEN, stats))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlidingWindowLimiter(redis, "x", LimitDefinition.fixedWindow(1, Duration.ofSeconds(1)),
                FailureMode.OPEN, stats)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RateLimiter.of(redis, "x", definition, FailureMode.OPEN, stats).definition()).isEqualTo(definition);
    }
}
