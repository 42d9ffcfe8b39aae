package io.trackeep.dashboard.ui.caches;

import io.trackeep.dashboard.monitor.caches.CachesProbe;
import io.trackeep.dashboard.monitor.caches.CachesSnapshot;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.CacheActions;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.chart.PerMinuteChart;
import io.trackeep.dashboard.ui.panel.AbstractPanel;
import io.trackeep.dashboard.ui.panel.EmptyState;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.PanelFeed;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Caches panel: a card per family (entries, memory, hit rate of the last 15 minutes), the
 * server-wide keyspace hit rate, a chart of the hit rate per minute, and the invalidations (one
 * key, a user's entries, a family, everything), each planned, confirmed and audited through
 * {@link io.trackeep.dashboard.ui.admin.ActionRunner}.
 *
 * <p>Reads run on the refresh thread through {@link CachesProbe} (bounded per tick), reach the
 * screen through a {@link PanelFeed}, and only while the panel is visible.
 */
public final class CachesPanel extends AbstractPanel {

    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");

    private final CachesViewModel vm;
    private final CachesProbe probe;
    private final PanelFeed<CachesSnapshot> feed;
    private final PerMinuteChart chart = new PerMinuteChart("hit rate", n -> n.intValue() + "%");

    public CachesPanel(PanelContext context) {
        super(StandardPanels.CACHES, context);
        this.vm = new CachesViewModel(() -> {
            RedisConnections c = context.connection().current();
            return c == null ? null : c.keys();
        });
        this.probe = new CachesProbe(context.census());
        this.feed = new PanelFeed<>(context, "caches", 4, probe::collect, vm::apply);
    }

    public CachesViewModel viewModel() {
        return vm;
    }

    /** The chart, for tests. */
    public PerMinuteChart chart() {
        return chart;
    }

    @Override
    protected Node createContent() {
        Label updated = new Label();
        updated.getStyleClass().add("panel-updated");
        updated.textProperty().bind(vm.updatedProperty());
        headerActions().getChildren().add(updated);

        HBox cards = new HBox();
        cards.getStyleClass().add("cache-cards");
        for (CacheFamily f : CacheFamily.values()) {
            Node card = familyCard(f);
            HBox.setHgrow(card, Priority.ALWAYS);
            cards.getChildren().add(card);
        }
        Node keyspace = keyspaceCard();
        HBox.setHgrow(keyspace, Priority.ALWAYS);
        cards.getChildren().add(keyspace);

        HBox lower = new HBox(chartBox(), actionsBox());
        lower.getStyleClass().add("cache-lower");
        HBox.setHgrow(lower.getChildren().get(0), Priority.ALWAYS);
        VBox.setVgrow(lower, Priority.ALWAYS);

        VBox content = new VBox(cards, lower);
        content.getStyleClass().add("caches-content");
        content.getStylesheets().add(stylesheet());
        return content;
    }

    private Node familyCard(CacheFamily f) {
        Label title = new Label(capitalized(f.id()));
        title.getStyleClass().add("card-title");
        Label ttl = new Label(ttl(f));
        ttl.getStyleClass().addAll("tag", "ttl-tag");
        ttl.setTooltip(new Tooltip("How long the backends keep an entry of this family"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(title, grow, ttl);
        head.getStyleClass().add("card-head");

        Label keys = new Label();
        keys.getStyleClass().add("card-figure");
        keys.setId("cache-keys-" + f.id());
        Label keysUnit = new Label("entries");
        keysUnit.getStyleClass().add("card-unit");
        HBox figure = new HBox(keys, keysUnit);
        figure.getStyleClass().add("card-figure-row");

        Label memory = new Label();
        Label hitRate = new Label();
        hitRate.setId("cache-hit-rate-" + f.id());
        Label lookups = new Label();
        lookups.getStyleClass().add("card-note");
        lookups.setWrapText(true);
        GridPane grid = new GridPane();
        grid.getStyleClass().add("card-grid");
        grid.addRow(0, caption("Memory"), memory);
        grid.addRow(1, caption("Hit rate (15 min)"), hitRate);

        Tooltip keysTip = new Tooltip();
        Tooltip memoryTip = new Tooltip();
        keys.setTooltip(keysTip);
        memory.setTooltip(memoryTip);
        hitRate.setTooltip(new Tooltip("Lookups answered from this cache over all lookups, last 15 minutes "
                + "(counters written by backends built on this service layer)"));
        vm.familyProperty(f).addListener((obs, o, v) -> show(v, keys, keysTip, memory, memoryTip, hitRate, lookups));
        CachesViewModel.FamilyView initial = vm.familyProperty(f).get();
        show(initial, keys, keysTip, memory, memoryTip, hitRate, lookups);

        Button invalidate = new Button("Invalidate " + f.id() + "…", Glyph.DELETE.view());
        invalidate.getStyleClass().addAll("small", "card-action");
        invalidate.setId("invalidate-family-" + f.id());
        invalidate.setTooltip(new Tooltip("Remove every entry of the " + f.id() + " cache (asks first)"));
        invalidate.setOnAction(e -> invalidate("Invalidate " + f.id() + " cache", a -> a.invalidateFamily(f)));

        Region push = new Region();
        VBox.setVgrow(push, Priority.ALWAYS);
        VBox card = new VBox(head, figure, grid, lookups, push, invalidate);
        card.getStyleClass().addAll("cache-card", "card-" + f.id());
        return card;
    }

    private static void show(CachesViewModel.FamilyView v, Label keys, Tooltip keysTip, Label memory, Tooltip memoryTip,
                             Label hitRate, Label lookups) {
        keys.setText(v.keys());
        keysTip.setText(v.keysTip());
        memory.setText(v.memory());
        memoryTip.setText(v.memoryTip());
        hitRate.setText(v.hitRate());
        lookups.setText(v.lookups());
    }

    private Node keyspaceCard() {
        Label title = new Label("Keyspace (server)");
        title.getStyleClass().add("card-title");
        Label rate = new Label();
        rate.getStyleClass().add("card-figure");
        rate.setId("keyspace-hit-rate");
        rate.textProperty().bind(vm.keyspaceHitRateProperty());
        rate.setTooltip(new Tooltip("INFO stats keyspace_hits / (keyspace_hits + keyspace_misses): every key lookup "
                + "of every client since the server started, not only caches"));
        Label unit = new Label("hit rate");
        unit.getStyleClass().add("card-unit");
        HBox figure = new HBox(rate, unit);
        figure.getStyleClass().add("card-figure-row");
        Label hits = new Label();
        hits.textProperty().bind(vm.keyspaceHitsProperty());
        Label misses = new Label();
        misses.textProperty().bind(vm.keyspaceMissesProperty());
        GridPane grid = new GridPane();
        grid.getStyleClass().add("card-grid");
        grid.addRow(0, caption("Hits"), hits);
        grid.addRow(1, caption("Misses"), misses);
        Label note = new Label("Every key lookup of every client since the server started (INFO stats), not only caches");
        note.getStyleClass().add("card-note");
        note.setWrapText(true);
        VBox card = new VBox(new HBox(title), figure, grid, note);
        card.getStyleClass().addAll("cache-card", "card-keyspace");
        return card;
    }

    private Node chartBox() {
        Label title = new Label("Hit rate per minute, last " + CachesProbe.HISTORY_MINUTES + " minutes");
        title.getStyleClass().add("section-title");
        chart.fixValueRange(100, 25);
        chart.node().visibleProperty().bind(vm.countersAvailableProperty());
        vm.chartProperty().addListener((obs, o, data) -> chart.show(data.window(), data.series()));

        EmptyState unavailable = new EmptyState(Glyph.CACHES, "", "");
        unavailable.getStyleClass().add("chart-empty");
        unavailable.titleProperty().bind(vm.chartTitleProperty());
        unavailable.messageProperty().bind(vm.chartNoteProperty());
        unavailable.visibleProperty().bind(vm.countersAvailableProperty().not());
        unavailable.setId("cache-chart-unavailable");

        StackPane area = new StackPane(chart.node(), unavailable);
        VBox.setVgrow(area, Priority.ALWAYS);
        VBox box = new VBox(title, area);
        box.getStyleClass().addAll("section", "chart-section");
        return box;
    }

    private Node actionsBox() {
        Label title = new Label("Invalidate");
        title.getStyleClass().add("section-title");

        TextField key = new TextField();
        key.setId("cache-key-field");
        key.setPromptText(keyPrompt());
        key.textProperty().bindBidirectional(vm.keyInputProperty());
        Button keyButton = new Button("Invalidate…");
        keyButton.setId("invalidate-key-button");
        keyButton.disableProperty().bind(vm.keyValidProperty().not());
        keyButton.setOnAction(e -> vm.validKey().ifPresent(k -> invalidate("Invalidate cache key", a -> a.invalidateKey(k))));
        key.setOnAction(e -> keyButton.fire());
        Label keyCheck = check(vm.keyCheckProperty().isEmpty(), vm.keyValidProperty());
        keyCheck.textProperty().bind(vm.keyCheckProperty());

        TextField user = new TextField();
        user.setId("cache-user-field");
        user.setPromptText("User id, e.g. 42");
        user.textProperty().bindBidirectional(vm.userInputProperty());
        Button userButton = new Button("Invalidate…");
        userButton.setId("invalidate-user-button");
        userButton.disableProperty().bind(vm.userValidProperty().not());
        userButton.setOnAction(e -> vm.validUser().ifPresent(uid -> invalidate("Invalidate user's cache", a -> a.invalidateUser(uid))));
        user.setOnAction(e -> userButton.fire());
        Label userCheck = check(vm.userCheckProperty().isEmpty(), null);
        userCheck.textProperty().bind(vm.userCheckProperty());
        Label userNote = new Label("Response entries are found through the per-user index; those the Go backend stored have none and expire by themselves.");
        userNote.getStyleClass().add("field-note");
        userNote.setWrapText(true);

        Button all = new Button("Invalidate all caches…", Glyph.DELETE.view());
        all.setId("invalidate-all-button");
        all.getStyleClass().add("danger");
        all.setMaxWidth(Double.MAX_VALUE);
        all.setOnAction(e -> invalidate("Invalidate all caches", CacheActions::invalidateAll));

        Label audit = new Label("Each invalidation asks first, names what it removes, is announced to every backend on "
                + eventsChannel() + " and written to the audit trail. Read-only connections refuse it.");
        audit.getStyleClass().add("field-note");
        audit.setWrapText(true);
        Region push = new Region();
        VBox.setVgrow(push, Priority.ALWAYS);
        VBox box = new VBox(title,
                fieldLabel("One key"), row(key, keyButton), keyCheck,
                fieldLabel("A user's entries"), row(user, userButton), userCheck, userNote,
                fieldLabel("Everything"), all, push, audit);
        box.getStyleClass().addAll("section", "invalidate-section");
        return box;
    }

    private void invalidate(String title, Function<CacheActions, ActionPlan<Long>> plan) {
        String actor = AdminActions.defaultActor();
        context.actions().run(title, redis -> plan.apply(new CacheActions(redis, actor)), outcome -> {
            probe.measureAgain();
            refreshIfLive();
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
    }

    /** One refresh now, unless the admin paused refreshing (then the panel keeps what it shows). */
    private void refreshIfLive() {
        if (!context.shell().pausedProperty().get()) {
            context.refresh().refreshNow();
        }
    }

    private String eventsChannel() {
        RedisConnections c = context.connection().current();
        return c == null ? "the admin events channel" : c.keys().adminEventsChannel();
    }

    private String keyPrompt() {
        RedisConnections c = context.connection().current();
        String prefix = c == null ? "tk" : c.keys().prefix();
        return prefix + ":search:42:<hash>";
    }

    private static HBox row(TextField field, Button button) {
        HBox.setHgrow(field, Priority.ALWAYS);
        button.setMinWidth(Region.USE_PREF_SIZE); // the field gives way, never the button's label
        HBox row = new HBox(field, button);
        row.getStyleClass().add("field-row");
        return row;
    }

    private static Label check(BooleanBinding empty, ReadOnlyBooleanProperty valid) {
        Label l = new Label();
        l.getStyleClass().add("field-check");
        l.setWrapText(true);
        l.managedProperty().bind(empty.not());
        l.visibleProperty().bind(empty.not());
        if (valid != null) {
            valid.addListener((obs, o, ok) -> l.pseudoClassStateChanged(OK, ok));
        }
        return l;
    }

    private static Label fieldLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("card-caption");
        return l;
    }

    private static String ttl(CacheFamily f) {
        return f.ttl().toMinutes() + " min TTL";
    }

    private static String capitalized(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    static String stylesheet() {
        return Objects.requireNonNull(CachesPanel.class.getResource("/io/trackeep/dashboard/ui/caches/caches.css"),
                "caches.css missing").toExternalForm();
    }
}
