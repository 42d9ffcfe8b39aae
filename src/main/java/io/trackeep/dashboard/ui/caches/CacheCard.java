package io.trackeep.dashboard.ui.caches;

import atlantafx.base.theme.Styles;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.ui.kit.Css;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * One cache family's card: entries, memory, hit rate over 15 minutes and its invalidate button.
 * Built in code because the cards come from data (one per {@link CacheFamily}).
 */
final class CacheCard extends VBox {

    private final Label keys = new Label();
    private final Tooltip keysTip = new Tooltip();
    private final Label memory = new Label();
    private final Tooltip memoryTip = new Tooltip();
    private final Label hitRate = new Label();
    private final Label lookups = new Label();

    CacheCard(CacheFamily f, ObservableValue<CachesViewModel.FamilyView> view, Runnable invalidate) {
        Label title = new Label(f.id().substring(0, 1).toUpperCase(Locale.ROOT) + f.id().substring(1));
        title.getStyleClass().add("card-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label ttl = new Label(f.ttl().toMinutes() + " min TTL");
        ttl.getStyleClass().addAll("tag", "ttl-tag");
        ttl.setMinWidth(Region.USE_PREF_SIZE);
        ttl.setTooltip(new Tooltip("How long the backends keep an entry of this family"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(title, grow, ttl);
        head.getStyleClass().addAll(Css.CONTROL_ROW, "card-head");

        keys.getStyleClass().add("card-figure");
        keys.setId("cache-keys-" + f.id());
        keys.setTooltip(keysTip);
        Label keysUnit = new Label("entries");
        keysUnit.getStyleClass().add(Styles.TEXT_MUTED);
        HBox figure = new HBox(keys, keysUnit);
        figure.getStyleClass().add("card-figure-row");

        memory.setTooltip(memoryTip);
        memory.setMinWidth(Region.USE_PREF_SIZE);
        hitRate.setMinWidth(Region.USE_PREF_SIZE);
        hitRate.setId("cache-hit-rate-" + f.id());
        hitRate.setTooltip(new Tooltip("Lookups answered from this cache over all lookups, last 15 minutes "
                + "(counters written by backends built on this service layer)"));
        lookups.getStyleClass().add("card-note");
        lookups.setWrapText(true);
        lookups.setMinHeight(Region.USE_PREF_SIZE); // wraps rather than cut: the card grows
        GridPane grid = new GridPane();
        grid.getStyleClass().add("card-grid");
        grid.addRow(0, caption("Memory"), memory);
        grid.addRow(1, caption("Hit rate (15 min)"), hitRate);

        Button button = new Button("Invalidate " + f.id() + "…", Glyph.DELETE.view());
        button.getStyleClass().addAll(Styles.SMALL, "card-action");
        button.setId("invalidate-family-" + f.id());
        button.setTooltip(new Tooltip("Remove every entry of the " + f.id() + " cache (asks first)"));
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setOnAction(e -> invalidate.run());

        Region push = new Region();
        VBox.setVgrow(push, Priority.ALWAYS);
        getChildren().addAll(head, figure, grid, lookups, push, button);
        getStyleClass().addAll(Css.CARD, Css.QUIET, "cache-card", "card-" + f.id());
        view.addListener((obs, o, v) -> show(v));
        show(view.getValue());
    }

    private void show(CachesViewModel.FamilyView v) {
        keys.setText(v.keys());
        keysTip.setText(v.keysTip());
        memory.setText(v.memory());
        memoryTip.setText(v.memoryTip());
        hitRate.setText(v.hitRate());
        lookups.setText(v.lookups());
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
