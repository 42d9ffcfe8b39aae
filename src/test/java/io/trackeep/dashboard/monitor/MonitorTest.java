package io.trackeep.dashboard.monitor;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class MonitorTest {

    @Test
    void readingsTurnStaleWhileRedisIsDownAndFreshAfterItReturns(RedisServerProcess server, RedisConnections redis) throws Exception {
        BlockingQueue<Reading<Long>> readings = new LinkedBlockingQueue<>();
        Probe<Long> dbsize = new Probe<>() {
            public String name() {
                return "dbsize";
            }

            public Long collect() {
                return RedisErrors.call("DBSIZE", () -> redis.sync().dbsize());
            }
        };
        redis.sync().set("a", "1");
        try (Monitor monitor = new Monitor(Duration.ofMillis(100))) {
            monitor.watch(dbsize, readings::add);
            monitor.start();
            Reading<Long> first = readings.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.isStale()).isFalse();
            assertThat(first.value()).isEqualTo(1L);

            server.stop();
            Reading<Long> stale = awaitReading(readings, Reading::isStale);
            assertThat(stale.value()).as("last good value kept").isEqualTo(1L);
            assertThat(stale.error()).contains("unreachable");

            server.restart();
            Reading<Long> back = awaitReading(readings, r -> !r.isStale());
            assertThat(back.value()).isZero(); // restarted in-memory server is empty
        }
    }

    @Test
    void pausedMonitorSkipsTicksButRefreshNowRuns() throws Exception {
        BlockingQueue<Reading<Integer>> readings = new LinkedBlockingQueue<>();
        int[] calls = {0};
        Probe<Integer> counter = new Probe<>() {
            public String name() {
                return "counter";
            }

            public Integer collect() {
                return ++calls[0];
            }
        };
        try (Monitor monitor = new Monitor(Duration.ofMillis(50))) {
            monitor.setPaused(true);
            monitor.watch(counter, readings::add);
            monitor.start();
            assertThat(readings.poll(300, TimeUnit.MILLISECONDS)).isNull();
            monitor.refreshNow();
            assertThat(readings.poll(2, TimeUnit.SECONDS)).extracting(Reading::value).isEqualTo(1);
        }
    }

    @Test
    void aFailingProbeDoesNotStopTheOthers() throws Exception {
        BlockingQueue<Reading<String>> good = new LinkedBlockingQueue<>();
        BlockingQueue<Reading<String>> bad = new LinkedBlockingQueue<>();
        try (Monitor monitor = new Monitor(Duration.ofMillis(50))) {
            monitor.watch(probe("bad", () -> {
                throw new IllegalStateException("boom");
            }), bad::add);
            monitor.watch(probe("good", () -> "ok"), good::add);
            monitor.start();
            assertThat(bad.poll(2, TimeUnit.SECONDS).error()).contains("bad failed: boom");
            assertThat(good.poll(2, TimeUnit.SECONDS).value()).isEqualTo("ok");
        }
    }

    private static <T> Probe<T> probe(String name, java.util.concurrent.Callable<T> body) {
        return new Probe<>() {
            public String name() {
                return name;
            }

            public T collect() throws Exception {
                return body.call();
            }
        };
    }

    private static <T> Reading<T> awaitReading(BlockingQueue<Reading<T>> q, java.util.function.Predicate<Reading<T>> p)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Reading<T> r = q.poll(1, TimeUnit.SECONDS);
            if (r != null && p.test(r)) {
                return r;
            }
        }
        throw new AssertionError("no matching reading within 20 s");
    }
}
