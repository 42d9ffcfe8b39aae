package io.trackeep.dashboard.ui.sessions;

/**
 * One reading of a headline figure of the Sessions panel: the number with its unit, a short line
 * saying how it was obtained, and the whole story for the tooltip (shown in a kit Figure).
 */
public record Reading(String value, String note, String tooltip) {

    public static final Reading PENDING = new Reading("–", "reading…", "Not read yet.");
}
