package io.trackeep.dashboard.ui.kit;

import io.trackeep.dashboard.testing.FxTestSupport;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A table fills its width while its columns' least widths fit, and scrolls sideways, columns at their own widths, when they do not. */
class FitOrScrollTest extends FxTestSupport {

    @Test
    void columnsFitWhileTheyCanAndKeepTheirOwnWidthsWhenTheyCannot() {
        TableView<String> table = callFx(() -> {
            TableView<String> t = new TableView<>();
            for (int i = 0; i < 3; i++) {
                TableColumn<String, String> c = new TableColumn<>("c" + i);
                c.setMinWidth(100);
                c.setPrefWidth(150);
                t.getColumns().add(c);
            }
            Columns.fitOrScroll(t, TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
            return t;
        });
        StackPane root = callFx(() -> new StackPane(table));
        callFx(() -> new Scene(root)); // the table's skin and styles, as in a window

        onFx(() -> table.resize(600, 300));
        assertThat(callFx(table::getWidth)).isEqualTo(600);
        assertThat(callFx(table::getColumnResizePolicy)).isSameAs(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);

        onFx(() -> table.resize(250, 300)); // three columns of at least 100 px do not fit
        assertThat(callFx(table::getColumnResizePolicy)).isSameAs(TableView.UNCONSTRAINED_RESIZE_POLICY);
        assertThat(callFx(() -> table.getColumns().stream().mapToDouble(TableColumn::getWidth).toArray()))
                .as("each column at its own width, the table scrolling to the rest").containsOnly(150.0);
    }
}
