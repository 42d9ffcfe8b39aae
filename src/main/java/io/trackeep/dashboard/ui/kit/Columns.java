package io.trackeep.dashboard.ui.kit;

import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.panel.EmptyState;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Callback;

import java.util.function.Function;

/**
 * The one way panels make table columns: typed and sorted by the value itself, shown as a
 * formatted text on one printable line ({@link Printable#message}: controls and bytes that are
 * not UTF-8 escaped; a longer text is cut and given whole in a tooltip, itself printable line by line),
 * with an optional tooltip, header explanation and style class per value, widths in em. Also
 * wires a {@link TableSection}'s rows and empty state into a table.
 *
 * <pre>{@code Columns.of("Time", AuditRow::when).text(Times::dateTime).width(14).build()}</pre>
 */
public final class Columns {

    /** Longest text a cell shows; the whole text is in its tooltip. */
    public static final int MAX_CELL_TEXT = 120;

    private Columns() {
    }

    /** Starts a column showing {@code value} of each row. */
    public static <S, T> Builder<S, T> of(String title, Function<S, T> value) {
        return new Builder<>(title, value);
    }

    /** A column of {@code format(value)}, {@code prefWidthEm} wide. */
    public static <S, T> TableColumn<S, T> of(String title, Function<S, T> value, Function<T, String> format, double prefWidthEm) {
        return Columns.<S, T>of(title, value).text(format).width(prefWidthEm).build();
    }

    public static <S, T> TableColumn<S, T> of(String title, Function<S, T> value, double prefWidthEm) {
        return of(title, value, String::valueOf, prefWidthEm);
    }

    /** Builds one column; unset parts have sensible defaults (text: {@code String.valueOf}, "–" for null). */
    public static final class Builder<S, T> {
        private final String title;
        private final Function<S, T> value;
        private Function<? super T, String> text = String::valueOf;
        private Function<? super T, String> tooltip;
        private Function<? super T, String> style;
        private String headerTip;
        private double widthEm = 8;
        private boolean number;
        private String nullText = "–";

        private Builder(String title, Function<S, T> value) {
            this.title = title;
            this.value = value;
        }

        public Builder<S, T> text(Function<? super T, String> format) {
            this.text = format;
            return this;
        }

        /** A tooltip for each cell (besides the one a cut text gets). */
        public Builder<S, T> tooltip(Function<? super T, String> tip) {
            this.tooltip = tip;
            return this;
        }

        /** A style class for each cell, e.g. "result-failed"; null for none. */
        public Builder<S, T> style(Function<? super T, String> styleClass) {
            this.style = styleClass;
            return this;
        }

        /** What the column means, shown when the pointer rests on its header. */
        public Builder<S, T> headerTip(String tip) {
            this.headerTip = tip;
            return this;
        }

        public Builder<S, T> width(double em) {
            this.widthEm = em;
            return this;
        }

        /** Right-aligned, for numbers. */
        public Builder<S, T> number() {
            this.number = true;
            return this;
        }

        /** What a cell shows when the value is null ("–" unless set). */
        public Builder<S, T> whenNull(String shown) {
            this.nullText = shown;
            return this;
        }

        public TableColumn<S, T> build() {
            TableColumn<S, T> column = new TableColumn<>(title);
            column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
            column.setCellFactory(c -> new TextCell<>(text, tooltip, style, nullText));
            column.setPrefWidth(widthEm * Font.getDefault().getSize());
            column.setMinWidth(headerWidth(title)); // a narrow window scrolls the table rather than cutting "Session" to "Ses…"
            if (number) {
                column.getStyleClass().add("number-column");
            }
            if (headerTip != null) {
                Label header = new Label(title);
                header.getStyleClass().add(Css.HEADER_TIP);
                header.setTooltip(new Tooltip(headerTip));
                column.setGraphic(header);
                column.setText("");
            }
            return column;
        }
    }

    /**
     * The columns fill the table while their minimum widths fit in it ({@code fitting}, one of the
     * constrained policies); on a narrower table they keep their widths and the table scrolls
     * sideways. A constrained policy alone would leave the columns past the edge out of reach:
     * it hides the horizontal scroll bar.
     */
    public static void fitOrScroll(TableView<?> table, Callback<TableView.ResizeFeatures, Boolean> fitting) {
        InvalidationListener choose = o -> {
            double mins = table.getVisibleLeafColumns().stream().mapToDouble(TableColumnBase::getMinWidth).sum();
            double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset();
            Callback<TableView.ResizeFeatures, Boolean> policy = room <= 0 || mins <= room ? fitting : TableView.UNCONSTRAINED_RESIZE_POLICY;
            if (table.getColumnResizePolicy() != policy) {
                table.setColumnResizePolicy(policy);
                if (policy == TableView.UNCONSTRAINED_RESIZE_POLICY) {
                    // back to each column's own width: the constrained policy had squeezed them to fit
                    table.getVisibleLeafColumns().forEach(c -> {
                        double own = c.getPrefWidth();
                        c.setPrefWidth(own + 1);
                        c.setPrefWidth(own);
                    });
                }
            }
        };
        table.widthProperty().addListener(choose);
        table.getVisibleLeafColumns().addListener(choose);
        choose.invalidated(null);
    }

    /**
     * The width a header needs for its whole title: the bold text at the theme's size, the
     * header's padding and room for the sort arrow. The minimum width of every column, also of
     * those a panel builds by hand.
     */
    public static double headerWidth(String title) {
        Text text = new Text(title);
        text.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Css.EM));
        return Math.ceil(text.getLayoutBounds().getWidth() + 2.2 * Css.EM);
    }

    /** Sets {@code column}'s minimum width to {@link #headerWidth} of its title, and returns it. */
    public static <S, T> TableColumn<S, T> wholeHeader(TableColumn<S, T> column) {
        column.setMinWidth(headerWidth(column.getText()));
        return column;
    }

    /** A cell of one printable line of text; a long text is cut, and whole in the tooltip. */
    private static final class TextCell<S, T> extends TableCell<S, T> {
        private final Function<? super T, String> text;
        private final Function<? super T, String> tooltip;
        private final Function<? super T, String> style;
        private final String nullText;
        private String applied;

        TextCell(Function<? super T, String> text, Function<? super T, String> tooltip, Function<? super T, String> style,
                 String nullText) {
            this.text = text;
            this.tooltip = tooltip;
            this.style = style;
            this.nullText = nullText;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            if (applied != null) {
                getStyleClass().remove(applied);
                applied = null;
            }
            if (empty) {
                setText(null);
                setTooltip(null);
                return;
            }
            String whole = item == null ? nullText : text.apply(item);
            // values read from Redis: no control character, stray byte or bidi override reaches the cell as it is
            whole = whole == null || whole.isEmpty() ? nullText : Printable.message(whole);
            String tip = item == null || tooltip == null ? null : Shown.lines(tooltip.apply(item)); // a tooltip may quote Redis too
            if (whole.length() > MAX_CELL_TEXT) { // one line already: Printable.message escaped its line breaks
                setText(whole.substring(0, MAX_CELL_TEXT - 1) + "…");
                tip = tip == null ? whole : whole + "\n\n" + tip;
            } else {
                setText(whole);
            }
            if (tip == null || tip.isEmpty()) {
                setTooltip(null);
            } else {
                Tooltip t = new Tooltip(tip);
                t.setWrapText(true);
                t.setMaxWidth(600);
                setTooltip(t);
            }
            applied = item == null || style == null ? null : style.apply(item);
            if (applied != null) {
                getStyleClass().add(applied);
            }
        }
    }

    /** Right-aligned, for numbers. */
    public static <S, T> TableColumn<S, T> number(TableColumn<S, T> column) {
        column.getStyleClass().add("number-column");
        return column;
    }

    /** Shows a section's filtered rows sorted by the table's columns, and its explanation when there are none. */
    public static <S> void show(TableView<S> table, TableSection<S> section, Glyph glyph) {
        showSorted(table, section.filtered());
        placeholder(table, glyph, section.placeholderProperty());
        table.setTableMenuButtonVisible(false);
    }

    /**
     * Shows {@code rows} in {@code table}, sorted by the table's sort columns ({@code rows} keep
     * their own order); returns the sorted view.
     */
    public static <S> SortedList<S> showSorted(TableView<S> table, ObservableList<S> rows) {
        SortedList<S> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        return sorted;
    }

    /** Puts an empty state saying {@code placeholder} where {@code table} has no rows; returns it (for an id). */
    public static EmptyState placeholder(TableView<?> table, Glyph glyph, ObservableValue<TableSection.Placeholder> placeholder) {
        EmptyState empty = new EmptyState(glyph, "", "");
        empty.titleProperty().bind(placeholder.map(TableSection.Placeholder::title));
        empty.messageProperty().bind(placeholder.map(TableSection.Placeholder::message));
        empty.getStyleClass().add(Css.TABLE_EMPTY_STATE);
        table.setPlaceholder(empty);
        return empty;
    }

    /**
     * Puts a muted note saying {@code text} (wrapped when long) where {@code table} has no rows: for
     * a small table that needs a line, not an empty state. Returns the note.
     */
    public static Label placeholderNote(TableView<?> table, ObservableValue<String> text) {
        Label note = new Label();
        note.textProperty().bind(text);
        note.setWrapText(true);
        note.getStyleClass().add(Css.TABLE_PLACEHOLDER);
        table.setPlaceholder(note);
        return note;
    }

    public static Label placeholderNote(TableView<?> table, String text) {
        return placeholderNote(table, new SimpleStringProperty(text));
    }

    /** "12 entries · read 14:03:22", or "3 of 12 …" while filtered. */
    public static StringBinding status(TableSection<?> section, String one, String many) {
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
