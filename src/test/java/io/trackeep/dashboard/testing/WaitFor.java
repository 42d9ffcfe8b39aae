package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for tests that wait on something asynchronous (a reconnect, a delivery). */
public final class WaitFor {

    private WaitFor() {
    }

    /** Polls {@code condition} every 20 ms; fails the test with {@code what} after {@code timeout}. */
    public static void condition(Duration timeout, String what, BooleanSupplier condition) {
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
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
        }
    }

    /** Waits until the shared command connection answers PING again (Lettuce reconnects with backoff). */
    public static void reconnected(RedisConnections redis) {
        condition(Duration.ofSeconds(30), "Redis to answer again", () -> "PONG".equals(redis.sync().ping()));
    }
}
