package io.trackeep.dashboard.ui.sessions;

import io.trackeep.dashboard.monitor.sessions.LoginRate;
import io.trackeep.dashboard.monitor.sessions.SessionRow;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.Columns;
import io.trackeep.dashboard.ui.kit.Css;
import io.trackeep.dashboard.ui.kit.Figure;
import io.trackeep.dashboard.ui.kit.FigureTile;
import io.trackeep.dashboard.ui.kit.KeptSelection;
import io.trackeep.dashboard.ui.kit.MarkedRow;
import io.trackeep.dashboard.ui.kit.MinuteSeries;
import io.trackeep.dashboard.ui.kit.TimeChart;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The Sessions panel drawn from its {@link SessionsViewModel}: four headline figures, logins per
 * minute, the users with the most live sessions, and the session table with its filters and
 * paging. Binds only; the kills and the pruning call back.
 */
final class SessionsView extends PanelView {

    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    /** The top users' header size, relative to the panel's text (sessions.css .top-users .column-header). */
    private static final double TOP_USERS_HEADER_EM = 0.85;
    private static final String USER_TIP = "Show one user's sessions: their session set, read from Redis, not only this page";

    /** What the view's buttons and menus ask the panel to do. */
    interface Actions extends SessionTable.Actions {
        void prune();
    }

    @FXML
    private Button pruneButton;
    @FXML
    private GridPane tiles;
    @FXML
    private Label chartCaption;
    @FXML
    private Label chartNote;
    @FXML
    private StackPane chartArea;
    @FXML
    private Label topCaption;
    @FXML
    private TableView<SessionsSnapshot.TopUser> topUsers;
    @FXML
    private TextField userField;
    @FXML
    private TextField filterField;
    @FXML
    private ChoiceBox<String> roleChoice;
    @FXML
    private ToggleButton unreadableToggle;
    @FXML
    private Label sourceNote;
    @FXML
    private TableView<SessionRow> sessionTable;
    @FXML
    private Button killButton;
    @FXML
    private Button killUserButton;
    @FXML
    private Label pageText;
    @FXML
    private Button previousButton;
    @FXML
    private Button nextButton;

    private final SessionsViewModel vm;
    private final TimeChart chart = new TimeChart("login-chart", n -> n.doubleValue() == Math.rint(n.doubleValue())
            ? Long.toString(n.longValue()) : ""); // logins are whole numbers
    private final SessionTable table;

    SessionsView(SessionsViewModel vm, Actions actions) {
        this.vm = vm;
        load("sessions.fxml");
        headerActions(pruneButton);
        pruneButton.setGraphic(Glyph.DELETE.view());
        pruneButton.setTooltip(new Tooltip("Remove ids of sessions that no longer exist from the session index and every user"
                + " session set. Live sessions are not touched."));
        pruneButton.setOnAction(e -> actions.prune());
        figures();
        loginChart();
        topUsers(actions);
        toolbar();
        table = new SessionTable(sessionTable, vm.visibleRows(), vm.readAtProperty(), actions);
        Columns.placeholder(sessionTable, Glyph.SESSIONS, vm.placeholderProperty()).setId("sessionsEmpty");
        footer(actions);
    }

    /** Two by two, in the view model's order. */
    private void figures() {
        List<Figure> figures = vm.figures();
        for (int i = 0; i < figures.size(); i++) {
            FigureTile tile = new FigureTile(figures.get(i));
            tile.setId(figures.get(i).id() + "Figure"); // the ids the tests and the stylesheet know
            tiles.add(tile, i % 2, i / 2);
        }
    }

    private void loginChart() {
        chartCaption.textProperty().bind(vm.loginCaptionProperty());
        chartNote.textProperty().bind(vm.loginNoteProperty());
        chartNote.setTooltip(new Tooltip("The minute in progress is drawn when it ends: drawn now, it would look like a drop."));
        chart.node().setId("loginChart");
        chart.node().getStyleClass().add(Css.CARD_CHART);
        chart.node().setLegendVisible(false);
        vm.loginMinutes().addListener((ListChangeListener<LoginRate.MinuteCount>) c -> showLogins());
        chartArea.getChildren().setAll(chart.node());
        showLogins();
    }

    /** The finished minutes (the view model leaves the current one out); a quiet minute is not a full-height spike. */
    private void showLogins() {
        List<LoginRate.MinuteCount> minutes = vm.loginMinutes();
        if (minutes.isEmpty()) {
            chart.showMinutes(MinuteSeries.EMPTY);
            return;
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("logins", minutes.stream().map(m -> (double) m.logins()).toList());
        Instant last = minutes.get(minutes.size() - 1).minute();
        chart.showMinutes(new MinuteSeries(minutes.stream().map(LoginRate.MinuteCount::minute).toList(), series, last.plusSeconds(60)));
        long max = minutes.stream().mapToLong(LoginRate.MinuteCount::logins).max().orElse(0);
        if (max <= 4) {
            chart.fixValueRange(4, 2);
        } else {
            chart.followValues();
        }
    }

    private void topUsers(Actions actions) {
        topCaption.textProperty().bind(vm.topUsersCaptionProperty());
        topCaption.setTooltip(new Tooltip("The owners of the most live sessions, counted by reading every session key a little per"
                + " refresh (not the size of their user session set, which may hold ids of sessions that are gone). Right-click a user"
                + " to kill all their sessions, double-click to list them."));
        topUsers.setItems(vm.topUsers());
        // all columns give way down to their whole headers: flexing only the last pushed the counts past the edge
        topUsers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        topUsers.getColumns().setAll(List.of(
                Columns.of("User", SessionsSnapshot.TopUser::userId).number().width(4.5).build(),
                Columns.of("Username", SessionsSnapshot.TopUser::username).text(Shown::text).width(9).build(),
                Columns.of("Sessions", SessionsSnapshot.TopUser::sessions).text(n -> Units.count(n)).number().width(6).build()));
        // this table's headers are 0.85em (sessions.css .top-users .column-header): minimums measured at 1em
        // added up to more than the card, and the Sessions count fell past the table's edge at 1024 px
        topUsers.getColumns().forEach(c -> c.setMinWidth(Math.ceil(Columns.headerWidth(c.getText()) * TOP_USERS_HEADER_EM)));
        topUsers.setPlaceholder(new Label("No live sessions found yet"));
        KeptSelection.install(topUsers, SessionsSnapshot.TopUser::userId);
        topUsers.setRowFactory(t -> userRow(actions::killUser, actions::showUser));
    }

    /** A top user's row: right-click to kill all their sessions or show only them, double-click to show them. */
    private static TableRow<SessionsSnapshot.TopUser> userRow(LongConsumer killUser, LongConsumer showUser) {
        // items exist from the start (an empty menu never shows) and name the row's user as the menu opens
        MenuItem kill = new MenuItem();
        MenuItem only = new MenuItem();
        ContextMenu menu = new ContextMenu(kill, only);
        TableRow<SessionsSnapshot.TopUser> row = new MarkedRow<SessionsSnapshot.TopUser>().menu(menu);
        long[] userId = new long[1];
        menu.setOnShowing(e -> {
            if (row.getItem() != null) {
                userId[0] = row.getItem().userId();
                kill.setText("Kill all sessions of user " + userId[0] + "…");
                only.setText("Show only user " + userId[0]);
            }
        });
        kill.setOnAction(a -> killUser.accept(userId[0]));
        only.setOnAction(a -> showUser.accept(userId[0]));
        row.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null) {
                showUser.accept(row.getItem().userId());
            }
        });
        return row;
    }

    private void toolbar() {
        userField.textProperty().bindBidirectional(vm.userId().textProperty());
        Tooltip userTip = new Tooltip(USER_TIP);
        userField.setTooltip(userTip);
        vm.userId().checkProperty().addListener((obs, o, check) -> {
            userField.pseudoClassStateChanged(PROBLEM, check.isProblem());
            userTip.setText(check.isProblem() ? check.message() : USER_TIP);
        });
        filterField.textProperty().bindBidirectional(vm.filterTextProperty());
        filterField.setTooltip(new Tooltip("Filters the rows of this page"));
        roleChoice.setItems(vm.roles());
        roleChoice.valueProperty().bindBidirectional(vm.roleProperty());
        sourceNote.textProperty().bind(vm.sourceNoteProperty());
        Tooltip sourceTip = new Tooltip();
        sourceTip.textProperty().bind(vm.sourceNoteProperty()); // the whole note where a narrow window cuts it
        sourceNote.setTooltip(sourceTip);
        vm.indexMissingProperty().addListener((obs, o, missing) -> sourceNote.pseudoClassStateChanged(WARNING, missing));
        unreadableToggle.textProperty().bind(Bindings.createStringBinding(
                () -> "Unreadable (" + Units.count(vm.unreadableProperty().get()) + ")", vm.unreadableProperty()));
        unreadableToggle.setTooltip(new Tooltip("List the session keys whose value is not a session (not JSON, no user_id or"
                + " session_id, another type). They are not counted as sessions."));
        unreadableToggle.visibleProperty().bind(vm.unreadableProperty().greaterThan(0).or(unreadableToggle.selectedProperty()));
        unreadableToggle.managedProperty().bind(unreadableToggle.visibleProperty());
        unreadableToggle.selectedProperty().addListener((obs, o, on) -> vm.showUnreadable(on));
        vm.queryProperty().addListener((obs, o, q) -> unreadableToggle.setSelected(q.unreadable()));
    }

    private void footer(Actions actions) {
        killButton.setOnAction(e -> {
            SessionRow r = table.selected();
            if (r != null) {
                actions.killSession(r);
            }
        });
        killUserButton.setOnAction(e -> {
            SessionRow r = table.selected();
            if (r != null && r.userId() != null) {
                actions.killUser(r.userId());
            }
        });
        var selected = sessionTable.getSelectionModel().selectedItemProperty();
        killButton.disableProperty().bind(selected.isNull());
        killUserButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.get() == null || selected.get().userId() == null, selected));
        killUserButton.textProperty().bind(Bindings.createStringBinding(() -> selected.get() == null || selected.get().userId() == null
                ? "Kill all of user…" : "Kill all of user " + selected.get().userId() + "…", selected));
        pageText.textProperty().bind(vm.pageTextProperty());
        previousButton.disableProperty().bind(vm.canPreviousProperty().not());
        previousButton.setOnAction(e -> vm.previousPage());
        nextButton.disableProperty().bind(vm.canNextProperty().not());
        nextButton.setOnAction(e -> vm.nextPage());
    }
}
