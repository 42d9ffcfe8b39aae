package io.trackeep.dashboard.ui.audit;

import io.trackeep.dashboard.monitor.audit.AuditRow;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.kit.Columns;
import io.trackeep.dashboard.ui.kit.KeptSelection;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

import java.time.Instant;
import java.util.List;

/**
 * The Audit panel drawn from its {@link AuditViewModel}: the merged timeline as a table, and under
 * it the whole selected entry (a target or result too long for its column is read there).
 * Binds only; "Load older" calls back.
 */
final class AuditView extends PanelView {

    @FXML
    private TextField filter;
    @FXML
    private ChoiceBox<AuditViewModel.SourceFilter> source;
    @FXML
    private Button olderButton;
    @FXML
    private Label problem;
    @FXML
    private TableView<AuditRow> table;
    @FXML
    private GridPane detail;
    @FXML
    private Label detailAction;
    @FXML
    private Label detailTime;
    @FXML
    private Label detailTarget;
    @FXML
    private Label detailWho;
    @FXML
    private Label detailResult;
    @FXML
    private Label detailSource;
    @FXML
    private Label status;

    AuditView(AuditViewModel vm, Runnable loadOlder) {
        load("audit.fxml");
        headerActions(filter, source, olderButton);
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        source.setItems(FXCollections.observableArrayList(AuditViewModel.SourceFilter.values()));
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        olderButton.setTooltip(new Tooltip("Read the next 200 older entries of each log"));
        olderButton.disableProperty().bind(vm.canLoadOlderProperty().not());
        olderButton.setOnAction(e -> loadOlder.run());

        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        status.textProperty().bind(vm.statusProperty());

        table(vm);
        detail(vm);
    }

    private void table(AuditViewModel vm) {
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Columns.showSorted(table, vm.visibleRows());
        TableColumn<AuditRow, Instant> time = Columns.of("Time", AuditRow::when).text(Times::dateTime).width(12).build();
        time.setSortType(TableColumn.SortType.DESCENDING);
        TableColumn<AuditRow, AuditRow> source = Columns.<AuditRow, AuditRow>of("Source", r -> r)
                .text(r -> AuditViewModel.sourceLabel(r.source())).tooltip(AuditViewModel::sourceTip).width(10).build();
        source.setComparator((a, b) -> a.source().compareTo(b.source()));
        table.getColumns().setAll(List.of(
                time,
                Columns.of("Who", AuditRow::who).width(9).build(),
                Columns.of("Host", AuditRow::host).width(6).build(),
                Columns.of("Action", AuditRow::action).width(13).build(),
                Columns.of("Target", AuditRow::target).width(11).build(),
                source,
                Columns.of("Result", AuditRow::result).style(AuditViewModel::resultStyle).width(12).build())); // last: takes the rest, so the others are kept to what they show
        table.getSortOrder().add(time);
        KeptSelection.install(table, AuditViewModel::identity);
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, row) -> vm.selectedProperty().set(row));

        Columns.placeholder(table, Glyph.AUDIT, vm.placeholderProperty()).setId("auditEmpty");
    }

    private void detail(AuditViewModel vm) {
        detail.visibleProperty().bind(vm.selectedProperty().isNotNull());
        detail.managedProperty().bind(detail.visibleProperty());
        var selected = vm.selectedProperty();
        detailAction.textProperty().bind(selected.map(AuditRow::action).orElse(""));
        detailTime.textProperty().bind(selected.map(r -> r.when() == null ? "–" : Times.dateTime(r.when())).orElse(""));
        detailTarget.textProperty().bind(selected.map(r -> orDash(r.target())).orElse(""));
        detailWho.textProperty().bind(selected.map(r -> orDash(r.who()) + (r.host() == null ? "" : " on " + r.host())).orElse(""));
        detailResult.textProperty().bind(selected.map(r -> orDash(r.result())).orElse(""));
        detailSource.textProperty().bind(selected.map(AuditViewModel::sourceTip).orElse(""));
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "–" : s;
    }
}
