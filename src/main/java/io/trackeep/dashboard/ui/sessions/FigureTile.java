package io.trackeep.dashboard.ui.sessions;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** A headline figure: caption, value, and how it was obtained; the tooltip tells the whole story. */
final class FigureTile extends VBox {

    FigureTile(String caption, String id, ObservableValue<Figure> figure) {
        this(new ReadOnlyStringWrapper(caption), id, figure);
    }

    /** A tile whose caption follows what the figure measures. */
    FigureTile(ObservableValue<String> caption, String id, ObservableValue<Figure> figure) {
        getStyleClass().add("figure-tile");
        setId(id);
        Label title = new Label();
        title.textProperty().bind(caption);
        title.getStyleClass().add("figure-caption");
        Label value = new Label();
        value.getStyleClass().add("figure-value");
        Label note = new Label();
        note.getStyleClass().add("figure-note");
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setShowDelay(Duration.millis(300));
        tip.getStyleClass().add("figure-tooltip");
        Tooltip.install(this, tip);
        getChildren().addAll(title, value, note);
        figure.addListener((obs, o, f) -> show(f, value, note, tip));
        show(figure.getValue(), value, note, tip);
    }

    private static void show(Figure f, Label value, Label note, Tooltip tip) {
        value.setText(f.value());
        note.setText(f.note());
        tip.setText(f.tooltip());
    }
}
