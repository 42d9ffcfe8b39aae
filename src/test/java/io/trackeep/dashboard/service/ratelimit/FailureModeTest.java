package io.trackeep.dashboard.service.ratelimit;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What limiters decide when Redis cannot be asked, in both failure modes, and how they come back. */
@ExtendWith(RedisServerExtension.class)
class FailureModeTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private List<RateLimiter> limiters(RedisConnections redis, FailureMode mode) {
        RateLimitStats stats = new RateLimitStats(redis, Duration.ofHours(1));
        opened.add(stats);
        List<RateLimiter> all = new ArrayList<>();
        for (LimitAlgorithm algorithm : LimitAlgorithm.values()) {
            all.add(RateLimiter.of(redis, "f-" + algorithm.wireName(), RateLimiterTest.limit(algorithm, 1, Duration.ofMinutes(1)), mode, stats));
        }
        return all;
    }

    @Test
    void failsOpenOrClosedWhileTheServerIsDownAndRecoversAfterRestart(RedisServerProcess server, RedisConnections redis)
            throws Exception {
        List<RateLimiter> open = limiters(redis, FailureMode.OPEN);
        List<RateLimiter> closed = limiters(redis, FailureMode.CLOSED);
        for (RateLimiter l : open) {
            assertThat(l.check("c").allowed()).isTrue();
            assertThat(l.check("c").allowed()).as("limit 1 reached").isFalse();
        }

        server.stop();
        for (RateLimiter l : open) {
            Decision d = l.check("c");
            assertThat(d.degraded()).isTrue();
            assertThat(d.allowed()).as(l.definition().algorithm() + " fails open").isTrue();
            assertThat(l.checkAsync("c").toCompletableFuture().join()).matches(x -> x.degraded() && x.allowed());
        }
        for (RateLimiter l : closed) {
            Decision d = l.check("c");
            assertThat(d.degraded()).isTrue();
            assertThat(d.allowed()).as(l.definition().algorithm() + " fails closed").isFalse();
            assertThat(d.retryAfter()).isPositive();
        }
        // looking is no decision: the dashboard is told plainly
        assertThatThrownBy(() -> open.get(0).peek("c"))
                .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());

        server.restart(); // empty again, and without the cached scripts
        WaitFor.reconnected(redis);
        AtomicReference<Decision> back = new AtomicReference<>();
        WaitFor.condition(Duration.ofSeconds(30), "a decision from Redis again", () -> {
            back.set(closed.get(0).check("c"));
            return !back.get().degraded();
        });
        assertThat(back.get().allowed()).isTrue();
        for (RateLimiter l : closed.subList(1, closed.size())) {
            assertThat(l.check("c")).matches(d -> !d.degraded() && d.allowed());
        }
        for (RateLimiter l : open) {
            assertThat(l.check("c")).as("the state is in Redis, shared with closed").matches(d -> !d.degraded() && !d.allowed());
        }
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsTreatedAsUnreachable(RedisServerProcess server, RedisConnections redis) {
        RedisConnections impatient = RedisConnections.open(server.settings().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200)));
        opened.add(impatient);
        List<RateLimiter> open = limiters(impatient, FailureMode.OPEN);
        List<RateLimiter> closed = limiters(impatient, FailureMode.CLOSED);
        assertThat(open.get(0).check("t").degraded()).isFalse();

        redis.sync().clientPause(1500); // every client waits: the limiters' 200 ms timeout expires
        long started = System.nanoTime();
        Decision o = open.get(1).check("t");
        Decision c = closed.get(2).check("t");
        assertThat(o).matches(d -> d.degraded() && d.allowed());
        assertThat(c).matches(d -> d.degraded() && !d.allowed());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
    }

    @Test
    void aServerOutOfMemoryFailsByTheModeWhereItRefusesTheWrite(RedisConnections redis) {
        List<RateLimiter> open = limiters(redis, FailureMode.OPEN);
        List<RateLimiter> closed = limiters(redis, FailureMode.CLOSED);
        redis.sync().configSet("maxmemory-policy", "noeviction");
        redis.sync().configSet("maxmemory", "1");
        try {
            for (int i = 0; i < open.size(); i++) {
                Decision o = open.get(i).check("m");
                Decision c = closed.get(i).check("m");
                if (open.get(i).definition().algorithm() == LimitAlgorithm.SLIDING_WINDOW) {
                    // its first write only removes (not refused under OOM), after which Redis lets the script finish
                    assertThat(o.degraded()).isFalse();
                } else {
                    assertThat(o).matches(d -> d.degraded() && d.allowed(), "degraded, allowed");
                    assertThat(c).matches(d -> d.degraded() && !d.allowed(), "degraded, denied");
                }
            }
        } finally {
            redis.sync().configSet("maxmemory", "0");
        }
        for (RateLimiter l : open) {
            assertThat(l.check("m2")).matches(d -> !d.degraded() && d.allowed(), "decided by Redis again");
        }
    }
}
