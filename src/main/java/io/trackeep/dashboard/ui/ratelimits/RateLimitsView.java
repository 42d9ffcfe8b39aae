package io.trackeep.dashboard.ui.ratelimits;

import io.trackeep.dashboard.monitor.ratelimits.ClientUsage;
import io.trackeep.dashboard.service.ratelimit.Decision;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.Columns;
import io.trackeep.dashboard.ui.kit.Css;
import io.trackeep.dashboard.ui.kit.KeptSelection;
import io.trackeep.dashboard.ui.kit.TimeChart;
import io.trackeep.dashboard.ui.panel.EmptyState;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.ratelimits.RateLimitsViewModel.ClientsView;
import io.trackeep.dashboard.ui.ratelimits.RateLimitsViewModel.LimiterRow;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
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

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The Rate limits panel drawn from its {@link RateLimitsViewModel}: the limiters, the selected
 * limiter's clients closest to their limit with its per-minute chart, and the usage of any
 * client. Binds only; resetting a client and changing a limit call back.
 */
final class RateLimitsView extends PanelView {

    private static final PseudoClass NEAR_LIMIT = PseudoClass.getPseudoClass("near-limit");

    @FXML
    private Label updated;
    @FXML
    private TextField filter;
    @FXML
    private Button changeButton;
    @FXML
    private Label warning;
    @FXML
    private TableView<LimiterRow> limiters;
    @FXML
    private Label topTitle;
    @FXML
    private TableView<ClientUsage> clients;
    @FXML
    private Label topNote;
    @FXML
    private Button resetButton;
    @FXML
    private Label chartTitle;
    @FXML
    private StackPane chartArea;
    @FXML
    private ComboBox<String> lookupLimiter;
    @FXML
    private TextField lookupClient;
    @FXML
    private Button lookupButton;
    @FXML
    private Label lookupResult;
    @FXML
    private Button lookupResetButton;

    private final TimeChart chart = new TimeChart("per-minute-chart", n -> Units.compact(n.longValue()))
            .valueLabel("requests / min");

    /**
     * @param reset       resets (limiter, client), asking first
     * @param changeLimit opens the limit editor for the selected limiter
     */
    RateLimitsView(RateLimitsViewModel vm, BiConsumer<String, String> reset, Runnable changeLimit) {
        load("ratelimits.fxml");
        headerActions(updated, filter, changeButton);
        updated.textProperty().bind(vm.updatedProperty());
        filter.textProperty().bindBidirectional(vm.filterProperty());
        changeButton.setGraphic(Glyph.EDIT.view());
        changeButton.disableProperty().bind(vm.selectedProperty().isNull());
        changeButton.setTooltip(new Tooltip("Change the selected limiter's limit in the limits hash (asks first)"));
        changeButton.setOnAction(e -> changeLimit.run());
        warning.textProperty().bind(vm.warningProperty());
        warning.managedProperty().bind(vm.warningProperty().isNotEmpty());
        warning.visibleProperty().bind(warning.managedProperty());

        limitersTable(vm);
        clientsSection(vm, reset);
        chartSection(vm);
        lookupBar(vm, reset);
    }

    private void limitersTable(RateLimitsViewModel vm) {
        limiters.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<LimiterRow, LimiterRow> clientCount = Columns.<LimiterRow, LimiterRow>of("Clients", r -> r)
                .text(LimiterRow::clientsText).width(5).headerTip("Client keys found by the keyspace census").build();
        clientCount.setComparator((a, b) -> Double.compare(orLess(a.clients()), orLess(b.clients())));
        TableColumn<LimiterRow, LimiterRow> closest = Columns.<LimiterRow, LimiterRow>of("Closest to its limit", r -> r)
                .text(LimiterRow::closest).width(13).headerTip("The sampled client with the highest share of its limit used").build();
        closest.setComparator((a, b) -> Double.compare(a.closestShare(), b.closestShare()));
        limiters.getColumns().setAll(List.<TableColumn<LimiterRow, ?>>of(
                Columns.of("Limiter", LimiterRow::limiter).text(Shown::text).width(8).headerTip("The <limiter> of P:rl:<limiter>:<client>").build(),
                Columns.of("Algorithm", LimiterRow::algorithm).width(9)
                        .headerTip("How the limiter counts; guessed from its keys when no limit is defined here").build(),
                Columns.of("Limit", LimiterRow::limit).width(8)
                        .headerTip("Requests per window (token bucket: capacity per refill time)").build(),
                clientCount,
                closest,
                Columns.of("Allowed", LimiterRow::allowed).text(Units::count).number().width(7)
                        .headerTip("Requests admitted in the last 15 minutes (– without per-minute counters)").build(),
                Columns.of("Blocked", LimiterRow::blocked).text(Units::count).number().width(7)
                        .headerTip("Requests denied in the last 15 minutes (– without per-minute counters)").build()));
        SortedList<LimiterRow> sorted = Columns.showSorted(limiters, vm.rows());
        limiters.setPlaceholder(new EmptyState(Glyph.RATE_LIMITS, "No limiter matches",
                "Limiters appear from the defaults, the limits hash and the rate-limit keys backends write."));
        KeptSelection.install(limiters, LimiterRow::limiter);
        limiters.getSelectionModel().selectedItemProperty().addListener((obs, o, row) -> {
            if (row != null) {
                vm.select(row.limiter());
            }
        });
        vm.selectedLimiterProperty().addListener((obs, o, name) -> selectLimiter(name));
        sorted.addListener((javafx.collections.ListChangeListener<LimiterRow>) c -> selectLimiter(vm.selectedLimiterProperty().get()));
    }

    /** The table shows the limiter the view model chose (the first with clients, until the admin picks one). */
    private void selectLimiter(String name) {
        LimiterRow current = limiters.getSelectionModel().getSelectedItem();
        if (name != null && (current == null || !current.limiter().equals(name))) {
            limiters.getItems().stream().filter(r -> r.limiter().equals(name)).findFirst()
                    .ifPresent(r -> limiters.getSelectionModel().select(r));
        }
    }

    private void clientsSection(RateLimitsViewModel vm, BiConsumer<String, String> reset) {
        topTitle.textProperty().bind(vm.clientsProperty().map(ClientsView::title));
        clients.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ClientUsage, Double> usage = new TableColumn<>("Used");
        usage.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().share()));
        usage.setCellFactory(col -> new UsageCell());
        usage.setPrefWidth(150);
        usage.setMinWidth(8 * Css.EM); // "100 of 100" beside a bar; a narrow window scrolls the table
        clients.getColumns().setAll(List.<TableColumn<ClientUsage, ?>>of(
                Columns.of("Client", ClientUsage::client).text(Shown::text).width(9).headerTip("Client id: IP address, user:<id>, ...").build(),
                usage,
                Columns.of("Remaining", ClientUsage::remaining).text(n -> Units.count(n)).number().width(8)
                        .headerTip("Requests that would still be admitted now").build(),
                Columns.of("Resets in", ClientUsage::resetAfter).text(RateLimitsView::seconds).whenNull(seconds(null)).width(7)
                        .headerTip("Until the client's state has expired and its full limit is back").build()));
        clients.setItems(vm.topClients());
        EmptyState none = new EmptyState(Glyph.RATE_LIMITS, "Nobody close to a limit", "");
        none.messageProperty().bind(vm.clientsProperty().map(ClientsView::empty));
        clients.setPlaceholder(none);
        KeptSelection.install(clients, ClientUsage::client);

        topNote.textProperty().bind(vm.clientsProperty().map(ClientsView::note));
        topNote.visibleProperty().bind(vm.selectedProperty().isNotNull());
        resetButton.setGraphic(Glyph.REFRESH.view());
        resetButton.disableProperty().bind(clients.getSelectionModel().selectedItemProperty().isNull());
        resetButton.setTooltip(new Tooltip("Forget the selected client's state for this limiter (asks first)"));
        resetButton.setOnAction(e -> {
            ClientUsage c = clients.getSelectionModel().getSelectedItem();
            String limiter = vm.selectedLimiterProperty().get();
            if (c != null && limiter != null) {
                reset.accept(limiter, c.client());
            }
        });
    }

    private void chartSection(RateLimitsViewModel vm) {
        chartTitle.textProperty().bind(vm.chartTitleProperty());
        EmptyState unavailable = new EmptyState(Glyph.RATE_LIMITS, "", "");
        unavailable.setId("rate-chart-unavailable");
        chart.showIn(chartArea, vm.chartProperty(), unavailable);
    }

    private void lookupBar(RateLimitsViewModel vm, BiConsumer<String, String> reset) {
        lookupLimiter.setItems(vm.limiterNames());
        lookupLimiter.valueProperty().bindBidirectional(vm.lookupLimiterProperty());
        lookupClient.textProperty().bindBidirectional(vm.lookupClientProperty());
        lookupButton.setOnAction(e -> vm.lookUp());
        lookupClient.setOnAction(e -> vm.lookUp());
        lookupResult.textProperty().bind(vm.lookupResultProperty());
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(vm.lookupResultProperty());
        lookupResult.setTooltip(whole);
        lookupResetButton.disableProperty().bind(vm.lookupFoundProperty().not());
        lookupResetButton.setOnAction(e -> vm.lookedUp().ifPresent(l -> reset.accept(l.limiter(), l.client())));
    }

    private static double orLess(Number n) {
        return n == null ? -1 : n.doubleValue(); // unknown sorts below every figure
    }

    /** Rounded up to the second; null (stored times far outside any window) as "unknown". */
    static String seconds(Duration d) {
        return d == null ? "unknown" : Decision.NO_EXPIRY.equals(d) ? "never (no expiry)"
                : Units.duration(Duration.ofSeconds((d.toMillis() + 999) / 1000));
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
}
