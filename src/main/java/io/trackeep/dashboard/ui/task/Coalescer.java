package io.trackeep.dashboard.ui.task;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Latest value wins: producers on any thread {@link #push} immutable snapshots as fast as they
 * like; the FX thread applies only the newest one, at most once per {@code minGap} (so at most
 * {@code 1 s / minGap} times per second). A burst of pushes costs one scheduled FX event, never
 * one {@code runLater} per push, so a fast producer cannot flood the event queue.
 *
 * <p>The first push after a quiet period is applied at once (no added latency); pushes within
 * {@code minGap} of the last apply are held until the gap has passed. Values must be immutable:
 * the applier may see one long after the producer moved on.
 *
 * @param <T> the snapshot type
 */
public final class Coalescer<T> {

    private static final Logger log = LoggerFactory.getLogger(Coalescer.class);

    private final UiExecutor ui;
    private final long minGapNanos;
    private final Consumer<? super T> apply;
    private final AtomicReference<T> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final LongAdder pushed = new LongAdder();
    private final LongAdder applied = new LongAdder();
    private volatile long lastApplyNanos;
    private volatile boolean appliedBefore;
    private volatile boolean closed;

    /**
     * @param ui     where to apply
     * @param minGap the least time between two applies
     * @param apply  runs on the FX thread with the newest snapshot
     */
    public Coalescer(UiExecutor ui, Duration minGap, Consumer<? super T> apply) {
        this.ui = Objects.requireNonNull(ui);
        this.minGapNanos = Math.max(0, minGap.toNanos());
        this.apply = Objects.requireNonNull(apply);
    }

    /** A coalescer that applies at most {@code timesPerSecond} times per second. */
    public static <T> Coalescer<T> perSecond(UiExecutor ui, int timesPerSecond, Consumer<? super T> apply) {
        if (timesPerSecond <= 0) {
            throw new IllegalArgumentException("timesPerSecond must be positive");
        }
        return new Coalescer<>(ui, Duration.ofNanos(1_000_000_000L / timesPerSecond), apply);
    }

    /** Offers a new snapshot from any thread; replaces one not yet applied. Null is ignored. */
    public void push(T snapshot) {
        if (snapshot == null || closed) {
            return;
        }
        pushed.increment();
        pending.set(snapshot);
        if (scheduled.compareAndSet(false, true)) {
            schedule();
        }
    }

    /** Stops applying; a pending snapshot is dropped. */
    public void close() {
        closed = true;
        pending.set(null);
    }

    /** How many snapshots were pushed. */
    public long pushedCount() {
        return pushed.sum();
    }

    /** How many snapshots reached the applier. */
    public long appliedCount() {
        return applied.sum();
    }

    private void schedule() {
        long wait = appliedBefore ? lastApplyNanos + minGapNanos - ui.nanoTime() : 0;
        if (wait <= 0) {
            ui.runOnUi(this::drain);
        } else {
            ui.runOnUiAfter(Duration.ofNanos(wait), this::drain);
        }
    }

    private void drain() {
        T value = pending.getAndSet(null);
        boolean fresh = value != null && !closed;
        if (fresh) {
            // Stamp the apply before clearing the flag: a push racing with this drain must wait a full gap.
            lastApplyNanos = ui.nanoTime();
            appliedBefore = true;
        }
        scheduled.set(false);
        if (fresh) {
            applied.increment();
            try {
                apply.accept(value);
            } catch (RuntimeException e) {
                log.error("Applying a snapshot failed", e);
            }
        }
        // A push between taking the value and clearing the flag found the flag set and scheduled nothing.
        if (pending.get() != null && scheduled.compareAndSet(false, true)) {
            schedule();
        }
    }
}
