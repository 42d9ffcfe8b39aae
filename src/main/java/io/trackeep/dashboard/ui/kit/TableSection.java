package io.trackeep.dashboard.ui.kit;

import io.trackeep.dashboard.monitor.server.Readout;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One table of a panel as data: the rows, a filter (case-insensitive, over the text a
 * row gives for searching), and what to say instead of rows: not read yet, not permitted, failed,
 * nothing there, nothing matches. FX thread only.
 *
 * @param <T> the row type
 */
public final class TableSection<T> {

    /** What a table shows instead of rows: a title and why (an {@link Columns#placeholder empty state}). */
    public record Placeholder(String title, String message) {}

    private final String what;
    private final String permissionHint;
    private final String noneTitle;
    private final String noneMessage;
    private final ObservableList<T> rows = FXCollections.observableArrayList();
    private final FilteredList<T> filtered = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<Readout.Status> status = new SimpleObjectProperty<>();
    private final StringProperty problem = new SimpleStringProperty("");
    // set by notRead: why nothing is read now, said instead of rows until the next apply or clear
    private final StringProperty notReadTitle = new SimpleStringProperty();
    private final StringProperty notReadMessage = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Instant> readAt = new ReadOnlyObjectWrapper<>();
    private final ObjectBinding<Placeholder> placeholder;

    /**
     * @param what           the part, capitalised, for messages ("Slow log")
     * @param permissionHint what an admin must allow when the user may not read it
     * @param noneTitle      title when there is nothing (and the read worked)
     * @param noneMessage    why there may be nothing
     * @param searchText     the text of a row the filter searches
     */
    public TableSection(String what, String permissionHint, String noneTitle, String noneMessage, Function<T, String> searchText) {
        this.what = what;
        this.permissionHint = permissionHint;
        this.noneTitle = noneTitle;
        this.noneMessage = noneMessage;
        filtered.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
            return f.isEmpty() ? row -> true : row -> searchText.apply(row).toLowerCase(Locale.ROOT).contains(f);
        }, filter));
        placeholder = Bindings.createObjectBinding(this::placeholder, status, problem, filter, rows, notReadTitle, notReadMessage);
    }

    /** Shows what was read; a part that was not read is left as it is. */
    public void apply(Readout<? extends List<T>> readout, Instant at) {
        if (readout == null) {
            return;
        }
        notReadTitle.set(null);
        problem.set(readout.message());
        if (readout.isOk()) {
            rows.setAll(readout.value());
            readAt.set(at);
        } else {
            rows.clear();
        }
        status.set(readout.status());
    }

    public void clear() {
        notReadTitle.set(null);
        rows.clear();
        status.set(null);
        problem.set("");
        readAt.set(null);
    }

    /**
     * Shows no rows and says why nothing is read now (e.g. "Choose a node"), until the next
     * {@link #apply} or {@link #clear}.
     */
    public void notRead(String title, String message) {
        rows.clear();
        status.set(null);
        problem.set("");
        readAt.set(null);
        notReadMessage.set(message);
        notReadTitle.set(title);
    }

    private Placeholder placeholder() {
        if (notReadTitle.get() != null) {
            return new Placeholder(notReadTitle.get(), notReadMessage.get());
        }
        Readout.Status s = status.get();
        if (s == null) {
            return new Placeholder("Reading…", "");
        }
        return switch (s) {
            case DENIED -> new Placeholder(what + " not permitted for this user", problem.get() + ". " + permissionHint);
            case FAILED -> new Placeholder(what + " could not be read", problem.get());
            case OK -> rows.isEmpty() ? new Placeholder(noneTitle, noneMessage)
                    : new Placeholder("Nothing matches “" + filter.get().strip() + "”",
                            "Clear the filter to see all " + rows.size() + " rows.");
        };
    }

    /** All rows as read. */
    public ObservableList<T> rows() { return rows; }

    /** The rows that pass the filter (sort them in the view). */
    public FilteredList<T> filtered() { return filtered; }

    public StringProperty filterProperty() { return filter; }

    /** How the last read went; null before the first. */
    public ObjectProperty<Readout.Status> statusProperty() { return status; }

    /** When the rows were read; null before the first successful read. */
    public ReadOnlyObjectProperty<Instant> readAtProperty() { return readAt.getReadOnlyProperty(); }

    /** What the table shows instead of rows. */
    public ObjectBinding<Placeholder> placeholderProperty() { return placeholder; }
}
