package io.trackeep.dashboard.ui.kit;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.util.Duration;

import java.util.Locale;

/**
 * One KPI tile: caption, big value with its unit, a secondary line, and the explanation as a
 * tooltip. Its level shows as {@code :warning}, {@code :critical} or {@code :unknown}; a value too
 * wide for the tile in its big type is drawn smaller ({@code :compact}) rather than cut.
 * Style hooks: {@code .figure-tile}, {@code .figure-<id>}, {@code .figure-caption},
 * {@code .figure-value}, {@code .figure-unit}, {@code .figure-detail}, {@code .figure-bar}.
 */
public final class FigureTile extends VBox {

    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass CRITICAL = PseudoClass.getPseudoClass("critical");
    private static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown");
    /** The value in smaller type: in its own it would not fit the tile ("1 min 23 s", "123,456 ops/s"). */
    private static final PseudoClass COMPACT = PseudoClass.getPseudoClass("compact");

    private final Label value = new Label();
    private final Label unit = new Label();
    private final HBox valueRow;
    private Font fullSize; // the value's font while not compact, as the stylesheet gives it
    private boolean compact;

    public FigureTile(Figure figure) {
        getStyleClass().addAll(Css.CARD, "figure-tile", "figure-" + figure.id());
        setId("figure-" + figure.id());
        Label caption = new Label();
        caption.textProperty().bind(figure.labelProperty().map(l -> l.toUpperCase(Locale.ROOT)));
        caption.getStyleClass().add("figure-caption");
        value.getStyleClass().add("figure-value");
        value.textProperty().bind(figure.valueProperty());
        unit.getStyleClass().add("figure-unit");
        unit.textProperty().bind(figure.unitProperty());
        unit.setMinWidth(Region.USE_PREF_SIZE);
        // no unit, no room for one: the row's spacing before an empty unit cut "13 min 34 s" to "13 min 3..."
        unit.managedProperty().bind(unit.textProperty().isNotEmpty());
        valueRow = new HBox(value, unit);
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

    /** Before laying out: the value in full size if it fits the tile's width, else compact (decided at full size, so it does not flip back and forth). */
    @Override
    protected void layoutChildren() {
        if (!compact) {
            fullSize = value.getFont();
        }
        Text probe = new Text(value.getText());
        probe.setFont(fullSize);
        double needed = Math.ceil(probe.getLayoutBounds().getWidth()) + value.snappedLeftInset() + value.snappedRightInset()
                + (unit.getText() == null || unit.getText().isEmpty() ? 0 : valueRow.getSpacing() + unit.prefWidth(-1));
        boolean fits = needed <= getWidth() - snappedLeftInset() - snappedRightInset();
        if (fits == compact) {
            compact = !fits;
            pseudoClassStateChanged(COMPACT, compact);
        }
        super.layoutChildren();
    }

    private void showLevel(Figure.Level level) {
        pseudoClassStateChanged(WARNING, level == Figure.Level.WARNING);
        pseudoClassStateChanged(CRITICAL, level == Figure.Level.CRITICAL);
        pseudoClassStateChanged(UNKNOWN, level == Figure.Level.UNKNOWN);
    }
}
