package io.trackeep.dashboard.ui.panel;

import javafx.scene.Node;

/**
 * One page of the dashboard (Overview, Sessions, ...): an entry in the navigation list and a node
 * in the content area. Add one by writing a class (extending {@link LivePanel}, or
 * {@link LivePanel} when one probe is its whole read) and listing it in {@link PanelRegistry#standard}. All methods are called on the FX thread.
 *
 * <p>Life cycle: {@link #node()} is called the first time the panel is shown (build lazily, so
 * an unvisited panel costs nothing at start); {@link #onShow()} / {@link #onHide()} when it
 * becomes / stops being the visible panel — start and stop the panel's refresh tasks there unless
 * it must watch in the background (Overview's alerts do); {@link #dispose()} when the window closes.
 */
public interface Panel {

    /** Its id, title, glyph and shortcut: what the navigation shows. */
    PanelSpec spec();

    /** Stable id, lower case ({@code sessions}): used for navigation, tests and screenshot names. */
    default String id() {
        return spec().id();
    }

    /** The panel's content; built on the first call, the same node afterwards. */
    Node node();

    /** Became the visible panel. */
    default void onShow() {
    }

    /** Is no longer the visible panel. */
    default void onHide() {
    }

    /** The window closes: stop tasks, release subscriptions. */
    default void dispose() {
    }
}
