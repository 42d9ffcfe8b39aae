package io.trackeep.dashboard.ui.kit;

import io.trackeep.dashboard.testing.FxTestSupport;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A row shows its item's states as pseudo-classes and offers its menu only when it holds an item (and the menu is offered). */
class MarkedRowTest extends FxTestSupport {

    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");

    private record Node(String name, boolean down) {
    }

    private final ObservableList<Node> rows = FXCollections.observableArrayList();
    private final SimpleBooleanProperty offered = new SimpleBooleanProperty(true);
    private ContextMenu menu;
    private TableView<Node> table;

    @Start
    void start(Stage stage) {
        menu = new ContextMenu(new MenuItem("Fail over…"));
        table = new TableView<>(rows);
        TableColumn<Node, String> name = new TableColumn<>("Node");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        table.getColumns().add(name);
        table.setRowFactory(t -> new MarkedRow<Node>(Map.of(DOWN, Node::down)).menu(menu, offered));
        stage.setScene(new Scene(table, 300, 200));
        stage.show();
    }

    private List<TableRow<?>> shownRows() {
        return callFx(() -> {
            table.layout();
            return table.lookupAll(".table-row-cell").stream().<TableRow<?>>map(n -> (TableRow<?>) n).filter(TableRow::isVisible)
                    .sorted(Comparator.comparingInt(TableRow::getIndex)).toList();
        });
    }

    @Test
    void aRowIsMarkedWhileItsItemIsAndLosesTheMarkWithIt() {
        onFx(() -> rows.setAll(new Node("a", false), new Node("b", true)));
        List<TableRow<?>> shown = shownRows();
        assertThat(callFx(() -> shown.get(0).getPseudoClassStates().contains(DOWN))).as("a is up").isFalse();
        assertThat(callFx(() -> shown.get(1).getPseudoClassStates().contains(DOWN))).as("b is down").isTrue();

        onFx(() -> rows.setAll(new Node("b", false)));
        List<TableRow<?>> after = shownRows();
        assertThat(callFx(() -> after.stream().anyMatch(r -> r.getPseudoClassStates().contains(DOWN))))
                .as("no row is marked once b is up and the second row is empty").isFalse();
    }

    @Test
    void theMenuIsOnRowsWithAnItemWhileItIsOffered() {
        onFx(() -> rows.setAll(new Node("a", false)));
        List<TableRow<?>> shown = shownRows();
        assertThat(callFx(() -> shown.get(0).getContextMenu())).as("a row with an item").isSameAs(menu);
        assertThat(callFx(() -> shown.get(1).getContextMenu())).as("an empty row").isNull();

        onFx(() -> offered.set(false));
        assertThat(callFx(() -> shown.get(0).getContextMenu())).as("not offered").isNull();
    }
}
