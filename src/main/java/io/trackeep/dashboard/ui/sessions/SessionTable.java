package io.trackeep.dashboard.ui.sessions;

import io.trackeep.dashboard.monitor.sessions.SessionRow;
import io.trackeep.dashboard.service.session.SessionId;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * The session table: sortable columns, session ids masked, malformed values as marked rows, and a
 * context menu per row with the row's actions. Keeps the selection (by session id) when a refresh
 * replaces the rows.
 */
final class SessionTable {

    static final PseudoClass MALFORMED = PseudoClass.getPseudoClass("malformed");

    /** What the row menu can ask for. */
    interface Actions {
        void killSession(SessionRow row);

        void killUser(long userId);

        void showUser(long userId);
    }

    private final TableView<SessionRow> table = new TableView<>();
    private final ObservableValue<Instant> readAt;
    private String selectedId;

    SessionTable(ObservableList<SessionRow> rows, ObservableValue<Instant> readAt, Actions actions) {
        this.readAt = readAt;
        table.setId("sessionTable");
        table.getStyleClass().add("session-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        SortedList<SessionRow> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        table.getColumns().add(text("Session", "session-id-column", 90, r -> SessionId.mask(r.sessionId())));
        TableColumn<SessionRow, Long> user = column("User", "number-column", 64, SessionRow::userId);
        user.setCellFactory(c -> cell(id -> id == null ? "–" : Long.toString(id), null));
        table.getColumns().add(user);
        TableColumn<SessionRow, SessionRow> username = column("Username", null, 120, r -> r);
        username.setComparator(Comparator.comparing(SessionRow::username));
        username.setCellFactory(c -> new UsernameCell());
        table.getColumns().add(username);
        table.getColumns().add(text("Role", null, 70, SessionRow::role));
        table.getColumns().add(text("IP address", null, 118, SessionRow::ipAddress));
        TableColumn<SessionRow, Instant> created = column("Created", null, 112, SessionRow::createdAt);
        created.setCellFactory(c -> cell(this::shortTime, t -> t == null ? null : Times.dateTime(t)));
        table.getColumns().add(created);
        TableColumn<SessionRow, Instant> active = column("Last active", null, 104, SessionRow::lastActive);
        active.setCellFactory(c -> cell(t -> t == null ? "–" : Times.relative(t, now()), t -> t == null ? null : Times.dateTime(t)));
        active.setSortType(TableColumn.SortType.DESCENDING);
        table.getColumns().add(active);
        TableColumn<SessionRow, Long> left = column("Time left", "number-column", 104, SessionRow::ttlMillis);
        left.setCellFactory(c -> cell(SessionTable::timeLeft, null));
        table.getColumns().add(left);
        TableColumn<SessionRow, String> agent = text("User agent", null, 180, SessionRow::userAgent);
        agent.setCellFactory(c -> cell(s -> s, s -> s == null || s.isBlank() ? null : s));
        table.getColumns().add(agent);

        table.setRowFactory(t -> row(actions));
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                selectedId = n.sessionId();
            } else if (table.getItems().stream().noneMatch(r -> r.sessionId().equals(selectedId))) {
                selectedId = null; // the selected session is gone
            }
        });
        rows.addListener((ListChangeListener<SessionRow>) change -> keepSelection());
    }

    TableView<SessionRow> node() {
        return table;
    }

    SessionRow selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    private void keepSelection() {
        String wanted = selectedId;
        if (wanted == null) {
            return;
        }
        for (int i = 0; i < table.getItems().size(); i++) {
            if (wanted.equals(table.getItems().get(i).sessionId())) {
                table.getSelectionModel().clearAndSelect(i);
                return;
            }
        }
    }

    /** The time of day for today's instants, date and time otherwise. */
    private String shortTime(Instant t) {
        if (t == null) {
            return "–";
        }
        boolean today = t.atZone(Times.zone()).toLocalDate().equals(now().atZone(Times.zone()).toLocalDate());
        return today ? Times.time(t) : Times.dateTime(t);
    }

    private Instant now() {
        Instant t = readAt.getValue();
        return t == null ? Instant.now() : t;
    }

    private TableRow<SessionRow> row(Actions actions) {
        RowMenu menu = new RowMenu(actions);
        TableRow<SessionRow> row = new TableRow<>() {
            @Override
            protected void updateItem(SessionRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(MALFORMED, !empty && item != null && item.malformed());
                setContextMenu(empty || item == null ? null : menu);
            }
        };
        // one menu per row, told which session it is about when it opens: refreshes replace row items every second
        menu.setOnShowing(e -> menu.about(row.getItem()));
        row.getStyleClass().add("session-row");
        return row;
    }

    /**
     * A row's menu. Its items exist from the start ({@link ContextMenu#show} ignores an empty
     * menu) and are labelled for the row's session as the menu opens.
     */
    private static final class RowMenu extends ContextMenu {
        private final MenuItem kill = new MenuItem();
        private final MenuItem killUser = new MenuItem();
        private final SeparatorMenuItem separator = new SeparatorMenuItem();
        private final MenuItem only = new MenuItem();
        private SessionRow row;

        RowMenu(Actions actions) {
            kill.setOnAction(e -> actions.killSession(row));
            killUser.setOnAction(e -> actions.killUser(row.userId()));
            only.setOnAction(e -> actions.showUser(row.userId()));
            getItems().addAll(kill, killUser, separator, only);
        }

        void about(SessionRow r) {
            row = r;
            if (r == null) {
                return;
            }
            kill.setText("Kill session " + SessionId.mask(r.sessionId()) + "…");
            boolean hasUser = r.userId() != null;
            String who = hasUser ? "user " + r.userId() + (r.username().isBlank() ? "" : " (" + r.username() + ")") : "";
            killUser.setText("Kill all sessions of " + who + "…");
            only.setText("Show only " + who);
            killUser.setVisible(hasUser);
            separator.setVisible(hasUser);
            only.setVisible(hasUser);
        }
    }

    private static String timeLeft(Long ms) {
        if (ms == null || ms == -2) {
            return "–";
        }
        return ms == -1 ? "no expiry" : Units.duration(Duration.ofSeconds(ms / 1000));
    }

    private static <T> TableColumn<SessionRow, T> column(String title, String style, double width, Function<SessionRow, T> value) {
        TableColumn<SessionRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        if (style != null) {
            c.getStyleClass().add(style);
        }
        return c;
    }

    private static TableColumn<SessionRow, String> text(String title, String style, double width, Function<SessionRow, String> value) {
        TableColumn<SessionRow, String> c = column(title, style, width, value);
        c.setCellFactory(col -> cell(s -> s == null || s.isEmpty() ? "–" : s, null));
        return c;
    }

    /** A cell showing {@code text} of its value, with an optional tooltip. */
    private static <T> TableCell<SessionRow, T> cell(Function<T, String> text, Function<T, String> tooltip) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (empty) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(Shown.text(text.apply(item))); // usernames, agents, ... as any writer left them
                String tip = tooltip == null ? null : Shown.lines(tooltip.apply(item));
                setTooltip(tip == null ? null : new Tooltip(tip));
            }
        };
    }

    /** The username, or a "malformed" tag with the reason and the start of the value as its tooltip. */
    private static final class UsernameCell extends TableCell<SessionRow, SessionRow> {
        @Override
        protected void updateItem(SessionRow r, boolean empty) {
            super.updateItem(r, empty);
            setTooltip(null);
            if (empty || r == null) {
                setText(null);
                setGraphic(null);
            } else if (r.malformed()) {
                Label tag = new Label("malformed");
                tag.getStyleClass().addAll("tag", "malformed-tag");
                setText(null);
                setGraphic(tag);
                Tooltip tip = new Tooltip(Shown.lines(r.problem()) + (r.excerpt() == null ? "" : "\nValue starts with: " + Shown.text(r.excerpt())));
                tip.setWrapText(true);
                tip.setMaxWidth(480);
                setTooltip(tip);
            } else {
                setGraphic(null);
                setText(r.username().isEmpty() ? "–" : Shown.text(r.username()));
            }
        }
    }
}
