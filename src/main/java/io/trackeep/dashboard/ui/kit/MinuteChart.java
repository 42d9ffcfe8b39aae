package io.trackeep.dashboard.ui.kit;

import java.util.Objects;

/**
 * What a panel's per-minute chart shows ({@link TimeChart#showIn}): the minutes to draw, or, when
 * there can be none (the Go backend writes no per-minute counters), why: a title and a note for
 * the empty state drawn in the chart's place.
 *
 * @param available false when no chart can be drawn
 * @param minutes   what to draw ({@link MinuteSeries#EMPTY} while nothing is read or nothing can be)
 * @param title     the empty state's headline ("" while available)
 * @param note      why there is no chart ("" while available)
 */
public record MinuteChart(boolean available, MinuteSeries minutes, String title, String note) {

    /** Available, with nothing read yet. */
    public static final MinuteChart EMPTY = available(MinuteSeries.EMPTY);

    public MinuteChart {
        Objects.requireNonNull(minutes);
        Objects.requireNonNull(title);
        Objects.requireNonNull(note);
    }

    public static MinuteChart available(MinuteSeries minutes) {
        return new MinuteChart(true, minutes, "", "");
    }

    /** No chart can be drawn, and why. */
    public static MinuteChart unavailable(String title, String note) {
        return new MinuteChart(false, MinuteSeries.EMPTY, title, note);
    }

    /** The same verdict with nothing to draw: the figures were forgotten, not the reason. */
    public MinuteChart withoutMinutes() {
        return new MinuteChart(available, MinuteSeries.EMPTY, title, note);
    }
}
