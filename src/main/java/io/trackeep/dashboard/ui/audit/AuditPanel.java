package io.trackeep.dashboard.ui.audit;

import io.trackeep.dashboard.monitor.audit.AuditProbe;
import io.trackeep.dashboard.monitor.audit.AuditRow;
import io.trackeep.dashboard.monitor.audit.AuditSnapshot;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.panel.AbstractPanel;
import io.trackeep.dashboard.ui.panel.EmptyState;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.PanelFeed;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Audit (DESIGN.md section 5): every admin action taken from this workstation (its local log,
 * which also holds refusals) and, where {@code P:audit} exists, from others, in one table,
 * newest first, with a filter and paging to older entries.
 */
public final class AuditPanel extends AbstractPanel {

    private final AuditViewModel vm = new AuditViewModel();
    private final AuditProbe probe;
    private final PanelFeed<AuditSnapshot> feed;

    public AuditPanel(PanelContext context) {
        super(StandardPanels.AUDIT, context);
        this.probe = new AuditProbe(context.actions().localLog());
        this.feed = new PanelFeed<>(context, "audit", 4, probe::collect, vm::apply);
    }

    public AuditViewModel viewModel() {
        return vm;
    }

    @Override
    protected Node createContent() {
        TextField filter = new TextField();
        filter.setId("auditFilter");
        filter.setPromptText("Filter actions…");
        filter.getStyleClass().add("audit-filter");
        filter.textProperty().bindBidirectional(vm.filterTextProperty());
        ChoiceBox<AuditViewModel.SourceFilter> source = new ChoiceBox<>(FXCollections.observableArrayList(AuditViewModel.SourceFilter.values()));
        source.setId("auditSource");
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        source.getStyleClass().add("audit-source");
        Button older = new Button("Load older");
        older.setId("loadOlder");
        older.setTooltip(new Tooltip("Read the next 200 older entries of each log"));
        older.disableProperty().bind(vm.canLoadOlderProperty().not());
        older.setOnAction(e -> {
            probe.loadOlder();
            context.refresh().refreshNow();
        });
        headerActions().getChildren().addAll(filter, source, older);

        TableView<AuditRow> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);

        Label problem = new Label();
        problem.setId("auditProblem");
        problem.getStyleClass().add("inline-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        Label status = new Label();
        status.setId("auditStatus");
        status.getStyleClass().add("audit-status");
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(0);
        HBox footer = new HBox(status);
        footer.getStyleClass().add("audit-footer");

        VBox content = new VBox(problem, table, footer);
        content.getStyleClass().add("audit-content");
        content.getStylesheets().add(Objects.requireNonNull(
                AuditPanel.class.getResource("/io/trackeep/dashboard/ui/audit/audit.css")).toExternalForm());
        return content;
    }

    @Override
    public void onShow() {
        feed.start();
    }

    @Override
    public void onHide() {
        feed.stop();
    }

    @Override
    public void dispose() {
        feed.stop();
    }

    private TableView<AuditRow> table() {
        TableView<AuditRow> table = new TableView<>();
        table.setId("auditTable");
        table.getStyleClass().add("audit-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        SortedList<AuditRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        TableColumn<AuditRow, Instant> time = column("Time", 190, AuditRow::when);
        time.setCellFactory(c -> cell(t -> t == null ? "–" : Times.dateTime(t), null, null));
        time.setSortType(TableColumn.SortType.DESCENDING);
        TableColumn<AuditRow, String> who = column("Who", 120, AuditRow::who);
        TableColumn<AuditRow, String> host = column("Host", 90, AuditRow::host);
        TableColumn<AuditRow, String> action = column("Action", 160, AuditRow::action);
        TableColumn<AuditRow, String> target = column("Target", 140, AuditRow::target);
        TableColumn<AuditRow, String> result = column("Result", 150, AuditRow::result);
        result.setCellFactory(c -> cell(s -> s, s -> s, AuditPanel::resultStyle));
        TableColumn<AuditRow, AuditRow> source = column("Source", 115, r -> r);
        source.setComparator((a, b) -> a.source().compareTo(b.source()));
        source.setCellFactory(c -> cell(r -> AuditViewModel.sourceLabel(r.source()), AuditPanel::sourceTip, null));
        for (TableColumn<AuditRow, String> c : List.of(who, host, action, target)) {
            c.setCellFactory(col -> cell(s -> s, s -> s, null));
        }
        table.getColumns().add(time);
        table.getColumns().add(who);
        table.getColumns().add(host);
        table.getColumns().add(action);
        table.getColumns().add(target);
        table.getColumns().add(source);
        table.getColumns().add(result); // last: it takes the remaining width
        table.getSortOrder().add(time);

        EmptyState empty = new EmptyState(Glyph.AUDIT, "", "");
        empty.setId("auditEmpty");
        empty.titleProperty().bind(vm.emptyTitleProperty());
        empty.messageProperty().bind(vm.emptyMessageProperty());
        table.setPlaceholder(empty);
        return table;
    }

    private static String sourceTip(AuditRow r) {
        return switch (r.source()) {
            case LOCAL -> "Only in this workstation's log (refused, or the shared trail could not be written); connected to "
                    + r.connection();
            case BOTH -> "Taken on this workstation, connected to " + r.connection() + "; also in the shared trail (entry " + r.sharedId() + ")";
            case SHARED -> "From the shared trail (entry " + r.sharedId() + "), written by " + r.host();
        };
    }

    private static String resultStyle(String result) {
        if (result == null) {
            return null;
        }
        if (result.startsWith("ok")) {
            return "result-ok";
        }
        return result.startsWith("refused") ? "result-refused" : "result-failed";
    }

    private static <T> TableColumn<AuditRow, T> column(String title, double width, Function<AuditRow, T> value) {
        TableColumn<AuditRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static <T> TableCell<AuditRow, T> cell(Function<T, String> text, Function<T, String> tooltip, Function<T, String> style) {
        return new TableCell<>() {
            private String applied;

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (applied != null) {
                    getStyleClass().remove(applied);
                    applied = null;
                }
                if (empty || item == null) {
                    setText(empty ? null : "–");
                    setTooltip(null);
                    return;
                }
                String s = text.apply(item);
                setText(s == null || s.isEmpty() ? "–" : s);
                String tip = tooltip == null ? null : tooltip.apply(item);
                setTooltip(tip == null || tip.isEmpty() ? null : new Tooltip(tip));
                applied = style == null ? null : style.apply(item);
                if (applied != null) {
                    getStyleClass().add(applied);
                }
            }
        };
    }
}
