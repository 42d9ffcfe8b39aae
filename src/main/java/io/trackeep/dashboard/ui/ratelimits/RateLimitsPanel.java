package io.trackeep.dashboard.ui.ratelimits;

import io.trackeep.dashboard.monitor.ratelimits.ClientUsage;
import io.trackeep.dashboard.monitor.ratelimits.LimiterStatus;
import io.trackeep.dashboard.monitor.ratelimits.RateLimitsProbe;
import io.trackeep.dashboard.monitor.ratelimits.RateLimitsSnapshot;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.RateLimitActions;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.chart.PerMinuteChart;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.panel.AbstractPanel;
import io.trackeep.dashboard.ui.panel.EmptyState;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.PanelFeed;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import io.trackeep.dashboard.ui.ratelimits.RateLimitsViewModel.LimiterRow;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Rate limits panel: every limiter (algorithm, limit, clients, the busiest client, allowed
 * and blocked in 15 minutes), the selected limiter's clients closest to their limit and its
 * per-minute chart, and the usage of any client. Actions: reset a client, change a limit, both
 * planned, confirmed and audited through {@link io.trackeep.dashboard.ui.admin.ActionRunner}.
 *
 * <p>Reads run on the refresh thread through {@link RateLimitsProbe} (bounded per tick; see its
 * sampling), reach the screen through a {@link PanelFeed}, and only while the panel is visible.
 */
public final class RateLimitsPanel extends AbstractPanel {

    private static final PseudoClass NEAR_LIMIT = PseudoClass.getPseudoClass("near-limit");

    private final RateLimitsViewModel vm = new RateLimitsViewModel();
    private final RateLimitsProbe probe;
    private final PanelFeed<RateLimitsSnapshot> feed;
    private final PerMinuteChart chart = new PerMinuteChart("requests / min", n -> Units.compact(n.longValue()));
    private final TableView<LimiterRow> limiters = new TableView<>();
    private final TableView<ClientUsage> clients = new TableView<>();
    private boolean selecting;

    public RateLimitsPanel(PanelContext context) {
        super(StandardPanels.RATE_LIMITS, context);
        this.probe = new RateLimitsProbe(context.census());
        this.feed = new PanelFeed<>(context, "rate-limits", 4, probe::collect, this::apply);
    }

    public RateLimitsViewModel viewModel() {
        return vm;
    }

    /** The chart, for tests. */
    public PerMinuteChart chart() {
        return chart;
    }

    @Override
    protected Node createContent() {
        TextField filter = new TextField();
        filter.setId("rate-limit-filter");
        filter.setPromptText("Filter limiter or client");
        filter.getStyleClass().add("filter-field");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        Button change = new Button("Change limit…", Glyph.EDIT.view());
        change.setId("change-limit-button");
        change.disableProperty().bind(vm.selectedProperty().isNull());
        change.setTooltip(new Tooltip("Change the selected limiter's limit in the limits hash (asks first)"));
        change.setOnAction(e -> changeLimit());
        Label updated = new Label();
        updated.getStyleClass().add("panel-updated");
        updated.textProperty().bind(vm.updatedProperty());
        headerActions().getChildren().addAll(updated, filter, change);

        Label warning = new Label();
        warning.getStyleClass().add("inline-problem");
        warning.setWrapText(true);
        warning.textProperty().bind(vm.warningProperty());
        warning.managedProperty().bind(vm.warningProperty().isNotEmpty());
        warning.visibleProperty().bind(warning.managedProperty());

        HBox lower = new HBox(clientsBox(), chartBox());
        lower.getStyleClass().add("rate-lower");
        HBox.setHgrow(lower.getChildren().get(0), Priority.ALWAYS);
        VBox.setVgrow(lower, Priority.ALWAYS);

        VBox content = new VBox(warning, limitersTable(), lower, lookupBar());
        content.getStyleClass().add("rate-limits-content");
        content.getStylesheets().add(stylesheet());
        return content;
    }

    private Node limitersTable() {
        limiters.setId("limiters-table");
        limiters.getStyleClass().addAll("limiters-table", "dense");
        limiters.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        limiters.getColumns().setAll(List.<TableColumn<LimiterRow, ?>>of(
                column("Limiter", 8, LimiterRow::limiter, Function.identity(), "The <limiter> of P:rl:<limiter>:<client>"),
                column("Algorithm", 9, LimiterRow::algorithm, Function.identity(), "How the limiter counts; guessed from its keys when no limit is defined here"),
                column("Limit", 8, LimiterRow::limit, Function.identity(), "Requests per window (token bucket: capacity per refill time)"),
                column("Clients", 5, LimiterRow::clients, (Long n) -> null, "Client keys found by the keyspace census"),
                column("Closest to its limit", 13, LimiterRow::closestShare, (Double d) -> null, "The sampled client with the highest share of its limit used"),
                column("Allowed", 7, LimiterRow::allowed, (Long n) -> n == null ? "–" : Units.count(n),
                        "Requests admitted in the last 15 minutes (– without per-minute counters)"),
                column("Blocked", 7, LimiterRow::blocked, (Long n) -> n == null ? "–" : Units.count(n),
                        "Requests denied in the last 15 minutes (– without per-minute counters)")));
        textOf(limiters.getColumns().get(3), LimiterRow::clientsText);
        textOf(limiters.getColumns().get(4), LimiterRow::closest);
        SortedList<LimiterRow> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(limiters.comparatorProperty());
        limiters.setItems(sorted);
        limiters.setPlaceholder(new EmptyState(Glyph.RATE_LIMITS, "No limiter matches",
                "Limiters appear from the defaults, the limits hash and the rate-limit keys backends write."));
        limiters.getSelectionModel().selectedItemProperty().addListener((obs, o, row) -> {
            if (row != null && !selecting) {
                vm.select(row.limiter());
            }
        });
        return limiters;
    }

    private Node clientsBox() {
        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.textProperty().bind(vm.topTitleProperty());

        clients.setId("top-clients-table");
        clients.getStyleClass().add("dense");
        clients.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ClientUsage, Double> usage = new TableColumn<>("Used");
        usage.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().share()));
        usage.setCellFactory(col -> new UsageCell());
        usage.setPrefWidth(150);
        clients.getColumns().setAll(List.<TableColumn<ClientUsage, ?>>of(
                column("Client", 9, ClientUsage::client, Function.identity(), "Client id: IP address, user:<id>, ..."),
                usage,
                column("Remaining", 8, ClientUsage::remaining, Units::count, "Requests that would still be admitted now"),
                column("Resets in", 7, ClientUsage::resetAfter, RateLimitsPanel::seconds,
                        "Until the client's state has expired and its full limit is back")));
        clients.setItems(vm.topClients());
        EmptyState none = new EmptyState(Glyph.RATE_LIMITS, "Nobody close to a limit", "");
        none.messageProperty().bind(vm.topEmptyProperty());
        clients.setPlaceholder(none);
        VBox.setVgrow(clients, Priority.ALWAYS);

        Label note = new Label();
        note.getStyleClass().add("field-note");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.textProperty().bind(vm.topNoteProperty());
        note.visibleProperty().bind(vm.selectedProperty().isNotNull());

        Button reset = new Button("Reset client…", Glyph.REFRESH.view());
        reset.setId("reset-client-button");
        reset.getStyleClass().add("danger");
        reset.setMinWidth(Region.USE_PREF_SIZE);
        reset.disableProperty().bind(clients.getSelectionModel().selectedItemProperty().isNull());
        reset.setTooltip(new Tooltip("Forget the selected client's state for this limiter (asks first)"));
        reset.setOnAction(e -> {
            ClientUsage c = clients.getSelectionModel().getSelectedItem();
            String limiter = vm.selectedLimiterProperty().get();
            if (c != null && limiter != null) {
                reset(limiter, c.client());
            }
        });
        HBox bottom = new HBox(note, reset);
        HBox.setHgrow(note, Priority.ALWAYS);
        bottom.getStyleClass().add("section-footer");

        VBox box = new VBox(title, clients, bottom);
        box.getStyleClass().addAll("section", "clients-section");
        return box;
    }

    private Node chartBox() {
        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        title.textProperty().bind(vm.chartTitleProperty());
        chart.node().visibleProperty().bind(vm.chartAvailableProperty());
        vm.chartProperty().addListener((obs, o, data) -> chart.show(data.window(), data.series()));
        EmptyState unavailable = new EmptyState(Glyph.RATE_LIMITS, "No per-minute counters", "");
        unavailable.setId("rate-chart-unavailable");
        unavailable.getStyleClass().add("chart-empty");
        unavailable.messageProperty().bind(vm.chartNoteProperty());
        unavailable.visibleProperty().bind(vm.chartAvailableProperty().not());
        StackPane area = new StackPane(chart.node(), unavailable);
        VBox.setVgrow(area, Priority.ALWAYS);
        VBox box = new VBox(title, area);
        box.getStyleClass().addAll("section", "rate-chart-section");
        return box;
    }

    private Node lookupBar() {
        Label caption = new Label("Usage of a client");
        caption.getStyleClass().add("section-title");
        caption.setMinWidth(Region.USE_PREF_SIZE);
        ComboBox<String> limiter = new ComboBox<>(vm.limiterNames());
        limiter.setId("lookup-limiter");
        limiter.setPromptText("Limiter");
        limiter.valueProperty().bindBidirectional(vm.lookupLimiterProperty());
        TextField client = new TextField();
        client.setId("lookup-client");
        client.setPromptText("Client, e.g. 10.0.0.7");
        client.textProperty().bindBidirectional(vm.lookupClientProperty());
        Button look = new Button("Look up");
        look.setId("lookup-button");
        look.setMinWidth(Region.USE_PREF_SIZE);
        look.setOnAction(e -> lookUp());
        client.setOnAction(e -> lookUp());
        Label result = new Label();
        result.setId("lookup-result");
        result.getStyleClass().add("lookup-result");
        result.textProperty().bind(vm.lookupResultProperty());
        HBox.setHgrow(result, Priority.ALWAYS);
        result.setMaxWidth(Double.MAX_VALUE);
        Button reset = new Button("Reset…");
        reset.setId("lookup-reset-button");
        reset.getStyleClass().add("danger");
        reset.setMinWidth(Region.USE_PREF_SIZE);
        reset.disableProperty().bind(vm.lookupFoundProperty().not());
        reset.setOnAction(e -> vm.lookupRequest().ifPresent(l -> reset(l.limiter(), l.client())));
        HBox bar = new HBox(caption, limiter, client, look, result, reset);
        bar.getStyleClass().addAll("section", "lookup-bar");
        return bar;
    }

    private void apply(RateLimitsSnapshot s) {
        String keepClient = clients.getSelectionModel().getSelectedItem() == null ? null
                : clients.getSelectionModel().getSelectedItem().client();
        selecting = true; // the table's own reactions to the new rows are not the admin's choice
        try {
            vm.apply(s);
            String name = vm.selectedLimiterProperty().get();
            limiters.getItems().stream().filter(r -> r.limiter().equals(name)).findFirst()
                    .ifPresent(r -> limiters.getSelectionModel().select(r));
            if (keepClient != null) {
                clients.getItems().stream().filter(c -> c.client().equals(keepClient)).findFirst()
                        .ifPresent(c -> clients.getSelectionModel().select(c));
            }
        } finally {
            selecting = false;
        }
    }

    private void lookUp() {
        RedisConnections redis = context.connection().current();
        vm.lookupRequest().ifPresent(l -> {
            if (redis == null) {
                vm.showLookupFailure(new IllegalStateException("Not connected to a Redis"));
                return;
            }
            context.executor().submit("Reading the usage of " + l.client(), () -> {
                try (RateLimits limits = new RateLimits(redis)) {
                    return limits.usage(l.limiter(), l.client());
                }
            }, vm::showUsage, vm::showLookupFailure);
        });
    }

    private void reset(String limiter, String client) {
        String actor = AdminActions.defaultActor();
        context.actions().run("Reset rate limit", redis -> new RateLimitActions(redis, actor).resetClient(limiter, client),
                outcome -> {
                    refreshIfLive();
                    lookUpAgainIfShown(limiter, client);
                });
    }

    private void lookUpAgainIfShown(String limiter, String client) {
        if (limiter.equals(vm.lookupLimiterProperty().get()) && client.equals(vm.lookupClientProperty().get())) {
            lookUp();
        }
    }

    private void changeLimit() {
        LimiterStatus l = vm.selectedProperty().get();
        if (l == null) {
            return;
        }
        LimitEditorViewModel editor = new LimitEditorViewModel(l.limiter(), l.definition(), l.algorithm());
        new LimitEditorDialog(context.owner().get(), context.theme(), editor).showAndWait().ifPresent(wanted -> {
            String actor = AdminActions.defaultActor();
            context.actions().<LimitDefinition>run("Change rate limit",
                    redis -> new RateLimitActions(redis, actor).changeLimit(l.limiter(), wanted), outcome -> refreshIfLive());
        });
    }

    @Override
    public void onShow() {
        node();
        feed.start();
    }

    @Override
    public void onHide() {
        feed.stop();
    }

    @Override
    public void dispose() {
        feed.stop();
        probe.close();
    }

    /** One refresh now, unless the admin paused refreshing (then the panel keeps what it shows). */
    private void refreshIfLive() {
        if (!context.shell().pausedProperty().get()) {
            context.refresh().refreshNow();
        }
    }

    private static String seconds(Duration d) {
        return Units.duration(Duration.ofSeconds((d.toMillis() + 999) / 1000));
    }

    /** A column showing {@code text(value)} and sorting by the value. */
    private static <S, T extends Comparable<? super T>> TableColumn<S, T> column(String title, double em, Function<S, T> value,
                                                                               Function<T, String> text, String tip) {
        TableColumn<S, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(em * 12);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? text.apply(null) : text.apply(item));
            }
        });
        Label header = new Label(title);
        header.setTooltip(new Tooltip(tip));
        c.setGraphic(header);
        c.setText("");
        return c;
    }

    /** Shows a row's text in a column that sorts by another value. */
    private static <T> void textOf(TableColumn<LimiterRow, T> column, Function<LimiterRow, String> text) {
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                LimiterRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : text.apply(row));
            }
        });
    }

    /** "3 of 5" with a bar, red from 90 % up. */
    private static final class UsageCell extends TableCell<ClientUsage, Double> {
        private final ProgressBar bar = new ProgressBar();
        private final Label text = new Label();
        private final HBox box = new HBox(bar, text);

        UsageCell() {
            box.getStyleClass().add("usage-cell");
            bar.getStyleClass().add("usage-bar");
            HBox.setHgrow(bar, Priority.ALWAYS);
            bar.setMaxWidth(Double.MAX_VALUE);
            text.setMinWidth(Region.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(Double share, boolean empty) {
            super.updateItem(share, empty);
            ClientUsage u = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (u == null) {
                setGraphic(null);
                return;
            }
            bar.setProgress(u.share());
            bar.pseudoClassStateChanged(NEAR_LIMIT, u.share() >= 0.9);
            text.setText(u.used() + " of " + u.limit());
            setGraphic(box);
        }
    }

    static String stylesheet() {
        return Objects.requireNonNull(RateLimitsPanel.class.getResource("/io/trackeep/dashboard/ui/ratelimits/ratelimits.css"),
                "ratelimits.css missing").toExternalForm();
    }
}
