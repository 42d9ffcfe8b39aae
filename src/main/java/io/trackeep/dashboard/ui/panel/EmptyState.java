package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * A centred message where data would be: a large muted glyph, a title and one or two lines of
 * explanation, optionally a button. Use it for "not connected", "nothing matches the filter",
 * "no leaderboards in this Redis", never an empty table without words.
 */
public final class EmptyState extends VBox {

    private final Label title = new Label();
    private final Label message = new Label();

    public EmptyState(Glyph glyph, String titleText, String messageText) {
        getStyleClass().add("empty-state");
        var icon = glyph.view();
        icon.getStyleClass().add("empty-glyph");
        title.getStyleClass().add("empty-title");
        title.setWrapText(true);
        message.getStyleClass().add("empty-message");
        message.setWrapText(true);
        title.setText(titleText);
        message.setText(messageText);
        getChildren().addAll(icon, title, message);
    }

    public StringProperty titleProperty() {
        return title.textProperty();
    }

    public StringProperty messageProperty() {
        return message.textProperty();
    }
}
