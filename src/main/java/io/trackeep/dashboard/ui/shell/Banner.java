package io.trackeep.dashboard.ui.shell;

import java.util.Objects;

/**
 * A message across the top of the content: connection trouble, paused refreshing, a problem
 * found at start. Stays until its cause goes away or, if {@code dismissible}, the user closes it.
 *
 * @param severity    colour and icon
 * @param title       the message in one line
 * @param detail      the reason or what to do, or null
 * @param actionLabel label of the button, or null for none
 * @param action      what the button does, or null
 * @param dismissible whether it has a close button
 */
public record Banner(Severity severity, String title, String detail, String actionLabel, Runnable action, boolean dismissible) {

    /** How serious a banner is. */
    public enum Severity { INFO, WARNING, DANGER }

    public Banner {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        if ((actionLabel == null) != (action == null)) {
            throw new IllegalArgumentException("A banner action needs both a label and an action");
        }
    }
}
