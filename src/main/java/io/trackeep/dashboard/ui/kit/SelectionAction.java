package io.trackeep.dashboard.ui.kit;

import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;

/**
 * An action on a table's selected row that the view model allows or not ("Kill client…", "Fail
 * over…"), offered twice: a button under the table and an item in the rows' context menu
 * ({@link MarkedRow#menu}). Both are enabled only while the view model allows it; the button's
 * tooltip is the view model's hint: what the action would do, or why it cannot.
 */
public final class SelectionAction {

    private SelectionAction() {
    }

    /** The context-menu item running {@code action}, enabled while {@code allowed}. */
    public static MenuItem menuItem(String text, ObservableBooleanValue allowed, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        item.disableProperty().bind(Bindings.not(allowed));
        return item;
    }

    /** Makes {@code button} (declared in FXML) run {@code action}, with {@code glyph}, enabled while {@code allowed}. */
    public static void button(Button button, Glyph glyph, ObservableBooleanValue allowed, ObservableStringValue hint, Runnable action) {
        button.setGraphic(glyph.view());
        button.disableProperty().bind(Bindings.not(allowed));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(hint);
        button.setTooltip(tip);
        button.setOnAction(e -> action.run());
    }
}
