package io.trackeep.dashboard.ui.caches;

import io.trackeep.dashboard.monitor.caches.CachesProbe;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.CacheActions;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.ui.kit.Check;
import io.trackeep.dashboard.ui.kit.CheckedInput;
import io.trackeep.dashboard.ui.kit.TileGrid;
import io.trackeep.dashboard.ui.kit.TimeChart;
import io.trackeep.dashboard.ui.panel.EmptyState;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The Caches panel drawn from its {@link CachesViewModel}: a card per cache family and one for
 * the server's keyspace, the hit rate per minute, and the invalidation forms. Binds only;
 * invalidating calls back with the action's title and plan.
 */
final class CachesView extends PanelView {

    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");

    @FXML
    private Label updated;
    @FXML
    private TileGrid cards;
    @FXML
    private Label keyspaceRate;
    @FXML
    private Label keyspaceUnit;
    @FXML
    private Label keyspaceHits;
    @FXML
    private Label keyspaceMisses;
    @FXML
    private Label chartTitle;
    @FXML
    private StackPane chartArea;
    @FXML
    private TextField keyField;
    @FXML
    private Button keyButton;
    @FXML
    private Label keyCheck;
    @FXML
    private TextField userField;
    @FXML
    private Button userButton;
    @FXML
    private Label userCheck;
    @FXML
    private Button allButton;
    @FXML
    private Label auditNote;

    private final TimeChart chart = new TimeChart("per-minute-chart", n -> n.intValue() + "%").valueLabel("hit rate")
            .fixValueRange(100, 25);

    CachesView(CachesViewModel vm, BiConsumer<String, Function<CacheActions, ActionPlan<Long>>> invalidate) {
        load("caches.fxml");
        headerActions(updated);
        updated.textProperty().bind(vm.updatedProperty());
        int at = 0;
        for (CacheFamily f : CacheFamily.values()) {
            CacheCard card = new CacheCard(f, vm.familyProperty(f),
                    () -> invalidate.accept("Invalidate " + f.id() + " cache", a -> a.invalidateFamily(f)));
            cards.getChildren().add(at++, card);
        }
        keyspaceRate.textProperty().bind(vm.keyspaceProperty().map(CachesViewModel.KeyspaceView::hitRate));
        keyspaceUnit.visibleProperty().bind(vm.keyspaceProperty().map(CachesViewModel.KeyspaceView::ratePercent)); // "no lookups", not "no lookups hit rate"
        keyspaceUnit.managedProperty().bind(keyspaceUnit.visibleProperty());
        keyspaceRate.setTooltip(new Tooltip("INFO stats keyspace_hits / (keyspace_hits + keyspace_misses): every key lookup "
                + "of every client since the server started, not only caches; this dashboard's own reads left out"));
        keyspaceHits.textProperty().bind(vm.keyspaceProperty().map(CachesViewModel.KeyspaceView::hits));
        keyspaceMisses.textProperty().bind(vm.keyspaceProperty().map(CachesViewModel.KeyspaceView::misses));

        chartTitle.setText("Hit rate per minute, last " + CachesProbe.HISTORY_MINUTES + " minutes");
        EmptyState unavailable = new EmptyState(Glyph.CACHES, "", "");
        unavailable.setId("cache-chart-unavailable");
        chart.showIn(chartArea, vm.chartProperty(), unavailable);

        keyField.promptTextProperty().bind(vm.keyPromptProperty());
        keyField.textProperty().bindBidirectional(vm.key().textProperty());
        keyButton.disableProperty().bind(vm.key().checkProperty().map(c -> !c.valid()));
        keyButton.setOnAction(e -> vm.key().value().ifPresent(k -> invalidate.accept("Invalidate cache key", a -> a.invalidateKey(k))));
        keyField.setOnAction(e -> keyButton.fire());
        check(keyCheck, vm.key(), true);

        userField.textProperty().bindBidirectional(vm.user().textProperty());
        userButton.disableProperty().bind(vm.user().checkProperty().map(c -> !c.valid()));
        userButton.setOnAction(e -> vm.user().value().ifPresent(uid -> invalidate.accept("Invalidate user's cache", a -> a.invalidateUser(uid))));
        userField.setOnAction(e -> userButton.fire());
        check(userCheck, vm.user(), false);

        allButton.setGraphic(Glyph.DELETE.view());
        allButton.setOnAction(e -> invalidate.accept("Invalidate all caches", CacheActions::invalidateAll));
        auditNote.textProperty().bind(vm.eventsChannelProperty().map(channel -> "Each invalidation asks first, names what it removes, "
                + "is announced to every backend on " + channel + " and written to the audit trail. Read-only connections refuse it."));
    }

    /** A field's check under it: shown only when there is something to say, green when {@code greenWhenValid} and the input is valid. */
    private static void check(Label label, CheckedInput<?> input, boolean greenWhenValid) {
        label.textProperty().bind(input.checkProperty().map(Check::message));
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        if (greenWhenValid) {
            input.checkProperty().addListener((obs, o, c) -> label.pseudoClassStateChanged(OK, c.valid()));
        }
    }
}
