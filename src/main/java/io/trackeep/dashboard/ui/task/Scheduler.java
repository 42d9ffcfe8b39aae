package io.trackeep.dashboard.ui.task;

import java.time.Duration;

/**
 * Background work later, on a thread of its own, and the clock its delays are measured with: the
 * seam through which the refresh loop, the connection heartbeat and the local-instance start run,
 * so that tests drive their time instead of sleeping. The application uses {@link ThreadScheduler};
 * tests use a manual one whose time moves only when told.
 */
public interface Scheduler extends AutoCloseable {

    /** Runs {@code work} after {@code delay} (zero: as soon as possible) on the scheduler's thread. */
    TaskHandle schedule(Duration delay, Runnable work);

    /** The clock delays are measured with. */
    long nanoTime();

    /** True once closed: nothing scheduled runs any more. */
    boolean isClosed();

    /** Drops what is scheduled and stops the thread. */
    @Override
    void close();
}
