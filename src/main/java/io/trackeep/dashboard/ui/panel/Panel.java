package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.scene.Node;
import javafx.scene.input.KeyCombination;

/**
 * One page of the dashboard (Overview, Sessions, ...): an entry in the navigation list and a node
 * in the content area. Add one by writing a class (usually extending {@link AbstractPanel}) and
 * listing it in {@link PanelRegistry#standard}. All methods are called on the FX thread.
 *
 * <p>Life cycle: {@link #node()} is called the first time the panel is shown (build lazily, so
 * an unvisited panel costs nothing at start); {@link #onShow()} / {@link #onHide()} when it
 * becomes / stops being the visible panel — start and stop the panel's refresh tasks there unless
 * it must watch in the background (Overview's alerts do); {@link #dispose()} when the window closes.
 */
public interface Panel {

    /** Stable id, lower case ({@code sessions}): used for navigation, tests and screenshot names. */
    String id();

    /** Name in the navigation list and the panel header. */
    String title();

    Glyph glyph();

    /** The shortcut that shows this panel (Ctrl+1..9 for the standard panels), or null. */
    KeyCombination accelerator();

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
