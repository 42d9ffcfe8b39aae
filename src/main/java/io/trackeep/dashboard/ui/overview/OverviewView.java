package io.trackeep.dashboard.ui.overview;

import atlantafx.base.theme.Styles;
import io.trackeep.dashboard.service.health.Alert;
import io.trackeep.dashboard.ui.kit.Figure;
import io.trackeep.dashboard.ui.kit.FigureTile;
import io.trackeep.dashboard.ui.kit.TileGrid;
import io.trackeep.dashboard.ui.kit.Trend;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.Locale;
import java.util.Objects;

/**
 * The Overview drawn from its {@link OverviewViewModel}: the Trackeep data strip, the KPI tiles,
 * four trend charts and the alert list. Binds only; the thresholds button calls back.
 */
final class OverviewView extends PanelView {

    @FXML
    private Label sessionsValue;
    @FXML
    private Label limiterKeysValue;
    @FXML
    private Label cacheKeysValue;
    @FXML
    private Label leaderboardsValue;
    @FXML
    private Label censusStatus;
    @FXML
    private HBox trackeepStrip;
    @FXML
    private TileGrid figureGrid;
    @FXML
    private GridPane chartGrid;
    @FXML
    private Label alertsTitle;
    @FXML
    private Button thresholdsButton;
    @FXML
    private ListView<Alert> alertList;

    OverviewView(OverviewViewModel vm, Runnable editThresholds) {
        load("overview.fxml");

        sessionsValue.textProperty().bind(vm.sessionsProperty());
        limiterKeysValue.textProperty().bind(vm.limiterKeysProperty());
        cacheKeysValue.textProperty().bind(vm.cacheKeysProperty());
        leaderboardsValue.textProperty().bind(vm.leaderboardsProperty());
        censusStatus.textProperty().bind(vm.censusStatusProperty());
        Tooltip.install(trackeepStrip, new Tooltip("Keys of the Trackeep data model counted by a paced SCAN of the whole "
                + "keyspace (a little per refresh, so Redis is never held up). Works also on a Redis written only by the "
                + "Go backend. The other panels show the details."));

        for (Figure f : vm.figures()) {
            FigureTile tile = new FigureTile(f);
            if (f.id().equals("memory")) {
                tile.withBar(vm.memoryFractionProperty());
            }
            figureGrid.getChildren().add(tile);
        }

        int i = 0;
        for (Trend t : vm.trends()) {
            Figure current = vm.figure(t.id());
            TrendChart chart = new TrendChart(t, Bindings.createStringBinding(current::text, current.valueProperty(), current.unitProperty()),
                    vm.windowStartProperty(), vm.windowEndProperty());
            chartGrid.add(chart, i % 2, i / 2);
            i++;
        }
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            cc.setHgrow(Priority.ALWAYS);
            chartGrid.getColumnConstraints().add(cc);
            RowConstraints rc = new RowConstraints();
            rc.setVgrow(Priority.ALWAYS);
            chartGrid.getRowConstraints().add(rc);
        }

        alertsTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.alertCountProperty().get();
            return n == 0 ? "Alerts" : n == 1 ? "1 alert" : n + " alerts";
        }, vm.alertCountProperty()));
        alertList.setItems(vm.alerts());
        alertList.setCellFactory(list -> new AlertCell());
        alertList.setFocusTraversable(false);
        Label quiet = new Label();
        quiet.textProperty().bind(vm.quietTextProperty());
        quiet.setWrapText(true);
        quiet.getStyleClass().add("alerts-quiet");
        VBox placeholder = new VBox(Glyph.CHECK.view(), quiet);
        placeholder.getStyleClass().add("alerts-placeholder");
        alertList.setPlaceholder(placeholder);
        thresholdsButton.setGraphic(Glyph.EDIT.view());
        thresholdsButton.setTooltip(new Tooltip("Change when alerts fire; saved with your settings"));
        thresholdsButton.setOnAction(e -> editThresholds.run());
    }

    /** The Overview's stylesheet, for its dialogs. */
    static String stylesheet() {
        return Objects.requireNonNull(OverviewView.class.getResource("overview.css"), "overview.css missing").toExternalForm();
    }

    /** An alert: severity glyph and tag, the message wrapped. */
    private static final class AlertCell extends ListCell<Alert> {

        private static final double MESSAGE_INSET_EM = 3;

        AlertCell() {
            setPrefWidth(0); // the list's width decides, so long messages wrap instead of widening the list
        }

        @Override
        protected void updateItem(Alert alert, boolean empty) {
            super.updateItem(alert, empty);
            getStyleClass().removeAll("alert-warning", "alert-critical", Styles.WARNING, Styles.DANGER);
            if (empty || alert == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            boolean critical = alert.severity() == Alert.Severity.CRITICAL;
            getStyleClass().addAll("alert-" + alert.severity().name().toLowerCase(Locale.ROOT), critical ? Styles.DANGER : Styles.WARNING);
            var icon = (critical ? Glyph.ERROR : Glyph.WARNING).view();
            icon.getStyleClass().add("alert-glyph");
            Label tag = new Label(critical ? "Critical" : "Warning");
            tag.getStyleClass().addAll("tag", "severity-tag");
            Label rule = new Label(alert.rule());
            rule.getStyleClass().add("alert-rule");
            HBox head = new HBox(icon, tag, rule);
            head.getStyleClass().add("alert-head");
            // a Text with a wrapping width reports its wrapped height, so the cell grows to the whole message
            Text message = new Text(alert.message());
            message.getStyleClass().add("alert-message");
            message.wrappingWidthProperty().bind(getListView().widthProperty().subtract(MESSAGE_INSET_EM * Font.getDefault().getSize()));
            VBox box = new VBox(head, message);
            box.getStyleClass().add("alert-box");
            setText(null);
            setGraphic(box);
            setTooltip(new Tooltip(alert.message()));
        }
    }
}
