package io.trackeep.dashboard.service.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a {@link Subscriptions} knows it did not deliver, since it was opened: messages it
 * dropped itself (exact) and the gaps of its connection (estimated). Immutable.
 *
 * @param dropped messages dropped because the listeners were too slow and the queue was full (exact)
 * @param gaps    the times the connection was cut, oldest first (the last {@value Subscriptions#GAPS_KEPT})
 * @param cuts    how many times it was cut in all
 * @param at      when this was taken (gaps still open are counted up to it)
 */
public record DeliveryLosses(long dropped, List<DeliveryGap> gaps, int cuts, Instant at) {

    public static final DeliveryLosses NONE = new DeliveryLosses(0, List.of(), 0, Instant.EPOCH);

    public DeliveryLosses {
        gaps = List.copyOf(gaps);
    }

    /** Nothing lost, as far as this process can tell. */
    public boolean none() {
        return dropped == 0 && cuts == 0;
    }

    /** Whether the estimate of the gaps kept is a floor ({@link DeliveryGap#atLeast()}). */
    public boolean atLeast() {
        return gaps.stream().anyMatch(DeliveryGap::atLeast);
    }

    /** Messages estimated lost in the gaps kept: the lower end of the range where what Redis held is not known. */
    public long estimatedLostInGaps() {
        return gaps.stream().mapToLong(g -> g.estimatedLost(at)).sum();
    }

    /** The most messages Redis may have held beyond {@link #estimatedLostInGaps()} in the gaps kept, where not known. */
    public long mayHaveHeldInGaps() {
        return gaps.stream().mapToLong(DeliveryGap::mayHaveHeldMessages).sum();
    }

    /** False when some gap may have cost more than estimated (what Redis held for the connection is not known). */
    public boolean estimateComplete() {
        return gaps.stream().allMatch(DeliveryGap::heldKnown);
    }

    /** Whether every gap's cost is bounded: what Redis held is known, or bounded by its limit ({@link #mayHaveHeldInGaps()}). */
    public boolean heldBounded() {
        return gaps.stream().allMatch(DeliveryGap::heldBounded);
    }

    /** How long the connection was away in the gaps kept. */
    public Duration away() {
        return gaps.stream().map(g -> g.duration(at)).reduce(Duration.ZERO, Duration::plus);
    }

    /** The newest gap, or null. */
    public DeliveryGap last() {
        return gaps.isEmpty() ? null : gaps.get(gaps.size() - 1);
    }
}
