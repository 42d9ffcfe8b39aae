package io.trackeep.dashboard.service.lock;

import io.lettuce.core.cluster.SlotHash;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class FencedLocksTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    @Test
    void tryAcquireTakesAFreeLockOnceAndNumbersIt(RedisConnections redis) {
        FencedLocks locks = new FencedLocks(redis);

        Lock lock = locks.tryAcquire("cleanup", TTL).orElseThrow();

        assertThat(lock.name()).isEqualTo("cleanup");
        assertThat(lock.fence()).isEqualTo(1);
        assertThat(lock.ttl()).isEqualTo(TTL);
        assertThat(lock.token()).hasSize(32);
        assertThat(redis.sync().get("tk:lock:{cleanup}")).isEqualTo(lock.token());
        assertThat(redis.sync().pttl("tk:lock:{cleanup}")).isBetween(1L, 5000L);
        assertThat(redis.sync().get("tk:lock:{cleanup}:fence")).isEqualTo("1");
        assertThat(locks.tryAcquire("cleanup", TTL)).isEmpty();
        assertThat(redis.sync().get("tk:lock:{cleanup}:fence")).as("a failed attempt takes no number").isEqualTo("1");
        assertThat(locks.tryAcquire("census", TTL)).as("other names are independent").isPresent();
    }

    @Test
    void lockAndFenceKeysShareAHashSlot(RedisConnections redis) {
        assertThat(SlotHash.getSlot(redis.keys().lockFence("cleanup"))).isEqualTo(SlotHash.getSlot(redis.keys().lock("cleanup")));
    }

    @Test
    void onlyTheOwnerReleasesOrExtends(RedisConnections redis) {
        FencedLocks locks = new FencedLocks(redis);
        Lock lock = locks.tryAcquire("cleanup", Duration.ofSeconds(2)).orElseThrow();
        Lock impostor = new Lock("cleanup", "0".repeat(32), lock.fence(), lock.ttl());

        assertThat(locks.release(impostor)).isFalse();
        assertThat(locks.extend(impostor, Duration.ofMinutes(1))).isEmpty();
        assertThat(redis.sync().get("tk:lock:{cleanup}")).isEqualTo(lock.token());
        assertThat(redis.sync().pttl("tk:lock:{cleanup}")).isLessThanOrEqualTo(2000L);

        Optional<Lock> extended = locks.extend(lock, Duration.ofMinutes(1));
        assertThat(extended).contains(new Lock("cleanup", lock.token(), lock.fence(), Duration.ofMinutes(1)));
        assertThat(redis.sync().pttl("tk:lock:{cleanup}")).isGreaterThan(50_000L);

        assertThat(locks.release(lock)).isTrue();
        assertThat(redis.sync().exists("tk:lock:{cleanup}")).isZero();
        assertThat(locks.release(lock)).as("second release").isFalse();
        assertThat(locks.extend(lock, TTL)).as("extend after release").isEmpty();
    }

    @Test
    void expiryLetsAnotherInAndTheFormerHolderCannotTouchTheNewLock(RedisConnections redis) {
        FencedLocks locks = new FencedLocks(redis);
        Lock first = locks.tryAcquire("cleanup", Duration.ofMillis(100)).orElseThrow();
        assertThat(locks.tryAcquire("cleanup", TTL)).isEmpty();

        WaitFor.condition(Duration.ofSeconds(5), "the lease to run out", () -> redis.sync().exists("tk:lock:{cleanup}") == 0);
        Lock second = locks.tryAcquire("cleanup", TTL).orElseThrow();

        assertThat(second.fence()).isGreaterThan(first.fence());
        assertThat(locks.release(first)).isFalse();
        assertThat(locks.extend(first, TTL)).isEmpty();
        assertThat(redis.sync().get("tk:lock:{cleanup}")).isEqualTo(second.token());
    }

    @Test
    void fenceNumbersStrictlyIncreaseAcrossAcquisitions(RedisConnections redis) {
        FencedLocks locks = new FencedLocks(redis);
        List<Long> fences = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Lock lock = locks.tryAcquire("job", TTL).orElseThrow();
            fences.add(lock.fence());
            locks.release(lock);
        }
        assertThat(fences).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void threadsNeverInterleaveInsideTheLockAndFencesFollowTheHoldOrder(RedisConnections redis) throws Exception {
        FencedLocks locks = new FencedLocks(redis);
        int threads = 8;
        int rounds = 25;
        int[] counter = {0}; // deliberately unsynchronized: only the lock protects it
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Long> fencesInHoldOrder = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        Lock lock = locks.acquire("counter", TTL, Duration.ofSeconds(30)).orElseThrow();
                        try {
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            fencesInHoldOrder.add(lock.fence()); // ArrayList on purpose, guarded by the lock
                            int read = counter[0];
                            Thread.sleep(0, 200_000); // widen the race window a lock-free version would lose
                            counter[0] = read + 1;
                            inside.decrementAndGet();
                        } finally {
                            assertThat(locks.release(lock)).isTrue();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // Future.get() above orders the workers' writes before these reads.
        assertThat(overlaps.get()).isZero();
        assertThat(counter[0]).isEqualTo(threads * rounds);
        assertThat(fencesInHoldOrder).hasSize(threads * rounds).isSorted().doesNotHaveDuplicates();
        assertThat(fencesInHoldOrder.get(fencesInHoldOrder.size() - 1)).isEqualTo((long) threads * rounds);
    }

    @Test
    void acquireWaitsForARelease(RedisConnections redis) throws Exception {
        FencedLocks locks = new FencedLocks(redis);
        Lock held = locks.tryAcquire("job", TTL).orElseThrow();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            }
            locks.release(held);
        });
        releaser.start();
        long start = System.nanoTime();

        Optional<Lock> waited = locks.acquire("job", TTL, Duration.ofSeconds(10));

        assertThat(waited).isPresent();
        assertThat(waited.get().fence()).isEqualTo(held.fence() + 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        releaser.join();
    }

    @Test
    void acquireGivesUpAfterTheWaitTimeout(RedisConnections redis) throws Exception {
        FencedLocks locks = new FencedLocks(redis);
        locks.tryAcquire("job", TTL).orElseThrow();
        long start = System.nanoTime();

        Optional<Lock> waited = locks.acquire("job", TTL, Duration.ofMillis(200));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waited).isEmpty();
        // it tried until the deadline, and then stopped (the upper bound only catches a hang)
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(200)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void redisDownFailsClosedAndAcquireDoesNotWaitThroughTheOutage(RedisServerProcess server, RedisConnections redis) throws Exception {
        FencedLocks locks = new FencedLocks(redis);
        Lock held = locks.tryAcquire("job", TTL).orElseThrow();
        try {
            server.stop();
            assertThatThrownBy(() -> locks.tryAcquire("job", TTL))
                    .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
            long start = System.nanoTime();
            assertThatThrownBy(() -> locks.acquire("other", TTL, Duration.ofSeconds(30)))
                    .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(() -> locks.release(held)).isInstanceOf(RedisAccessException.class);
            assertThatThrownBy(() -> locks.extend(held, TTL)).isInstanceOf(RedisAccessException.class);
        } finally {
            server.restart();
            WaitFor.reconnected(redis);
        }
        // The restarted in-memory server lost the script cache: EVALSHA falls back to EVAL.
        assertThat(locks.tryAcquire("job", TTL)).isPresent();
    }

    @Test
    void aKeyOfTheWrongTypeIsACommandFailure(RedisConnections redis) {
        redis.sync().sadd("tk:lock:{job}", "x");
        assertThatThrownBy(() -> new FencedLocks(redis).release(new Lock("job", "t", 1, TTL)))
                .isInstanceOfSatisfying(RedisAccessException.class,
                        e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.COMMAND_FAILED));
    }

    @Test
    void rejectsInvalidTtlAndName(RedisConnections redis) {
        FencedLocks locks = new FencedLocks(redis);
        assertThatThrownBy(() -> locks.tryAcquire("job", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> locks.tryAcquire("job", Duration.ofNanos(500))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> locks.tryAcquire("a:b", TTL)).isInstanceOf(IllegalArgumentException.class);
    }
}
