package io.trackeep.dashboard.ui.kit;

import io.trackeep.dashboard.testing.FxTestSupport;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What an admin selects stays put while the rows are replaced and re-sorted at every refresh. */
class KeptSelectionTest extends FxTestSupport {

    private record Row(String id, long lastActive) {
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private TableView<Row> table;

    @Start
    void start(Stage stage) {
        table = new TableView<>();
        TableColumn<Row, Long> last = new TableColumn<>("Last active");
        last.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().lastActive()));
        table.getColumns().add(last);
        SortedList<Row> sorted = new SortedList<>(rows, Comparator.comparingLong(Row::lastActive).reversed());
        table.setItems(sorted);
        KeptSelection.install(table, Row::id);
        stage.setScene(new Scene(table, 300, 200));
        stage.show();
    }

    private static List<Row> refresh(int tick) {
        List<Row> fresh = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fresh.add(new Row("s" + i, (i * 7919L + tick * 31L * i) % 1000)); // the order changes every tick
        }
        return fresh;
    }

    @Test
    void theSelectedItemStaysSelectedAndOnScreenAcrossRefreshesThatReorderTheRows() {
        onFx(() -> rows.setAll(refresh(0)));
        onFx(() -> table.getSelectionModel().select(3));
        String chosen = callFx(() -> table.getSelectionModel().getSelectedItem().id());
        for (int tick = 1; tick < 20; tick++) {
            int t = tick;
            onFx(() -> rows.setAll(refresh(t)));
            assertThat(callFx(() -> table.getSelectionModel().getSelectedItem()))
                    .as("selection after refresh %d", tick).isNotNull().extracting(Row::id).isEqualTo(chosen);
            int index = callFx(() -> table.getSelectionModel().getSelectedIndex());
            assertThat(callFx(() -> table.lookupAll(".table-row-cell").stream()
                    .anyMatch(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getIndex() == index && r.isVisible())))
                    .as("the selected row is on screen after refresh %d", tick).isTrue();
        }
    }

    @Test
    void whenTheItemIsGoneTheSelectionIsEmpty() {
        onFx(() -> rows.setAll(refresh(0)));
        onFx(() -> table.getSelectionModel().select(0));
        String chosen = callFx(() -> table.getSelectionModel().getSelectedItem().id());
        onFx(() -> rows.setAll(refresh(1).stream().filter(r -> !r.id().equals(chosen)).toList()));
        assertThat(callFx(() -> table.getSelectionModel().getSelectedItem())).isNull();
    }
}
