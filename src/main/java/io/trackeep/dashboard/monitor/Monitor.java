package io.trackeep.dashboard.monitor;

import io.trackeep.dashboard.service.redis.RedisAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@link Probe}s on one background thread at a fixed interval and hands each result, as a
 * {@link Reading}, to its listeners. Listeners are called on the monitor thread and must only
 * hand the immutable value over (the UI pushes it into a coalescer); they must not block.
 *
 * <p>One thread on purpose: probes then never run concurrently against Redis, the dashboard's
 * load per tick is the sum of the probes' bounded budgets, and a probe may keep state.
 */
public final class Monitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Monitor.class);

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    // Watches are added/removed from the UI thread and iterated on the monitor thread.
    private final List<Watch<?>> watches = new CopyOnWriteArrayList<>();
    private volatile Duration interval;
    private volatile boolean paused;
    private ScheduledFuture<?> ticking;

    public Monitor(Duration interval) {
        this(interval, Clock.systemUTC());
    }

    public Monitor(Duration interval, Clock clock) {
        this.interval = requirePositive(interval);
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts ticking (first tick at once). */
    public synchronized Monitor start() {
        if (ticking == null) {
            ticking = scheduler.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Adds a probe; its listener gets a reading every tick. Returns a handle that removes it. */
    public <T> AutoCloseable watch(Probe<T> probe, Consumer<Reading<T>> listener) {
        Watch<T> w = new Watch<>(Objects.requireNonNull(probe), Objects.requireNonNull(listener));
        watches.add(w);
        return () -> watches.remove(w);
    }

    public Duration interval() {
        return interval;
    }

    /** Changes the refresh interval from the next tick on. */
    public synchronized void setInterval(Duration newInterval) {
        interval = requirePositive(newInterval);
        if (ticking != null) {
            ticking.cancel(false);
            ticking = scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public boolean isPaused() {
        return paused;
    }

    /** Paused: scheduled ticks do nothing; {@link #refreshNow()} still works. */
    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    /** Runs one tick now, in addition to the schedule. */
    public void refreshNow() {
        scheduler.execute(() -> runAll());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        if (!paused) {
            runAll();
        }
    }

    private void runAll() {
        for (Watch<?> w : watches) {
            w.run(clock.instant());
        }
    }

    private static Duration requirePositive(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("Refresh interval must be positive");
        }
        return d;
    }

    /** A probe, its listener and its last reading; touched only by the monitor thread. */
    private static final class Watch<T> {
        private final Probe<T> probe;
        private final Consumer<Reading<T>> listener;
        private Reading<T> last = new Reading<>(null, null, null, null);

        Watch(Probe<T> probe, Consumer<Reading<T>> listener) {
            this.probe = probe;
            this.listener = listener;
        }

        void run(Instant now) {
            try {
                last = Reading.fresh(probe.collect(), now);
            } catch (RedisAccessException e) {
                last = last.failed(now, e.getMessage());
            } catch (Exception e) {
                // A probe bug must not stop the others: report it as this probe's error.
                log.warn("Probe {} failed", probe.name(), e);
                last = last.failed(now, probe.name() + " failed: " + e.getMessage());
            }
            try {
                listener.accept(last);
            } catch (RuntimeException e) {
                log.warn("Listener of probe {} failed", probe.name(), e);
            }
        }
    }
}
