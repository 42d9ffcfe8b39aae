package io.trackeep.dashboard.ui.ratelimits;

import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.LimitText;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.kit.Css;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
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

    private final Dialog<LimitDefinition> dialog = new Dialog<>();

    public LimitEditorDialog(Window owner, ThemeManager theme, LimitEditorViewModel vm) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("Change rate limit");
        DialogPane pane = dialog.getDialogPane();
        pane.getStyleClass().add("limit-editor-dialog");
        theme.style(pane);
        pane.getStylesheets().add(Css.stylesheet(LimitEditorDialog.class, "ratelimits.css"));

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
        Label problem = new Label();
        problem.setId("limit-problem");
        problem.getStyleClass().add("inline-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        problem.managedProperty().bind(vm.problemProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());

        VBox body = new VBox(title, form, hint, change, problem);
        body.getStyleClass().add("confirm-body");
        pane.setContent(body);

        ButtonType next = new ButtonType(CONTINUE, ButtonBar.ButtonData.OK_DONE);
        pane.getButtonTypes().setAll(ButtonType.CANCEL, next);
        Button nextButton = (Button) pane.lookupButton(next);
        nextButton.setId("limit-continue");
        nextButton.getStyleClass().add("accent");
        nextButton.disableProperty().bind(vm.validProperty().not());
        dialog.setResultConverter(b -> b == next ? vm.result().orElse(null) : null);
    }

    /** Shows the form and waits; the new limit, or empty when cancelled. */
    public Optional<LimitDefinition> showAndWait() {
        return dialog.showAndWait();
    }
}
