package io.trackeep.dashboard.service.cache;

import java.time.Instant;

/**
 * Hits and misses of one cache family in one minute.
 *
 * @param minute start of the minute (UTC)
 */
public record MinuteCounts(Instant minute, long hits, long misses) {
}
