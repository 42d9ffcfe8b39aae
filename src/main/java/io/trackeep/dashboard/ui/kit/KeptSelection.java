package io.trackeep.dashboard.ui.kit;

import javafx.collections.ListChangeListener;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What an admin selects stays put: a live table's rows are replaced at every refresh (and
 * re-sorted when the sort column's values change), which would drop the selection or leave the
 * selected row somewhere off screen. This keeps the selection on the same item (by a key, e.g.
 * the session id) and that row at the same height in the table, while the other rows move around
 * it. When the item is gone, the selection is empty (and the actions on it disable).
 * FX thread only.
 */
public final class KeptSelection<S> {

    private final TableView<S> table;
    private final Function<? super S, ?> key;
    private Object selectedKey;
    private int selectedIndex = -1;
    private boolean restoring;

    private KeptSelection(TableView<S> table, Function<? super S, ?> key) {
        this.table = table;
        this.key = key;
    }

    /** Keeps {@code table}'s selection on the item with the same {@code key} across changes of its items. */
    public static <S> KeptSelection<S> install(TableView<S> table, Function<? super S, ?> key) {
        KeptSelection<S> kept = new KeptSelection<>(table, Objects.requireNonNull(key));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> kept.selected(now));
        table.itemsProperty().addListener((obs, old, now) -> kept.watch(now));
        kept.watch(table.getItems());
        return kept;
    }

    private void watch(List<S> items) {
        if (items instanceof javafx.collections.ObservableList<S> observable) {
            observable.addListener((ListChangeListener<S>) change -> restore());
        }
    }

    private void selected(S item) {
        if (restoring) {
            return;
        }
        if (item == null && selectedKey != null && indexOf(selectedKey) >= 0) {
            // The table drops its selection when its rows are replaced, before this class hears of
            // the new rows: the item is still there, so keep it (restore() selects it again).
            return;
        }
        selectedKey = item == null ? null : key.apply(item);
        selectedIndex = table.getSelectionModel().getSelectedIndex();
    }

    private int indexOf(Object wanted) {
        List<S> items = table.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (wanted.equals(key.apply(items.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private void restore() {
        if (selectedKey == null || restoring) {
            return;
        }
        restoring = true;
        try {
            int index = indexOf(selectedKey);
            if (index < 0) {
                table.getSelectionModel().clearSelection();
                selectedKey = null;
                return;
            }
            if (table.getSelectionModel().getSelectedIndex() != index) {
                table.getSelectionModel().clearAndSelect(index);
            }
            Integer first = firstVisibleIndex();
            if (first != null && selectedIndex >= 0 && index != selectedIndex) {
                // scroll by as many rows as the item moved: it stays where the admin saw it
                flow().scrollToTop(Math.max(0, first + index - selectedIndex));
            }
            selectedIndex = index;
        } finally {
            restoring = false;
        }
    }

    private Integer firstVisibleIndex() {
        VirtualFlow<?> flow = flow();
        IndexedCell<?> first = flow == null ? null : flow.getFirstVisibleCell();
        return first == null ? null : first.getIndex();
    }

    private VirtualFlow<?> flow() {
        return table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
    }
}
