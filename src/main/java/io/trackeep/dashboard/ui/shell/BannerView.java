package io.trackeep.dashboard.ui.shell;

import atlantafx.base.theme.Styles;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.Consumer;

/** One {@link Banner} drawn: icon, title and detail, its action button, a close button if dismissible. */
final class BannerView extends HBox {

    BannerView(Banner banner, Consumer<Banner> onDismiss) {
        getStyleClass().addAll("banner", banner.severity().name().toLowerCase(Locale.ROOT));
        Glyph glyph = switch (banner.severity()) {
            case INFO -> Glyph.INFO;
            case WARNING -> Glyph.WARNING;
            case DANGER -> Glyph.ERROR;
        };
        var icon = glyph.view();
        icon.getStyleClass().add("banner-glyph");
        Label title = new Label(banner.title());
        title.getStyleClass().add("banner-title");
        title.setWrapText(true);
        VBox text = new VBox(title);
        text.getStyleClass().add("banner-text");
        if (banner.detail() != null && !banner.detail().isBlank()) {
            Label detail = new Label(banner.detail());
            detail.getStyleClass().add("banner-detail");
            detail.setWrapText(true);
            text.getChildren().add(detail);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().addAll(icon, text);
        if (banner.action() != null) {
            Button action = new Button(banner.actionLabel());
            action.getStyleClass().add("banner-action");
            action.setMnemonicParsing(false);
            action.setOnAction(e -> banner.action().run());
            getChildren().add(action);
        }
        if (banner.dismissible()) {
            Button close = new Button(null, Glyph.CLOSE.view());
            close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "banner-close");
            close.setTooltip(new Tooltip("Dismiss"));
            close.setOnAction(e -> onDismiss.accept(banner));
            getChildren().add(close);
        }
    }
}
