package io.trackeep.dashboard.ui.server;

import io.trackeep.dashboard.ui.panel.EmptyState;
import io.trackeep.dashboard.ui.theme.Glyph;
import io.trackeep.dashboard.ui.format.Times;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;

import java.util.function.Function;
import java.util.regex.Pattern;

/** Table building blocks of the Server panel: typed, sortable columns with formatted cells, and a section's table wiring. */
final class Columns {

    /** Longest text a cell shows; the whole text is in its tooltip. */
    static final int MAX_CELL_TEXT = 120;
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    private Columns() {
    }

    /**
     * A column sorted by the value itself and shown as {@code format(value)} on one line; a text
     * longer than {@link #MAX_CELL_TEXT} or with line breaks (a script in the slow log) is given
     * whole in a tooltip.
     */
    static <S, T> TableColumn<S, T> of(String title, Function<S, T> value, Function<T, String> format, double prefWidthEm) {
        TableColumn<S, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                String text = format.apply(item);
                String line = LINE_BREAKS.matcher(text).replaceAll(" ");
                if (line.length() > MAX_CELL_TEXT || !line.equals(text)) {
                    setText(line.length() > MAX_CELL_TEXT ? line.substring(0, MAX_CELL_TEXT - 1) + "…" : line);
                    Tooltip tip = new Tooltip(text);
                    tip.setWrapText(true);
                    tip.setMaxWidth(600);
                    setTooltip(tip);
                } else {
                    setText(text);
                    setTooltip(null);
                }
            }
        });
        column.setPrefWidth(prefWidthEm * Font.getDefault().getSize());
        return column;
    }

    static <S, T> TableColumn<S, T> of(String title, Function<S, T> value, double prefWidthEm) {
        return of(title, value, String::valueOf, prefWidthEm);
    }

    /** Right-aligned, for numbers. */
    static <S, T> TableColumn<S, T> number(TableColumn<S, T> column) {
        column.getStyleClass().add("number-column");
        return column;
    }

    /** Shows a section's filtered rows sorted by the table's columns, and its explanation when there are none. */
    static <S> void show(TableView<S> table, TableSection<S> section, Glyph glyph) {
        SortedList<S> sorted = new SortedList<>(section.filtered());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        EmptyState empty = new EmptyState(glyph, "", "");
        empty.titleProperty().bind(section.emptyTitleProperty());
        empty.messageProperty().bind(section.emptyMessageProperty());
        empty.getStyleClass().add("table-empty-state");
        table.setPlaceholder(empty);
        table.setTableMenuButtonVisible(false);
    }

    /** "12 entries · read 14:03:22", or "3 of 12 …" while filtered. */
    static StringBinding status(TableSection<?> section, String one, String many) {
        return Bindings.createStringBinding(() -> {
            int all = section.rows().size();
            int shown = section.filtered().size();
            if (section.readAtProperty().get() == null) {
                return "";
            }
            String noun = all == 1 ? one : many;
            String count = shown == all ? all + " " + noun : shown + " of " + all + " " + noun;
            return count + " · read " + Times.time(section.readAtProperty().get());
        }, section.rows(), section.filtered(), section.readAtProperty());
    }
}
