package io.trackeep.dashboard.ui.overview;

import atlantafx.base.theme.Styles;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.ui.kit.Check;
import io.trackeep.dashboard.ui.kit.Dialogs;
import io.trackeep.dashboard.ui.overview.ThresholdsForm.Field;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Optional;

/**
 * "Alert thresholds": one field per rule in percent, milliseconds, seconds or keys per minute,
 * checked while typing (Save stays disabled and the problem is named until every field is right),
 * and "Restore defaults". Returns the new thresholds, or nothing when cancelled.
 */
public final class ThresholdsDialog {

    private final Dialog<AlertThresholds> dialog;

    public ThresholdsDialog(Window owner, ThemeManager theme, AlertThresholds current) {
        ThresholdsForm form = new ThresholdsForm(current);
        GridPane grid = new GridPane();
        grid.getStyleClass().add("thresholds-form");
        int row = 0;
        row = field(grid, row, "Memory above", form.textProperty(Field.MEMORY_PERCENT), "% of maxmemory", "memoryField");
        row = field(grid, row, "Hit rate below", form.textProperty(Field.MIN_HIT_RATE_PERCENT), "%", "hitRateField");
        row = field(grid, row, "Clients above", form.textProperty(Field.CLIENTS_PERCENT), "% of maxclients", "clientsField");
        row = field(grid, row, "Commands slower than", form.textProperty(Field.SLOW_COMMAND_MILLIS), "ms", "slowField");
        row = field(grid, row, "Replica lag above", form.textProperty(Field.REPLICATION_LAG_SECONDS), "s", "lagField");
        field(grid, row, "Evictions above", form.textProperty(Field.EVICTIONS_PER_MINUTE), "keys per minute", "evictionsField");

        Label intro = new Label("An alert shows on the Overview and counts in the badge when a figure passes its threshold. "
                + "Redis logs only commands slower than its slowlog-log-slower-than (10 ms by default).");
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        Label problem = Dialogs.problemLine("thresholdsProblem", form.checkProperty().map(Check::message));
        VBox body = new VBox(intro, grid, problem);
        body.getStyleClass().add("thresholds-body");
        dialog = Dialogs.create(owner, theme, "Alert thresholds", "thresholds-dialog", body, OverviewView.stylesheet());

        ButtonType save = new ButtonType("Save thresholds", ButtonBar.ButtonData.OK_DONE);
        ButtonType defaults = new ButtonType("Restore defaults", ButtonBar.ButtonData.LEFT);
        dialog.getDialogPane().getButtonTypes().setAll(defaults, ButtonType.CANCEL, save);
        Dialogs.primaryButton(dialog, save, "saveThresholdsButton", form.checkProperty().map(c -> !c.valid()));
        Button defaultsButton = (Button) dialog.getDialogPane().lookupButton(defaults);
        defaultsButton.setId("restoreDefaultsButton");
        defaultsButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // keep the dialog open
            form.restoreDefaults();
        });
        dialog.setResultConverter(b -> b == save ? form.result() : null);
        grid.getChildren().stream().filter(TextField.class::isInstance).findFirst().ifPresent(first -> Dialogs.focusOnShown(dialog, first));
    }

    private static int field(GridPane grid, int row, String label, StringProperty value, String unit, String id) {
        TextField text = new TextField();
        text.setId(id);
        text.textProperty().bindBidirectional(value);
        text.getStyleClass().add("threshold-field");
        Label name = new Label(label);
        name.setLabelFor(text);
        Label suffix = new Label(unit);
        suffix.getStyleClass().add(Styles.TEXT_MUTED);
        grid.addRow(row, name, text, suffix);
        return row + 1;
    }

    /** Shows the dialog and waits; the new thresholds, or empty when cancelled. */
    public Optional<AlertThresholds> showAndWait() {
        return dialog.showAndWait();
    }
}
