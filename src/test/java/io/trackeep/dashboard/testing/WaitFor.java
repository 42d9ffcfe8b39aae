package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling for tests that wait on something asynchronous (a reconnect, a delivery). */
public final class WaitFor {

    private WaitFor() {
    }

    /** Polls {@code condition} every 20 ms; fails the test with {@code what} after {@code timeout}. */
    public static void condition(Duration timeout, String what, BooleanSupplier condition) {
        condition(timeout, () -> what, condition);
    }

    /** Like the above, with a description read at the timeout, so it can say how far things got. */
    public static void condition(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // e.g. Redis still reconnecting: keep polling until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what.get(), e);
            }
        }
    }

    /** Waits until the shared command connection answers PING again (Lettuce reconnects with backoff). */
    public static void reconnected(RedisConnections redis) {
        condition(Duration.ofSeconds(30), "Redis to answer again", () -> "PONG".equals(redis.sync().ping()));
    }
}
