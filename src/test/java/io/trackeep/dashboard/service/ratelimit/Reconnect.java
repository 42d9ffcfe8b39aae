package io.trackeep.dashboard.service.ratelimit;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Duration;

/**
 * Restarts a stopped server and waits until the shared connection has reconnected. (The
 * extension restarts it before the next test but does not wait for Lettuce to reconnect, so its
 * FLUSHALL can be rejected.)
 */
final class Reconnect {

    private Reconnect() {
    }

    static void restartAndAwait(RedisServerProcess server, RedisConnections redis) {
        if (!server.isRunning()) {
            server.restart();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                redis.sync().ping();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
