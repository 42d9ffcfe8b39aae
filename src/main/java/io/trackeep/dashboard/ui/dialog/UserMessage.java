package io.trackeep.dashboard.ui.dialog;

/**
 * A failure told in plain words.
 *
 * @param title   what went wrong, short ("Authentication failed")
 * @param message the details, one or two sentences, no stack trace
 * @param hint    what the user can do about it, or null
 */
public record UserMessage(String title, String message, String hint) {

    /** Message and hint as one text. */
    public String text() {
        return hint == null ? message : message + "\n" + hint;
    }
}
