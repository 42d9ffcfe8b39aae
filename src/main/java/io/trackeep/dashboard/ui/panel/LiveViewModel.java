package io.trackeep.dashboard.ui.panel;

/**
 * A panel's view model as its {@link LivePanel} drives it: each snapshot read on the window's
 * current connection is applied, and everything is forgotten when the connection changes.
 * FX thread only.
 *
 * @param <T> the snapshot one refresh produces
 */
public interface LiveViewModel<T> {

    /** Shows a snapshot read on the current connection. */
    void apply(T snapshot);

    /** Forgets everything shown: the window's connection changed (another server, or none). */
    void clear();
}
