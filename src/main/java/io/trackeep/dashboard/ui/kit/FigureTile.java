package io.trackeep.dashboard.ui.kit;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.Locale;

/**
 * One KPI tile: caption, big value with its unit, a secondary line, and the explanation as a
 * tooltip. Its level shows as {@code :warning}, {@code :critical} or {@code :unknown}.
 * Style hooks: {@code .figure-tile}, {@code .figure-<id>}, {@code .figure-caption},
 * {@code .figure-value}, {@code .figure-unit}, {@code .figure-detail}, {@code .figure-bar}.
 */
public final class FigureTile extends VBox {

    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass CRITICAL = PseudoClass.getPseudoClass("critical");
    private static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown");

    public FigureTile(Figure figure) {
        getStyleClass().addAll("figure-tile", "figure-" + figure.id());
        setId("figure-" + figure.id());
        Label caption = new Label();
        caption.textProperty().bind(figure.labelProperty().map(l -> l.toUpperCase(Locale.ROOT)));
        caption.getStyleClass().add("figure-caption");
        Label value = new Label();
        value.getStyleClass().add("figure-value");
        value.textProperty().bind(figure.valueProperty());
        Label unit = new Label();
        unit.getStyleClass().add("figure-unit");
        unit.textProperty().bind(figure.unitProperty());
        HBox valueRow = new HBox(value, unit);
        valueRow.getStyleClass().add("figure-value-row");
        Label detail = new Label();
        detail.getStyleClass().add("figure-detail");
        detail.textProperty().bind(figure.detailProperty());
        getChildren().addAll(caption, valueRow, detail);

        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.getStyleClass().add("figure-tooltip");
        tip.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n\n", java.util.stream.Stream.of(
                        figure.detailProperty().get(), figure.storyProperty().get(), figure.explanation())
                .filter(t -> t != null && !t.isBlank()).toList()), figure.detailProperty(), figure.storyProperty()));
        tip.setShowDelay(Duration.millis(300));
        tip.setShowDuration(Duration.seconds(30));
        Tooltip.install(this, tip);

        figure.levelProperty().addListener((obs, old, level) -> showLevel(level));
        showLevel(figure.levelProperty().get());
    }

    /** Adds a bar under the value: the fraction 0..1, hidden while negative (no limit). */
    public FigureTile withBar(ObservableDoubleValue fraction) {
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("figure-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(fraction);
        bar.visibleProperty().bind(Bindings.createBooleanBinding(() -> fraction.get() >= 0, fraction));
        bar.managedProperty().bind(bar.visibleProperty());
        getChildren().add(2, bar);
        return this;
    }

    private void showLevel(Figure.Level level) {
        pseudoClassStateChanged(WARNING, level == Figure.Level.WARNING);
        pseudoClassStateChanged(CRITICAL, level == Figure.Level.CRITICAL);
        pseudoClassStateChanged(UNKNOWN, level == Figure.Level.UNKNOWN);
    }
}
