package io.trackeep.dashboard.ui.sessions;

/**
 * One headline figure as shown: the number with its unit, a short line saying how it was
 * obtained, and a tooltip with the whole story.
 */
public record Figure(String value, String note, String tooltip) {

    public static final Figure PENDING = new Figure("–", "reading…", "Not read yet.");
}
