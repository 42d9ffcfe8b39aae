package io.trackeep.dashboard.monitor.overview;

import io.trackeep.dashboard.service.health.HealthReport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Function;

/**
 * Recent health reports, kept so that every check can be compared with one about {@link #SPAN}
 * older: alerts that need a previous report (hit rate, evictions per minute, new slow commands,
 * rejected connections) then judge a steady minute instead of a single refresh interval, and an
 * alert stays up for about a minute after its cause. Keeps at most one report per {@link #STEP},
 * so memory is bounded (about {@code SPAN / STEP} reports) whatever the refresh interval.
 * Only UP reports are kept; a new server run ({@code run_id}) starts a new history. Holds health
 * reports, or checks of a whole deployment judged by their combined report.
 *
 * @param <R> what is kept
 */
final class ReportHistory<R> {

    static final Duration SPAN = Duration.ofMinutes(1);
    static final Duration STEP = Duration.ofSeconds(5);

    private final Deque<R> samples = new ArrayDeque<>();
    private final Function<R, HealthReport> health;

    /** @param health the health report of a kept item (compared by its time, status and run) */
    ReportHistory(Function<R, HealthReport> health) {
        this.health = health;
    }

    /** A history of health reports. */
    static ReportHistory<HealthReport> ofReports() {
        return new ReportHistory<>(r -> r);
    }

    /**
     * The report to compare {@code current} with: the newest kept report at least {@link #SPAN}
     * older, or the oldest one when the history is shorter; null when none is comparable.
     */
    R baseline(R current) {
        R first = samples.peekFirst();
        return first != null && RecentRates.comparable(health.apply(first), health.apply(current)) ? first : null;
    }

    /** Keeps {@code current} if it is UP and at least {@link #STEP} newer than the last kept one. */
    void add(R item) {
        HealthReport current = health.apply(item);
        if (!current.isUp()) {
            return;
        }
        HealthReport last = samples.isEmpty() ? null : health.apply(samples.peekLast());
        if (last != null && !Objects.equals(last.info().server().runId(), current.info().server().runId())) {
            samples.clear();
            last = null;
        }
        if (last == null || !current.checkedAt().isBefore(last.checkedAt().plus(STEP))) {
            samples.addLast(item);
        }
        // drop the front while the next one is also old enough to be the baseline
        while (samples.size() >= 2 && !health.apply(second()).checkedAt().isAfter(current.checkedAt().minus(SPAN))) {
            samples.removeFirst();
        }
    }

    int size() {
        return samples.size();
    }

    private R second() {
        Iterator<R> it = samples.iterator();
        it.next();
        return it.next();
    }
}
