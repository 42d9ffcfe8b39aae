package io.trackeep.dashboard.monitor;

import io.trackeep.dashboard.service.redis.RedisConnections;

/**
 * One kind of figures the dashboard reads (server figures, sessions, limiters, ...) as an
 * immutable snapshot. The window runs probes on its single refresh thread
 * ({@code ui.task.RefreshLoop}); the {@code snapshot} command runs each once. A probe may keep
 * state between calls (a SCAN cursor, the previous sample for rates), reset when it is handed a
 * different connection.
 *
 * @param <T> the immutable snapshot type this probe produces
 */
public interface Probe<T> {

    /**
     * Collects one snapshot. Must stay within a bounded number of Redis commands (enumeration
     * paced by a SCAN budget), never {@code KEYS}. Throws
     * {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis fails.
     */
    T collect(RedisConnections redis) throws Exception;
}
