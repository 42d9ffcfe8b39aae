package io.trackeep.dashboard.ui.kit;

import atlantafx.base.theme.Styles;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The one shape of every dialog: modal over the window, themed, its own style class and
 * stylesheets, a content node (from FXML, or built in code where the layout comes from data),
 * a primary button that is enabled only while the view model says the input is valid, and a
 * problem line that says why it is not. The dialog classes keep only what is theirs: the form and
 * how its answer is made.
 */
public final class Dialogs {

    private Dialogs() {
    }

    /** A window-modal dialog titled {@code title}, styled like the window, showing {@code content}. */
    public static <R> Dialog<R> create(Window owner, ThemeManager theme, String title, String styleClass, Node content,
                                       String... stylesheets) {
        Dialog<R> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(title);
        DialogPane pane = dialog.getDialogPane();
        pane.getStyleClass().add(styleClass);
        theme.style(pane);
        pane.getStylesheets().addAll(stylesheets);
        pane.setContent(content);
        return dialog;
    }

    /**
     * The button of {@code type}, with an id for tests, accented, disabled while {@code invalid}
     * holds (a form's {@link Check}: {@code check.map(c -> !c.valid())}).
     */
    public static Button primaryButton(Dialog<?> dialog, ButtonType type, String id, ObservableValue<Boolean> invalid) {
        Button button = (Button) dialog.getDialogPane().lookupButton(type);
        button.setId(id);
        button.getStyleClass().add(Styles.ACCENT);
        if (invalid != null) {
            button.disableProperty().bind(invalid);
        }
        return button;
    }

    /** A wrapped problem line showing {@code problem} (a form's {@link Check#message}), taking no room while it is empty. */
    public static Label problemLine(String id, ObservableValue<String> problem) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(Css.INLINE_PROBLEM);
        label.setWrapText(true);
        bindProblem(label, problem);
        return label;
    }

    /** Binds an existing (FXML) problem label the same way as {@link #problemLine}. */
    public static void bindProblem(Label label, ObservableValue<String> problem) {
        label.textProperty().bind(problem);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    /** Gives {@code node} the focus once the dialog shows (after the dialog's own default focus). */
    public static void focusOnShown(Dialog<?> dialog, Node node) {
        dialog.setOnShown(e -> Platform.runLater(node::requestFocus));
    }
}
