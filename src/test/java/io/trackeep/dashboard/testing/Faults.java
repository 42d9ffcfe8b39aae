package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.local.redis.RedisServerProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Faults done to a test's redis-server the way an operator or the kernel does them: {@code kill -9}
 * (the process is gone at once, no shutdown), {@code SIGSTOP} (the process is frozen: connections
 * stay open, the kernel still accepts new ones, nothing answers) and {@code SIGCONT}.
 * Signals are sent with the system's {@code kill}, so this runs where there is one (Linux, macOS).
 */
public final class Faults {

    private Faults() {
    }

    /** {@code kill -9} the server and waits until its process is gone. */
    public static void kill9(RedisServerProcess server) {
        long pid = server.pid();
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        handle.destroyForcibly();
        WaitFor.condition(Duration.ofSeconds(10), "pid " + pid + " to be gone", () -> !handle.isAlive());
    }

    /** Freezes the server ({@code SIGSTOP}); always pair with {@link #resume} in a finally block. */
    public static Stall stall(RedisServerProcess server) {
        long pid = server.pid();
        signal("-STOP", pid);
        return new Stall(pid);
    }

    /** A frozen server; closing it sends {@code SIGCONT}. */
    public record Stall(long pid) implements AutoCloseable {
        @Override
        public void close() {
            signal("-CONT", pid);
        }
    }

    /** Sends {@code signal} ({@code -STOP}, {@code -CONT}, {@code -INT} ...) to any process and waits until {@code kill} has. */
    public static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run kill " + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
