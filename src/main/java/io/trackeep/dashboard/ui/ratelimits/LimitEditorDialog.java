package io.trackeep.dashboard.ui.ratelimits;

import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.LimitText;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.kit.Check;
import io.trackeep.dashboard.ui.kit.Css;
import io.trackeep.dashboard.ui.kit.Dialogs;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.Optional;

/**
 * The small form behind "Change limit…": algorithm, limit and window, validated as they are
 * typed (see {@link LimitEditorViewModel}). Its button only continues to the confirmation, which
 * shows old → new once more and runs the change through the audited action path.
 */
public final class LimitEditorDialog {

    public static final String CONTINUE = "Review change…";

    private final Dialog<LimitDefinition> dialog;

    public LimitEditorDialog(Window owner, ThemeManager theme, LimitEditorViewModel vm) {
        Label title = new Label((vm.hasLimit() ? "Change the limit of '" : "Define a limit for '") + Shown.text(vm.limiter()) + "'");
        title.getStyleClass().add("confirm-title");

        ComboBox<LimitAlgorithm> algorithm = new ComboBox<>();
        algorithm.setId("algorithm-box");
        algorithm.getItems().setAll(LimitAlgorithm.values());
        algorithm.setConverter(new StringConverter<>() {
            @Override
            public String toString(LimitAlgorithm a) {
                return a == null ? "" : LimitText.algorithm(a);
            }

            @Override
            public LimitAlgorithm fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        algorithm.valueProperty().bindBidirectional(vm.algorithmProperty());
        TextField limit = new TextField();
        limit.setId("limit-field");
        limit.setPromptText("e.g. 100");
        limit.textProperty().bindBidirectional(vm.limitProperty());
        TextField window = new TextField();
        window.setId("window-field");
        window.setPromptText("60s, 10m, 1h");
        window.textProperty().bindBidirectional(vm.windowProperty());

        GridPane form = new GridPane();
        form.getStyleClass().add("profile-form");
        form.addRow(0, new Label("Algorithm"), algorithm);
        form.addRow(1, new Label("Limit"), limit);
        form.addRow(2, new Label("Window"), window);
        Label hint = new Label("Requests per window. For a token bucket: the capacity, refilled evenly over the window.");
        hint.getStyleClass().add("field-note");
        hint.setWrapText(true);

        Label change = new Label();
        change.setId("limit-change");
        change.getStyleClass().add("limit-change");
        change.textProperty().bind(vm.changeProperty());
        change.managedProperty().bind(vm.changeProperty().isNotEmpty());
        change.visibleProperty().bind(change.managedProperty());
        Label problem = Dialogs.problemLine("limit-problem", vm.checkProperty().map(Check::message));

        VBox body = new VBox(title, form, hint, change, problem);
        body.getStyleClass().add("confirm-body");
        dialog = Dialogs.create(owner, theme, "Change rate limit", "limit-editor-dialog", body,
                Css.stylesheet(LimitEditorDialog.class, "ratelimits.css"));

        ButtonType next = new ButtonType(CONTINUE, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, next);
        Dialogs.primaryButton(dialog, next, "limit-continue", vm.checkProperty().map(c -> !c.valid()));
        dialog.setResultConverter(b -> b == next ? vm.result().orElse(null) : null);
    }

    /** Shows the form and waits; the new limit, or empty when cancelled. */
    public Optional<LimitDefinition> showAndWait() {
        return dialog.showAndWait();
    }
}
