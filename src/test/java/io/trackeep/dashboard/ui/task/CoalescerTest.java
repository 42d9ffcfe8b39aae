package io.trackeep.dashboard.ui.task;

import io.trackeep.dashboard.testing.FxTestSupport;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescerTest extends FxTestSupport {

    @Test
    void firstValueIsAppliedAtOnceAndBurstsCollapseToTheLatest() {
        InlineUiExecutor ui = new InlineUiExecutor();
        List<Integer> applied = new ArrayList<>();
        Coalescer<Integer> c = Coalescer.perSecond(ui, 4, applied::add); // at most every 250 ms

        c.push(1);
        assertThat(applied).containsExactly(1);
        for (int i = 2; i <= 1000; i++) {
            c.push(i);
        }
        assertThat(applied).containsExactly(1);
        ui.advance(Duration.ofMillis(249));
        assertThat(applied).containsExactly(1);
        ui.advance(Duration.ofMillis(1));
        assertThat(applied).containsExactly(1, 1000);
        ui.advance(Duration.ofSeconds(5));
        assertThat(applied).containsExactly(1, 1000); // nothing new, nothing applied
        assertThat(c.pushedCount()).isEqualTo(1000);
        assertThat(c.appliedCount()).isEqualTo(2);

        c.push(1001); // after a quiet period: at once again
        assertThat(applied).containsExactly(1, 1000, 1001);
    }

    @Test
    void closeDropsThePendingValueAndIgnoresLaterOnes() {
        InlineUiExecutor ui = new InlineUiExecutor();
        List<String> applied = new ArrayList<>();
        Coalescer<String> c = new Coalescer<>(ui, Duration.ofSeconds(1), applied::add);
        c.push("a");
        c.push("b");
        c.close();
        c.push("c");
        ui.advance(Duration.ofSeconds(2));
        assertThat(applied).containsExactly("a");
    }

    @Test
    void aFailingApplierDoesNotStopLaterSnapshots() {
        InlineUiExecutor ui = new InlineUiExecutor();
        List<Integer> applied = new ArrayList<>();
        Coalescer<Integer> c = new Coalescer<>(ui, Duration.ZERO, v -> {
            applied.add(v);
            if (v == 1) {
                throw new IllegalStateException("bug in the panel");
            }
        });
        c.push(1);
        c.push(2);
        assertThat(applied).containsExactly(1, 2);
    }

    /** On the real FX thread: many producer threads, bounded applies, nothing applied off the FX thread, latest wins. */
    @Test
    void manyProducersOnTheRealFxThread() throws Exception {
        int perSecond = 10;
        AtomicInteger applies = new AtomicInteger();
        AtomicBoolean offFxThread = new AtomicBoolean();
        AtomicReference<Long> last = new AtomicReference<>();
        FxUiExecutor ui = new FxUiExecutor();
        try {
            Coalescer<Long> c = Coalescer.perSecond(ui, perSecond, v -> {
                if (!Platform.isFxApplicationThread()) {
                    offFxThread.set(true);
                }
                applies.incrementAndGet();
                last.set(v);
            });
            AtomicLong counter = new AtomicLong();
            int threads = 4;
            CountDownLatch done = new CountDownLatch(threads);
            long start = System.nanoTime();
            long runNanos = Duration.ofMillis(1500).toNanos();
            for (int t = 0; t < threads; t++) {
                Thread p = new Thread(() -> {
                    while (System.nanoTime() - start < runNanos) {
                        c.push(counter.incrementAndGet());
                    }
                    done.countDown();
                });
                p.setDaemon(true);
                p.start();
            }
            done.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            c.push(-1L); // the final word
            waitUntil("the last snapshot applied", Duration.ofSeconds(5), () -> Long.valueOf(-1L).equals(last.get()));

            System.out.printf("[measure] coalescer: %,d pushes from %d threads in %.1f s, %d applies%n",
                    c.pushedCount(), threads, seconds, applies.get());
            assertThat(offFxThread).isFalse();
            assertThat(c.pushedCount()).isGreaterThan(10_000);
            assertThat(applies.get()).isLessThanOrEqualTo((int) Math.ceil(seconds * perSecond) + 3);
            assertThat(applies.get()).isGreaterThanOrEqualTo(5);
        } finally {
            ui.close();
        }
    }
}
