package io.trackeep.dashboard.ui.dialog;

/**
 * Short-lived messages about the result of an action ("Session killed", "Cache invalidated:
 * 1,204 keys"). Callable from any thread. Use a dialog instead for anything the user must answer.
 */
public interface Notifier {

    enum Kind { SUCCESS, INFO, WARNING, ERROR }

    void show(Kind kind, String title, String text);

    default void success(String title, String text) {
        show(Kind.SUCCESS, title, text);
    }

    default void info(String title, String text) {
        show(Kind.INFO, title, text);
    }

    default void warning(String title, String text) {
        show(Kind.WARNING, title, text);
    }

    /** An action failed: the title names the action, the text comes from {@link ErrorPresenter}. */
    default void failure(String action, Throwable error) {
        UserMessage m = ErrorPresenter.describe(error);
        show(Kind.ERROR, action + " failed", m.title() + ": " + m.text());
    }
}
