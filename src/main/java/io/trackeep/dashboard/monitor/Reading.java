package io.trackeep.dashboard.monitor;

import java.time.Instant;

/**
 * What a probe last produced. When the latest attempt failed, {@code value} is the last good
 * snapshot (or null if there never was one) and {@code error} says why it is stale.
 *
 * @param value       last good snapshot, or null
 * @param collectedAt when {@code value} was collected, or null
 * @param attemptedAt when the latest attempt ran
 * @param error       plain-language reason the latest attempt failed, or null when fresh
 */
public record Reading<T>(T value, Instant collectedAt, Instant attemptedAt, String error) {

    public boolean isStale() {
        return error != null;
    }

    public boolean hasValue() {
        return value != null;
    }

    static <T> Reading<T> fresh(T value, Instant at) {
        return new Reading<>(value, at, at, null);
    }

    Reading<T> failed(Instant at, String reason) {
        return new Reading<>(value, collectedAt, at, reason);
    }
}
