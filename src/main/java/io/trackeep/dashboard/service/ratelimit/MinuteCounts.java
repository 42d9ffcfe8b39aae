package io.trackeep.dashboard.service.ratelimit;

import java.time.Instant;

/**
 * Decisions of one limiter during one minute, from {@code P:stats:ratelimit:<limiter>:<yyyyMMddHHmm>}.
 *
 * @param minute  start of the minute (UTC)
 * @param allowed requests admitted
 * @param blocked requests denied
 */
public record MinuteCounts(Instant minute, long allowed, long blocked) {
}
