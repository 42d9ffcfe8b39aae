package io.trackeep.dashboard.ui.sessions;

import atlantafx.base.theme.Styles;
import io.trackeep.dashboard.monitor.sessions.SessionRow;
import io.trackeep.dashboard.service.session.SessionId;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.Columns;
import io.trackeep.dashboard.ui.kit.KeptSelection;
import io.trackeep.dashboard.ui.kit.MarkedRow;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
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
import java.util.List;
import java.util.Map;

/**
 * The session table: sortable columns, session ids masked, malformed values as marked rows, and a
 * context menu per row with the row's actions. The selection follows its session across refreshes
 * ({@link KeptSelection}). Usernames, roles, addresses and agents are shown as any writer left
 * them, through {@link Shown#text}: escaped on one line, spelled as the command line spells them.
 */
final class SessionTable {

    static final PseudoClass MALFORMED = PseudoClass.getPseudoClass("malformed");

    /** What the row menu can ask for. */
    interface Actions {
        void killSession(SessionRow row);

        void killUser(long userId);

        void showUser(long userId);
    }

    private final TableView<SessionRow> table;
    private final ObservableValue<Instant> readAt;

    /** Sets up {@code table} (declared in the view's FXML) to show {@code rows}. */
    SessionTable(TableView<SessionRow> table, ObservableList<SessionRow> rows, ObservableValue<Instant> readAt, Actions actions) {
        this.table = table;
        this.readAt = readAt;
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        Columns.showSorted(table, rows);

        TableColumn<SessionRow, String> session = Columns.of("Session", (SessionRow r) -> SessionId.mask(r.sessionId()))
                .width(7.5).build();
        session.getStyleClass().add("session-id-column");
        TableColumn<SessionRow, SessionRow> username = Columns.<SessionRow, SessionRow>of("Username", r -> r).width(10).build();
        username.setComparator(Comparator.comparing(SessionRow::username));
        username.setCellFactory(c -> new UsernameCell());
        TableColumn<SessionRow, Instant> active = Columns.of("Last active", SessionRow::lastActive)
                .text(t -> Times.relative(t, now())).tooltip(Times::dateTime).width(8.7).build();
        active.setSortType(TableColumn.SortType.DESCENDING);
        table.getColumns().setAll(List.of(
                session,
                Columns.of("User", SessionRow::userId).number().width(5.3).build(),
                username,
                Columns.of("Role", SessionRow::role).text(Shown::text).width(5.8).build(),
                Columns.of("IP address", SessionRow::ipAddress).text(Shown::text).width(9.8).build(),
                Columns.of("Created", SessionRow::createdAt).text(this::shortTime).tooltip(Times::dateTime).width(9.3).build(),
                active,
                Columns.of("Time left", SessionRow::ttlMillis).text(SessionTable::timeLeft).number().width(8.7).build(),
                Columns.of("User agent", SessionRow::userAgent).text(Shown::text).tooltip(Shown::text).width(15).build()));

        table.setRowFactory(t -> row(actions));
        KeptSelection.install(table, SessionRow::sessionId);
    }

    SessionRow selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    /** The time of day for today's instants, date and time otherwise. */
    private String shortTime(Instant t) {
        boolean today = t.atZone(Times.zone()).toLocalDate().equals(now().atZone(Times.zone()).toLocalDate());
        return today ? Times.time(t) : Times.dateTime(t);
    }

    private Instant now() {
        Instant t = readAt.getValue();
        return t == null ? Instant.now() : t;
    }

    private TableRow<SessionRow> row(Actions actions) {
        RowMenu menu = new RowMenu(actions);
        TableRow<SessionRow> row = new MarkedRow<SessionRow>(Map.of(MALFORMED, SessionRow::malformed)).menu(menu);
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
            String who = hasUser ? "user " + r.userId() + (r.username().isBlank() ? "" : " (" + Shown.text(r.username()) + ")") : "";
            killUser.setText("Kill all sessions of " + who + "…");
            only.setText("Show only " + who);
            killUser.setVisible(hasUser);
            separator.setVisible(hasUser);
            only.setVisible(hasUser);
        }
    }

    private static String timeLeft(Long ms) {
        if (ms == -2) {
            return "–";
        }
        return ms == -1 ? "no expiry" : Units.duration(Duration.ofSeconds(ms / 1000));
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
                tag.getStyleClass().addAll("tag", "malformed-tag", Styles.DANGER);
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
