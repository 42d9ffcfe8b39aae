package io.trackeep.dashboard.ui.task;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.ManualScheduler;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class RefreshLoopTest {

    @Test
    void tasksRunEveryIntervalUntilPausedAndARefreshRunsOnceWhilePaused(RedisConnections redis) {
        ManualScheduler time = new ManualScheduler();
        AtomicInteger runs = new AtomicInteger();
        try (RefreshLoop loop = new RefreshLoop(() -> redis, (c, e) -> { }, time)) {
            loop.register("ping", r -> {
                r.sync().ping();
                runs.incrementAndGet();
            });
            loop.setInterval(Duration.ofMillis(250));
            loop.start();
            time.runDue();
            assertThat(runs).as("the first round at once").hasValue(1);
            time.advance(Duration.ofMillis(500));
            assertThat(runs).as("one round per interval").hasValue(3);

            loop.setPaused(true);
            time.advance(Duration.ofSeconds(10));
            assertThat(runs).as("no round while paused").hasValue(3);

            loop.refreshNow();
            time.runDue();
            assertThat(runs).as("F5 runs one round while paused").hasValue(4);
            time.advance(Duration.ofSeconds(10));
            assertThat(runs).as("and only one").hasValue(4);

            loop.setPaused(false);
            time.advance(Duration.ofMillis(750));
            assertThat(runs).as("rounds again").hasValue(7);
        }
    }

    @Test
    void aNewIntervalTakesEffectAtOnceAndRoundsRunOffTheCallersThread(RedisConnections redis) throws Exception {
        ManualScheduler time = new ManualScheduler();
        AtomicInteger runs = new AtomicInteger();
        try (RefreshLoop loop = new RefreshLoop(() -> redis, (c, e) -> { }, time)) {
            loop.register("count", r -> runs.incrementAndGet());
            loop.setInterval(Duration.ofMinutes(5));
            loop.start();
            time.runDue();
            loop.setInterval(Duration.ofSeconds(1)); // the planned round was 5 minutes away
            time.advance(Duration.ofSeconds(1));
            assertThat(runs).hasValue(2);
        }
        AtomicReference<String> thread = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        try (RefreshLoop loop = new RefreshLoop(() -> redis, (c, e) -> { })) {
            loop.register("where", r -> {
                thread.set(Thread.currentThread().getName());
                ran.countDown();
            });
            loop.start();
            assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(thread.get()).isEqualTo("dashboard-refresh-1");
        }
    }

    @Test
    void theFirstRoundRunsAtOnceNotAnIntervalLater(RedisConnections redis) {
        ManualScheduler time = new ManualScheduler();
        AtomicInteger runs = new AtomicInteger();
        try (RefreshLoop loop = new RefreshLoop(() -> redis, (c, e) -> { }, time)) {
            loop.register("count", r -> runs.incrementAndGet());
            loop.setInterval(Duration.ofHours(1));
            loop.start();
            time.runDue();
            assertThat(runs).as("the first round, without waiting an hour").hasValue(1);
        }
    }

    @Test
    void aFailingTaskIsReportedAndTheOthersStillRun(RedisConnections redis) {
        List<RedisAccessException> failures = new CopyOnWriteArrayList<>();
        AtomicInteger good = new AtomicInteger();
        try (RefreshLoop loop = new RefreshLoop(() -> redis, (c, e) -> failures.add(e))) {
            loop.register("wrong type", r -> {
                r.sync().set("tk:x", "string");
                r.sync().hgetall("tk:x"); // WRONGTYPE
            });
            loop.register("good", r -> good.incrementAndGet());
            loop.runTasks();
        }
        assertThat(good.get()).isEqualTo(1);
        assertThat(failures).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.COMMAND_FAILED);
            assertThat(e.getMessage()).startsWith("Refreshing wrong type").contains("WRONGTYPE");
        });
    }

    @Test
    void unreachableRedisIsReportedAsSuchAndNothingRunsWithoutAConnection(RedisServerProcess server, RedisConnections redis) {
        List<RedisAccessException> failures = new CopyOnWriteArrayList<>();
        AtomicReference<RedisConnections> current = new AtomicReference<>(redis);
        AtomicInteger runs = new AtomicInteger();
        try (RefreshLoop loop = new RefreshLoop(current::get, (c, e) -> failures.add(e))) {
            RefreshLoop.Registration reg = loop.register("ping", r -> {
                runs.incrementAndGet();
                r.sync().ping();
            });
            server.stop();
            loop.runTasks();
            assertThat(failures).singleElement().satisfies(e -> assertThat(e.isUnavailable()).isTrue());

            current.set(null);
            loop.runTasks();
            assertThat(runs.get()).isEqualTo(1);

            current.set(redis);
            reg.close();
            loop.runTasks();
            assertThat(runs.get()).isEqualTo(1);
            assertThat(loop.taskCount()).isZero();
        } finally {
            awaitBack(server, redis);
        }
    }

    /**
     * Restarts the server and waits until the shared connection has reconnected: the extension
     * would restart it too, but sends FLUSHALL before Lettuce is back.
     */
    static void awaitBack(RedisServerProcess server, RedisConnections redis) {
        server.restart();
        WaitFor.condition(Duration.ofSeconds(60), "the shared connection back", () -> "PONG".equals(redis.sync().ping()));
    }
}
