package io.trackeep.dashboard.ui.dialog;

import atlantafx.base.theme.Styles;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.kit.Dialogs;
import io.trackeep.dashboard.ui.theme.Glyph;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The confirmation every admin action goes through: the question, the exact effects as a list,
 * and two buttons where the safe one is the default — Cancel has the focus and answers Enter and
 * Escape; only a deliberate click (or Tab then Space) on the named confirm button goes ahead.
 * Its sentences quote names read from Redis: they read as the command line's confirmation.
 */
public final class ConfirmDialog implements Confirmer {

    private final Supplier<Window> owner;
    private final ThemeManager theme;

    public ConfirmDialog(Supplier<Window> owner, ThemeManager theme) {
        this.owner = Objects.requireNonNull(owner);
        this.theme = Objects.requireNonNull(theme);
    }

    @Override
    public boolean confirm(Confirmation confirmation) {
        Dialog<ButtonType> dialog = create(owner.get(), confirmation, theme);
        return dialog.showAndWait().map(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).orElse(false);
    }

    /** The dialog, not yet shown (tests show it themselves). */
    public static Dialog<ButtonType> create(Window owner, Confirmation c, ThemeManager theme) {
        Label title = new Label(Shown.message(c.title()), (c.destructive() ? Glyph.WARNING : Glyph.INFO).view());
        title.getStyleClass().addAll("confirm-title", c.destructive() ? Styles.DANGER : Styles.ACCENT);
        title.setWrapText(true); // exact questions can be long: "Kill client 17 (127.0.0.1:51234, name 'worker', idle 3 s)?"
        Label summary = new Label(Shown.message(c.summary()));
        summary.setWrapText(true);
        summary.getStyleClass().add("confirm-summary");
        VBox body = new VBox(title);
        if (c.server() != null) {
            // before anything else: an admin with several servers must see which one this goes to
            Label server = new Label("On " + c.server(), Glyph.SERVER.view());
            server.setId("confirm-server");
            server.getStyleClass().add("confirm-server");
            server.setWrapText(true);
            body.getChildren().add(server);
        }
        body.getChildren().add(summary);
        body.getStyleClass().add("confirm-body");
        if (!c.effects().isEmpty()) {
            Label lead = new Label("This will:");
            lead.getStyleClass().add("confirm-lead");
            VBox effects = new VBox();
            effects.getStyleClass().add("confirm-effects");
            for (String effect : c.effects()) {
                Label bullet = new Label("•");
                bullet.getStyleClass().add(Styles.TEXT_MUTED);
                Label text = new Label(Shown.message(effect));
                text.setWrapText(true);
                effects.getChildren().add(new HBox(bullet, text));
            }
            body.getChildren().addAll(lead, effects);
        }
        if (c.destructive()) {
            Label undo = new Label("This cannot be undone.");
            undo.getStyleClass().add("confirm-undo");
            body.getChildren().add(undo);
        }
        body.setPadding(Insets.EMPTY);
        Dialog<ButtonType> dialog = Dialogs.create(owner, theme, Shown.message(c.title()), "confirm-dialog", body);
        DialogPane pane = dialog.getDialogPane();
        ButtonType confirm = new ButtonType(c.confirmLabel(), ButtonBar.ButtonData.OK_DONE);
        pane.getButtonTypes().setAll(ButtonType.CANCEL, confirm);

        Button cancelButton = (Button) pane.lookupButton(ButtonType.CANCEL);
        Button confirmButton = (Button) pane.lookupButton(confirm);
        confirmButton.setDefaultButton(false);
        confirmButton.getStyleClass().add(c.destructive() ? Styles.DANGER : Styles.ACCENT);
        confirmButton.setId("confirm-button");
        cancelButton.setDefaultButton(true);
        cancelButton.setCancelButton(true);
        cancelButton.setId("cancel-button");
        Dialogs.focusOnShown(dialog, cancelButton);
        return dialog;
    }
}
