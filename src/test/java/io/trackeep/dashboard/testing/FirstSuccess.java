package io.trackeep.dashboard.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * For the recovery measurements: polls a condition every 10 ms on its own thread, from the moment
 * it is made, and keeps the time ({@link System#nanoTime()}) it first held.
 */
record FirstSuccess(String name, AtomicLong at, Thread thread) {

    static FirstSuccess watch(String name, BooleanSupplier condition) {
        AtomicLong at = new AtomicLong();
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (condition.getAsBoolean()) {
                        at.set(System.nanoTime());
                        return;
                    }
                } catch (RuntimeException notYet) {
                    // not recovered yet
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "first-success-" + name);
        thread.setDaemon(true);
        thread.start();
        return new FirstSuccess(name, at, thread);
    }

    long await(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        thread.interrupt();
        if (at.get() == 0) {
            throw new AssertionError(name + " did not recover within " + timeout.toSeconds() + " s");
        }
        return at.get();
    }
}
