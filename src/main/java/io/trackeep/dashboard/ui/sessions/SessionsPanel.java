package io.trackeep.dashboard.ui.sessions;

import io.trackeep.dashboard.monitor.sessions.SessionFigures;
import io.trackeep.dashboard.monitor.sessions.SessionListProbe;
import io.trackeep.dashboard.monitor.sessions.SessionRow;
import io.trackeep.dashboard.monitor.sessions.SessionsProbe;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.SessionActions;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.panel.EmptyState;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Objects;

/**
 * Sessions: how many sessions and users, logins per minute, the users with
 * the most sessions, and the session table with filter, role choice, one user's sessions and
 * paging; actions kill a session, kill all sessions of a user and remove stale index entries,
 * each through {@link SessionActions} and the panel context's action runner. Reads only while
 * visible, on the refresh thread ({@link SessionsProbe}, {@link SessionListProbe}); the screen is
 * updated at most four times a second.
 */
public final class SessionsPanel extends LivePanel<SessionsUpdate> {

    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    private final SessionsViewModel vm;
    private final SessionsProbe figuresProbe;
    private final SessionListProbe listProbe = new SessionListProbe();
    private SessionTable table;

    public SessionsPanel(PanelContext context) {
        this(context, new SessionsViewModel());
    }

    private SessionsPanel(PanelContext context, SessionsViewModel vm) {
        super(StandardPanels.SESSIONS, context, Refresh.WHILE_SHOWN, 4, vm);
        this.vm = vm;
        this.figuresProbe = new SessionsProbe(context.census());
        vm.queryProperty().addListener((obs, old, q) -> {
            listProbe.query(q);
            context.refresh().refreshNow(); // show the new page or user now, not at the next tick
        });
    }

    /** The view model, for tests. */
    public SessionsViewModel viewModel() {
        return vm;
    }

    @Override
    protected SessionsUpdate read(RedisConnections redis) {
        SessionFigures figures = figuresProbe.figures(redis);
        return new SessionsUpdate(figures, listProbe.collect(redis, figures));
    }

    @Override
    protected PanelView createView() {
        Button prune = new Button("Remove stale entries…", Glyph.DELETE.view());
        prune.setId("pruneButton");
        prune.setTooltip(new Tooltip("Remove ids of sessions that no longer exist from the session index and every user session set."
                + " Live sessions are not touched."));
        prune.setOnAction(e -> prune());
        VBox content = new VBox(overview(), toolbar(), tableArea(), footer());
        content.getStyleClass().add("sessions-content");
        return new PanelView() {
            @Override
            public Node root() {
                return content;
            }

            @Override
            public java.util.List<Node> headerActions() {
                return java.util.List.of(prune);
            }
        };
    }

    // ---- layout --------------------------------------------------------------------------

    private Node overview() {
        GridPane tiles = new GridPane();
        tiles.getStyleClass().add("figure-grid");
        tiles.add(new FigureTile("Sessions", "sessionsFigure", vm.sessionsProperty()), 0, 0);
        tiles.add(new FigureTile("Users", "usersFigure", vm.usersProperty()), 1, 0);
        tiles.add(new FigureTile(vm.loginsTitleProperty(), "loginsFigure", vm.loginsProperty()), 0, 1);
        tiles.add(new FigureTile("Stale ids", "staleFigure", vm.staleProperty()), 1, 1);

        Label chartCaption = caption(vm.loginCaptionProperty().get());
        chartCaption.textProperty().bind(vm.loginCaptionProperty());
        LoginChart chart = new LoginChart(vm.loginMinutes());
        VBox.setVgrow(chart.node(), Priority.ALWAYS);
        Label chartNote = new Label();
        chartNote.setId("loginNote");
        chartNote.getStyleClass().add("figure-note");
        chartNote.setMinWidth(0);
        chartNote.textProperty().bind(vm.loginNoteProperty());
        chartNote.setTooltip(new Tooltip("The minute in progress is drawn when it ends: drawn now, it would look like a drop."));
        // a narrow window gives the caption two lines rather than cutting what the figure measures
        chartCaption.setWrapText(true);
        chartCaption.setMinHeight(Region.USE_PREF_SIZE);
        VBox chartBox = new VBox(chartCaption, chartNote, chart.node());
        chartBox.getStyleClass().addAll("card", "chart-card");
        HBox.setHgrow(chartBox, Priority.ALWAYS);

        Label topCaption = caption("");
        topCaption.textProperty().bind(vm.topUsersCaptionProperty());
        topCaption.setTooltip(new Tooltip("The owners of the most live sessions, counted by reading every session key a little per"
                + " refresh (not the size of their user session set, which may hold ids of sessions that are gone). Right-click a user"
                + " to kill all their sessions, double-click to list them."));
        TableView<SessionsSnapshot.TopUser> top = topUsers();
        VBox.setVgrow(top, Priority.ALWAYS);
        VBox topBox = new VBox(topCaption, top);
        topBox.getStyleClass().addAll("card", "top-users-card");

        HBox row = new HBox(tiles, chartBox, topBox);
        row.getStyleClass().add("sessions-overview");
        return row;
    }

    private TableView<SessionsSnapshot.TopUser> topUsers() {
        TableView<SessionsSnapshot.TopUser> top = new TableView<>(vm.topUsers());
        top.setId("topUsers");
        top.getStyleClass().addAll("top-users", "dense");
        top.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<SessionsSnapshot.TopUser, Long> user = new TableColumn<>("User");
        user.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().userId()));
        user.setPrefWidth(60);
        user.setMinWidth(48);
        user.getStyleClass().add("number-column");
        TableColumn<SessionsSnapshot.TopUser, String> name = new TableColumn<>("Username");
        name.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().username() == null ? "–" : d.getValue().username()));
        name.setCellFactory(Shown.cells());
        name.setPrefWidth(120);
        TableColumn<SessionsSnapshot.TopUser, Long> count = new TableColumn<>("Sessions");
        count.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().sessions()));
        count.getStyleClass().add("number-column");
        count.setPrefWidth(76);
        count.setMinWidth(70);
        top.getColumns().add(user);
        top.getColumns().add(name);
        top.getColumns().add(count);
        top.setPlaceholder(new Label("No live sessions found yet"));
        top.setRowFactory(t -> {
            // items exist from the start (an empty menu never shows) and name the row's user as the menu opens
            MenuItem kill = new MenuItem();
            MenuItem only = new MenuItem();
            ContextMenu menu = new ContextMenu(kill, only);
            TableRow<SessionsSnapshot.TopUser> row = new TableRow<>() {
                @Override
                protected void updateItem(SessionsSnapshot.TopUser u, boolean empty) {
                    super.updateItem(u, empty);
                    setContextMenu(empty || u == null ? null : menu);
                }
            };
            long[] userId = new long[1];
            menu.setOnShowing(e -> {
                if (row.getItem() != null) {
                    userId[0] = row.getItem().userId();
                    kill.setText("Kill all sessions of user " + userId[0] + "…");
                    only.setText("Show only user " + userId[0]);
                }
            });
            kill.setOnAction(a -> killUser(userId[0]));
            only.setOnAction(a -> vm.showUser(userId[0]));
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null) {
                    vm.showUser(row.getItem().userId());
                }
            });
            return row;
        });
        return top;
    }

    private Node toolbar() {
        TextField user = new TextField();
        user.setId("userIdField");
        user.setPromptText("User id");
        user.getStyleClass().add("user-id-field");
        user.textProperty().bindBidirectional(vm.userIdTextProperty());
        Tooltip userTip = new Tooltip("Show one user's sessions: their session set, read from Redis, not only this page");
        user.setTooltip(userTip);
        vm.userIdProblemProperty().addListener((obs, o, p) -> {
            user.pseudoClassStateChanged(PROBLEM, p != null);
            userTip.setText(p != null ? p : "Show one user's sessions: their session set, read from Redis, not only this page");
        });

        TextField filter = new TextField();
        filter.setId("sessionFilter");
        filter.setPromptText("Filter: name, ip, role, agent…");
        filter.getStyleClass().add("filter-field");
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        filter.setTooltip(new Tooltip("Filters the rows of this page"));

        ChoiceBox<String> role = new ChoiceBox<>(vm.roles());
        role.setId("roleChoice");
        role.getStyleClass().add("role-choice");
        role.valueProperty().bindBidirectional(vm.roleProperty());

        Label source = new Label();
        source.setId("sourceNote");
        source.getStyleClass().add("source-note");
        source.textProperty().bind(vm.sourceNoteProperty());
        Tooltip sourceTip = new Tooltip();
        sourceTip.textProperty().bind(vm.sourceNoteProperty()); // the whole note where a narrow window cuts it
        source.setTooltip(sourceTip);
        source.setMinWidth(0);
        vm.indexMissingProperty().addListener((obs, o, missing) -> source.pseudoClassStateChanged(WARNING, missing));
        ToggleButton unreadable = new ToggleButton();
        unreadable.setId("unreadableToggle");
        unreadable.textProperty().bind(Bindings.createStringBinding(() -> "Unreadable (" + Units.count(vm.unreadableProperty().get()) + ")",
                vm.unreadableProperty()));
        unreadable.setTooltip(new Tooltip("List the session keys whose value is not a session (not JSON, no user_id or session_id,"
                + " another type). They are not counted as sessions."));
        unreadable.visibleProperty().bind(vm.unreadableProperty().greaterThan(0).or(unreadable.selectedProperty()));
        unreadable.managedProperty().bind(unreadable.visibleProperty());
        unreadable.setMinWidth(Region.USE_PREF_SIZE); // the count must show whole; the filter field gives way
        unreadable.selectedProperty().addListener((obs, o, on) -> vm.showUnreadable(on));
        vm.queryProperty().addListener((obs, o, q) -> unreadable.setSelected(q.unreadable()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(user, filter, role, unreadable, grow, source);
        bar.getStyleClass().add("sessions-toolbar");
        return bar;
    }

    private Node tableArea() {
        table = new SessionTable(vm.visibleRows(), vm.readAtProperty(), new SessionTable.Actions() {
            @Override
            public void killSession(SessionRow row) {
                SessionsPanel.this.killSession(row);
            }

            @Override
            public void killUser(long userId) {
                SessionsPanel.this.killUser(userId);
            }

            @Override
            public void showUser(long userId) {
                vm.showUser(userId);
            }
        });
        EmptyState empty = new EmptyState(Glyph.SESSIONS, "", "");
        empty.setId("sessionsEmpty");
        empty.titleProperty().bind(vm.emptyTitleProperty());
        empty.messageProperty().bind(vm.emptyMessageProperty());
        table.node().setPlaceholder(empty);
        VBox.setVgrow(table.node(), Priority.ALWAYS);
        return table.node();
    }

    private Node footer() {
        Button kill = new Button("Kill session…");
        kill.setId("killSessionButton");
        kill.getStyleClass().add("danger");
        kill.setOnAction(e -> {
            SessionRow r = table.selected();
            if (r != null) {
                killSession(r);
            }
        });
        Button killUser = new Button("Kill all of user…");
        killUser.setId("killUserButton");
        killUser.setOnAction(e -> {
            SessionRow r = table.selected();
            if (r != null && r.userId() != null) {
                killUser(r.userId());
            }
        });
        var selected = table.node().getSelectionModel().selectedItemProperty();
        kill.disableProperty().bind(selected.isNull());
        killUser.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.get() == null || selected.get().userId() == null, selected));
        killUser.textProperty().bind(Bindings.createStringBinding(() -> selected.get() == null || selected.get().userId() == null
                ? "Kill all of user…" : "Kill all of user " + selected.get().userId() + "…", selected));

        Label page = new Label();
        page.setId("pageText");
        page.getStyleClass().add("page-text");
        page.textProperty().bind(vm.pageTextProperty());
        Button previous = new Button("Previous");
        previous.setId("previousPage");
        previous.disableProperty().bind(vm.canPreviousProperty().not());
        previous.setOnAction(e -> vm.previousPage());
        Button next = new Button("Next");
        next.setId("nextPage");
        next.disableProperty().bind(vm.canNextProperty().not());
        next.setOnAction(e -> vm.nextPage());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(kill, killUser, grow, page, previous, next);
        bar.getStyleClass().add("sessions-footer");
        return bar;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("card-caption");
        l.setMinWidth(0);
        return l;
    }

    // ---- actions -------------------------------------------------------------------------

    private void killSession(SessionRow row) {
        String id = row.sessionId();
        context.actions().run("Kill session", redis -> SessionActions.of(redis, AdminActions.defaultActor()).killSession(id),
                outcome -> context.refresh().refreshNow());
    }

    private void killUser(long userId) {
        context.actions().run("Kill sessions of user " + userId,
                redis -> SessionActions.of(redis, AdminActions.defaultActor()).killUser(userId),
                outcome -> context.refresh().refreshNow());
    }

    private void prune() {
        context.actions().run("Remove stale session entries", redis -> SessionActions.of(redis, AdminActions.defaultActor()).prune(),
                outcome -> context.refresh().refreshNow());
    }
}
