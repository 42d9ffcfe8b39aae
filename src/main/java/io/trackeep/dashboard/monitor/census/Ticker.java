package io.trackeep.dashboard.monitor.census;

import java.util.concurrent.locks.LockSupport;

/**
 * The census's time for pacing: a monotonic clock in nanoseconds and a way to wait. Tests give a
 * fake one, so they drive the measured round trips and see the waits without sleeping.
 */
public interface Ticker {

    long nanoTime();

    /** Waits about this long; returns early, keeping the interrupt flag, when the thread is interrupted. */
    void sleepNanos(long nanos);

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) {
            long until = System.nanoTime() + nanos;
            for (long left = nanos; left > 0 && !Thread.currentThread().isInterrupted(); left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    };
}
