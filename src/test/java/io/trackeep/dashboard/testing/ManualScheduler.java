package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.ui.task.Scheduler;
import io.trackeep.dashboard.ui.task.TaskHandle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Scheduler} whose time moves only when a test says so: {@link #advance} runs, on the
 * calling thread, everything that falls due, in time order (also what that work schedules within
 * the same span). Thread-safe, so code under test may schedule from any thread.
 */
public final class ManualScheduler implements Scheduler {

    private record Job(long dueNanos, long order, Runnable work, boolean[] cancelled) {
    }

    private final List<Job> jobs = new ArrayList<>();
    private long now;
    private long order;
    private boolean closed;

    @Override
    public synchronized TaskHandle schedule(Duration delay, Runnable work) {
        if (closed) {
            return TaskHandle.NONE;
        }
        boolean[] cancelled = {false};
        jobs.add(new Job(now + Math.max(0, delay.toNanos()), order++, work, cancelled));
        return new TaskHandle() {
            @Override
            public void cancel() {
                synchronized (ManualScheduler.this) {
                    cancelled[0] = true;
                }
            }

            @Override
            public boolean isCancelled() {
                synchronized (ManualScheduler.this) {
                    return cancelled[0];
                }
            }
        };
    }

    /** Moves the clock forward by {@code span}, running what falls due on the way. */
    public void advance(Duration span) {
        long until;
        synchronized (this) {
            until = now + span.toNanos();
        }
        while (true) {
            Job next;
            synchronized (this) {
                next = jobs.stream().filter(j -> !j.cancelled()[0] && j.dueNanos() <= until)
                        .min(Comparator.comparingLong(Job::dueNanos).thenComparingLong(Job::order)).orElse(null);
                if (next == null) {
                    now = until;
                    jobs.removeIf(j -> j.cancelled()[0]);
                    return;
                }
                jobs.remove(next);
                now = Math.max(now, next.dueNanos());
            }
            next.work().run();
        }
    }

    /** Runs what is due now without moving the clock. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** How many jobs wait (not cancelled). */
    public synchronized int pending() {
        return (int) jobs.stream().filter(j -> !j.cancelled()[0]).count();
    }

    @Override
    public synchronized long nanoTime() { return now; }

    @Override
    public synchronized boolean isClosed() { return closed; }

    @Override
    public synchronized void close() {
        closed = true;
        jobs.clear();
    }
}
