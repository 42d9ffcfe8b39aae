package io.trackeep.dashboard.service.cache;

import java.time.Clock;
import java.util.Objects;

/**
 * Tuning of a {@link CacheStore}.
 *
 * @param maxJitter        each entry lives {@code ttl * (1 + u)} with {@code u} uniform in
 *                         {@code [0, maxJitter]}, so entries written together do not all expire in
 *                         the same instant (a stampede on the loaders); 0 disables jitter
 * @param indexPruneChance probability that storing a new response entry also removes, in the
 *                         background, index members whose entry has expired (sampled, like Redis
 *                         expires keys), so a user's index does not grow while the user stays active
 * @param clock            time source of the per-minute hit/miss counters
 */
public record CacheOptions(double maxJitter, double indexPruneChance, Clock clock) {

    public CacheOptions {
        if (!(maxJitter >= 0 && maxJitter <= 1)) {
            throw new IllegalArgumentException("maxJitter must be within [0, 1], got " + maxJitter);
        }
        if (!(indexPruneChance >= 0 && indexPruneChance <= 1)) {
            throw new IllegalArgumentException("indexPruneChance must be within [0, 1], got " + indexPruneChance);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Up to 10 % jitter, an index prune on one new response entry in 32, system clock. */
    public static CacheOptions defaults() {
        return new CacheOptions(0.10, 1.0 / 32, Clock.systemUTC());
    }

    public CacheOptions withClock(Clock newClock) {
        return new CacheOptions(maxJitter, indexPruneChance, newClock);
    }

    public CacheOptions withIndexPruneChance(double chance) {
        return new CacheOptions(maxJitter, chance, clock);
    }
}
