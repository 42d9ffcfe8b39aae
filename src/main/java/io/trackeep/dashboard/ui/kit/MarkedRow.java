package io.trackeep.dashboard.ui.kit;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.TableRow;

import java.util.Map;
import java.util.function.Predicate;

/**
 * A table row that shows its item's states as pseudo-classes, for the panel's stylesheet (a node
 * that is down, the dashboard's own client, a malformed session), and offers a context menu only
 * on a row that holds an item. FX thread only.
 *
 * <pre>{@code table.setRowFactory(t -> new MarkedRow<>(Map.of(DOWN, NodeRow::down)).menu(new ContextMenu(failOver)))}</pre>
 *
 * @param <S> the row type
 */
public final class MarkedRow<S> extends TableRow<S> {

    private final Map<PseudoClass, Predicate<S>> marks;

    /** A row without marks (for its menu). */
    public MarkedRow() {
        this(Map.of());
    }

    /** Each pseudo-class is on while its test holds for the row's item, off on an empty row. */
    public MarkedRow(Map<PseudoClass, Predicate<S>> marks) {
        this.marks = marks;
    }

    @Override
    protected void updateItem(S item, boolean empty) {
        super.updateItem(item, empty);
        marks.forEach((mark, test) -> pseudoClassStateChanged(mark, !empty && item != null && test.test(item)));
    }

    /** Offers {@code menu} on this row while it holds an item; returns this row. */
    public MarkedRow<S> menu(ContextMenu menu) {
        contextMenuProperty().bind(Bindings.when(emptyProperty()).then((ContextMenu) null).otherwise(menu));
        return this;
    }

    /** Offers {@code menu} on this row while it holds an item and {@code offered} holds; returns this row. */
    public MarkedRow<S> menu(ContextMenu menu, ObservableBooleanValue offered) {
        contextMenuProperty().bind(Bindings.when(emptyProperty().or(Bindings.not(offered))).then((ContextMenu) null).otherwise(menu));
        return this;
    }
}
