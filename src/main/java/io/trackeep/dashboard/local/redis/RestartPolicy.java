package io.trackeep.dashboard.local.redis;

import java.time.Duration;

/**
 * When a supervised {@code redis-server} that exited unasked is started again: at once after a
 * stable run, then less and less often while it keeps dying (1, 2, 4 ... s, at most
 * {@link #MAX_DELAY}), so a server that cannot stay up does not spin. Not thread-safe:
 * {@link RedisServerProcess} calls it under its own lock. Times are {@link System#nanoTime()}
 * readings, passed in so tests drive them.
 */
final class RestartPolicy {

    /** The longest wait before restarting a server that keeps exiting. */
    static final Duration MAX_DELAY = Duration.ofSeconds(30);
    /** A server that ran at least this long before it exited is restarted without delay. */
    static final Duration STABLE_RUN = Duration.ofSeconds(10);

    private long runningSince;
    private int exitsInARow;

    /** The server answers (again) as of {@code nanoTime}. */
    void started(long nanoTime) {
        runningSince = nanoTime;
    }

    /** It exited unasked at {@code nanoTime}: how long to wait before starting it again. */
    Duration afterExit(long nanoTime) {
        boolean stable = nanoTime - runningSince >= STABLE_RUN.toNanos();
        exitsInARow = stable ? 1 : exitsInARow + 1;
        return delay(exitsInARow);
    }

    /** Starting it again failed: how long to wait before the next attempt (never at once). */
    Duration afterFailedRestart() {
        exitsInARow++;
        return delay(Math.max(2, exitsInARow));
    }

    /** 0 for the first exit after a stable run, then 1, 2, 4 ... s, at most {@link #MAX_DELAY}. */
    private static Duration delay(int exitsInARow) {
        if (exitsInARow <= 1) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(exitsInARow - 2, 5);
        return Duration.ofSeconds(Math.min(seconds, MAX_DELAY.toSeconds()));
    }
}
