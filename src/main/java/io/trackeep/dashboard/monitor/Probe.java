package io.trackeep.dashboard.monitor;

/**
 * One kind of figures the dashboard polls (server figures, sessions, limiters, ...). A probe runs
 * only on the {@link Monitor}'s single scheduler thread, so it may keep state between ticks (a
 * SCAN cursor, the previous sample for rates) without locks. It returns an immutable value.
 *
 * @param <T> the immutable snapshot type this probe produces
 */
public interface Probe<T> {

    /** Short name for logs and error messages, e.g. "sessions". */
    String name();

    /**
     * Collects one snapshot. Must stay within a bounded number of Redis commands (enumeration
     * paced by a SCAN budget), never {@code KEYS}. Throws
     * {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis fails.
     */
    T collect() throws Exception;
}
