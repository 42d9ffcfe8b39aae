package io.trackeep.dashboard.ui.task;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on one daemon thread of its own, with the system's monotonic clock. */
public final class ThreadScheduler implements Scheduler {

    private final ScheduledExecutorService thread;

    /** @param name the thread's name ("dashboard-refresh"), for thread dumps and logs */
    public ThreadScheduler(String name) {
        this.thread = Executors.newSingleThreadScheduledExecutor(FxUiExecutor.daemon(name));
    }

    @Override
    public TaskHandle schedule(Duration delay, Runnable work) {
        if (thread.isShutdown()) {
            return TaskHandle.NONE;
        }
        ScheduledFuture<?> f = thread.schedule(work, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return new TaskHandle() {
            @Override
            public void cancel() {
                f.cancel(false);
            }

            @Override
            public boolean isCancelled() {
                return f.isCancelled();
            }
        };
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public boolean isClosed() {
        return thread.isShutdown();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
