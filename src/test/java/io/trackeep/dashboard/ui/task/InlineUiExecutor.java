package io.trackeep.dashboard.ui.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The test {@link UiExecutor}: background work and UI callbacks run at once on the calling
 * thread, and delayed actions wait for {@link #advance(Duration)} on a virtual clock. View models
 * run deterministically without a JavaFX toolkit (their properties work without one).
 */
public final class InlineUiExecutor implements UiExecutor {

    private record Delayed(long dueNanos, long order, Runnable action, AtomicBoolean cancelled) {
    }

    private final List<Delayed> delayed = new ArrayList<>();
    private long nowNanos;
    private long order;

    @Override
    public <T> TaskHandle submit(String what, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Throwable t) {
            onFailure.accept(FxUiExecutor.unwrap(t));
            return TaskHandle.NONE;
        }
        onSuccess.accept(result);
        return TaskHandle.NONE;
    }

    @Override
    public void runOnUi(Runnable action) {
        action.run();
    }

    @Override
    public synchronized TaskHandle runOnUiAfter(Duration delay, Runnable action) {
        AtomicBoolean cancelled = new AtomicBoolean();
        delayed.add(new Delayed(nowNanos + delay.toNanos(), order++, action, cancelled));
        return new TaskHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
    }

    @Override
    public boolean isUiThread() { return true; }

    @Override
    public synchronized long nanoTime() { return nowNanos; }

    /** Moves the virtual clock and runs, in order, every delayed action that has become due. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = nowNanos + d.toNanos();
        }
        while (true) {
            Delayed next;
            synchronized (this) {
                next = delayed.stream().filter(x -> x.dueNanos() <= target)
                        .min(Comparator.comparingLong(Delayed::dueNanos).thenComparingLong(Delayed::order)).orElse(null);
                if (next == null) {
                    nowNanos = target;
                    return;
                }
                delayed.remove(next);
                nowNanos = Math.max(nowNanos, next.dueNanos());
            }
            if (!next.cancelled().get()) {
                next.action().run();
            }
        }
    }

    /** Delayed actions not yet run nor cancelled. */
    public synchronized int pendingCount() {
        return (int) delayed.stream().filter(x -> !x.cancelled().get()).count();
    }
}
