package io.trackeep.dashboard.ui.task;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class RefreshLoopTest {

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void tasksRunEveryIntervalOffTheCallingThreadUntilPaused(RedisConnections redis) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        try (RefreshLoop loop = new RefreshLoop(() -> redis, (c, e) -> { })) {
            loop.register("ping", r -> {
                r.sync().ping();
                thread.set(Thread.currentThread().getName());
                runs.incrementAndGet();
            });
            loop.setInterval(Duration.ofMillis(250));
            loop.start();
            await("three ticks", Duration.ofSeconds(5), () -> runs.get() >= 3);
            assertThat(thread.get()).isEqualTo("dashboard-refresh-1");

            loop.setPaused(true);
            Thread.sleep(400); // a tick in flight may finish
            int paused = runs.get();
            Thread.sleep(800);
            assertThat(runs.get()).isEqualTo(paused);

            loop.refreshNow();
            await("one manual round while paused", Duration.ofSeconds(3), () -> runs.get() == paused + 1);
            Thread.sleep(600);
            assertThat(runs.get()).isEqualTo(paused + 1);

            loop.setPaused(false);
            await("ticks again", Duration.ofSeconds(3), () -> runs.get() >= paused + 3);
        }
    }

    @Test
    void theFirstRoundRunsAtOnceNotAnIntervalLater(RedisConnections redis) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (RefreshLoop loop = new RefreshLoop(() -> redis, (c, e) -> { })) {
            loop.register("count", r -> runs.incrementAndGet());
            loop.setInterval(Duration.ofHours(1));
            loop.start();
            await("the first round, without waiting an hour", Duration.ofSeconds(5), () -> runs.get() == 1);
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
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                redis.sync().ping();
                return;
            } catch (RuntimeException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
