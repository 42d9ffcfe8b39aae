package io.trackeep.dashboard.ui.leaderboards;

import io.trackeep.dashboard.monitor.leaderboards.BoardPlace;
import io.trackeep.dashboard.monitor.leaderboards.BoardSummary;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsProbe;
import io.trackeep.dashboard.service.leaderboard.Leaderboard;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.Columns;
import io.trackeep.dashboard.ui.kit.KeptSelection;
import io.trackeep.dashboard.ui.kit.MarkedRow;
import io.trackeep.dashboard.ui.panel.EmptyState;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The Leaderboards panel drawn from its {@link LeaderboardsViewModel}: the boards, the selected
 * board's top places with rank movement, and a user's rank. Binds only; removing a member and
 * resetting a score call back.
 */
final class LeaderboardsView extends PanelView {

    private final LeaderboardsViewModel vm;
    private final Consumer<BoardPlace> remove;
    private final Consumer<BoardPlace> reset;
    private boolean syncingSelection;

    @FXML
    private StackPane root;
    @FXML
    private SplitPane split;
    @FXML
    private TextField boardFilter;
    @FXML
    private TableView<BoardSummary> boardTable;
    @FXML
    private TableColumn<BoardSummary, String> boardIdColumn;
    @FXML
    private TableColumn<BoardSummary, Long> boardSizeColumn;
    @FXML
    private Label boardsStatus;
    @FXML
    private Label boardTitle;
    @FXML
    private Label boardFacts;
    @FXML
    private Spinner<Integer> topSpinner;
    @FXML
    private TextField memberFilter;
    @FXML
    private TextField lookupField;
    @FXML
    private Button lookupButton;
    @FXML
    private HBox lookupRow;
    @FXML
    private Label lookupResult;
    @FXML
    private Button lookupResetButton;
    @FXML
    private Button lookupRemoveButton;
    @FXML
    private TableView<PlaceRow> placeTable;
    @FXML
    private TableColumn<PlaceRow, Long> rankColumn;
    @FXML
    private TableColumn<PlaceRow, RankMovement> moveColumn;
    @FXML
    private TableColumn<PlaceRow, PlaceRow> userColumn;
    @FXML
    private TableColumn<PlaceRow, Double> scoreColumn;
    @FXML
    private Label movementNote;
    @FXML
    private Button resetButton;
    @FXML
    private Button removeButton;

    /**
     * @param boardPattern the key pattern of boards on the current connection, for the empty state
     */
    LeaderboardsView(LeaderboardsViewModel vm, ObservableStringValue boardPattern, Consumer<BoardPlace> remove,
                     Consumer<BoardPlace> reset) {
        this.vm = vm;
        this.remove = remove;
        this.reset = reset;
        load("leaderboards.fxml");
        bindBoards();
        bindPlaces();
        bindLookup();
        // a narrow window scrolls a table sideways rather than cutting "Rank" to "..."
        boardTable.getColumns().forEach(Columns::wholeHeader);
        placeTable.getColumns().forEach(Columns::wholeHeader);
        EmptyState noBoards = new EmptyState(Glyph.LEADERBOARDS, "No leaderboards yet", "");
        noBoards.messageProperty().bind(Bindings.createStringBinding(() -> "Boards appear when a Trackeep backend or the local "
                + "instance records challenge scores, in sorted sets named " + boardPattern.get() + ". This Redis has none.",
                boardPattern));
        noBoards.visibleProperty().bind(vm.loadedProperty().and(Bindings.isEmpty(vm.boards())).and(vm.boardsProblemProperty().isEmpty()));
        split.visibleProperty().bind(noBoards.visibleProperty().not());
        root.getChildren().add(noBoards);
    }

    /** The place shown in the look-up, typed again (after an action changed it). */
    void lookUpAgain() {
        if (vm.lookedUpProperty().get() != null) {
            vm.lookup(lookupField.getText());
        }
    }

    private void bindBoards() {
        boardFilter.textProperty().bindBidirectional(vm.boardFilterProperty());
        SortedList<BoardSummary> sorted = Columns.showSorted(boardTable, vm.visibleBoards());
        boardTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Columns.placeholderNote(boardTable, Bindings.createStringBinding(() -> !vm.boardsProblemProperty().get().isEmpty()
                ? vm.boardsProblemProperty().get() : !vm.loadedProperty().get()
                ? "Reading the leaderboards…" : "No board matches the filter.", vm.loadedProperty(), vm.boardsProblemProperty()));
        boardIdColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        boardIdColumn.setCellFactory(Shown.cells());
        boardIdColumn.setComparator(LeaderboardsProbe.BOARD_ORDER);
        boardSizeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().size()));
        boardSizeColumn.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        boardSizeColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long size, boolean empty) {
                super.updateItem(size, empty);
                getStyleClass().remove("board-problem");
                BoardSummary b = empty ? null : getTableRow().getItem();
                if (b == null) {
                    setText(null);
                    setTooltip(null);
                } else if (size == null) {
                    setText(LeaderboardsProbe.NOT_A_BOARD.equals(b.problem()) ? "not a board" : "unreadable");
                    getStyleClass().add("board-problem");
                    setTooltip(new Tooltip("The key of challenge " + Shown.text(b.id()) + " " + b.problem()));
                } else {
                    setText(Units.count(size));
                    setTooltip(new Tooltip(Units.count(size) + (size == 1 ? " member" : " members") + " on challenge " + Shown.text(b.id())));
                }
            }
        });
        boardsStatus.textProperty().bind(vm.boardsStatusProperty());
        boardTable.getSelectionModel().selectedItemProperty().addListener((obs, old, b) -> {
            if (!syncingSelection && b != null) {
                vm.selectedBoardProperty().set(b.id());
            }
        });
        vm.selectedBoardProperty().addListener((obs, old, id) -> showSelectedBoard());
        sorted.addListener((ListChangeListener<BoardSummary>) c -> showSelectedBoard());
    }

    /** Keeps the table's selection on the view model's board after the list was replaced. */
    private void showSelectedBoard() {
        String id = vm.selectedBoardProperty().get();
        BoardSummary current = boardTable.getSelectionModel().getSelectedItem();
        if (current != null && current.id().equals(id)) {
            return;
        }
        syncingSelection = true;
        try {
            boardTable.getItems().stream().filter(b -> b.id().equals(id)).findFirst()
                    .ifPresentOrElse(b -> boardTable.getSelectionModel().select(b), () -> boardTable.getSelectionModel().clearSelection());
        } finally {
            syncingSelection = false;
        }
    }

    private void bindPlaces() {
        boardTitle.textProperty().bind(vm.boardTitleProperty());
        boardFacts.textProperty().bind(vm.boardFactsProperty());
        movementNote.textProperty().bind(vm.movementNoteProperty());
        SpinnerValueFactory.IntegerSpinnerValueFactory top =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, Leaderboard.MAX_PAGE, vm.topProperty().get(), 5);
        topSpinner.setValueFactory(top);
        topSpinner.setTooltip(new Tooltip("How many places to show (1–" + Leaderboard.MAX_PAGE + ")"));
        top.valueProperty().addListener((obs, old, n) -> vm.topProperty().set(n));
        memberFilter.textProperty().bindBidirectional(vm.memberFilterProperty());

        Columns.showSorted(placeTable, vm.visiblePlaces());
        KeptSelection.install(placeTable, r -> r.place().storedMember());
        placeTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        rankColumn.setMaxWidth(90);
        moveColumn.setMaxWidth(90);
        scoreColumn.setMaxWidth(200);
        scoreColumn.setPrefWidth(170);
        userColumn.setPrefWidth(400);
        Columns.placeholderNote(placeTable, vm.placesPlaceholderProperty());
        rankColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().place().rank()));
        rankColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long rank, boolean empty) {
                super.updateItem(rank, empty);
                getStyleClass().remove("podium");
                if (!getStyleClass().contains("rank-cell")) {
                    getStyleClass().add("rank-cell");
                }
                setText(empty || rank == null ? null : Units.count(rank));
                if (!empty && rank != null && rank <= 3) {
                    getStyleClass().add("podium");
                }
            }
        });
        moveColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().movement()));
        moveColumn.setComparator(Comparator.comparingLong(RankMovement::sortKey));
        moveColumn.setCellFactory(col -> new MovementCell());
        userColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        userColumn.setComparator(Comparator.comparing((PlaceRow r) -> r.place().foreign())
                .thenComparing(r -> r.place().userId() == null ? 0L : r.place().userId())
                .thenComparing(r -> r.place().storedMember()));
        userColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(PlaceRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("foreign-member");
                if (empty || row == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(row.place().foreign() ? row.who() + "  (not a user id)" : "User " + row.who());
                if (row.place().foreign()) {
                    getStyleClass().add("foreign-member");
                    setTooltip(new Tooltip("Stored as " + row.who() + ", not a user id: written by something other than a Trackeep backend. "
                            + "It still takes a place on the board."));
                } else {
                    setTooltip(null);
                }
            }
        });
        scoreColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().place().score()));
        scoreColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double score, boolean empty) {
                super.updateItem(score, empty);
                setText(empty || score == null ? null : LeaderboardsViewModel.points(score));
            }
        });
        placeTable.setRowFactory(table -> {
            MarkedRow<PlaceRow> row = new MarkedRow<>();
            MenuItem removeItem = new MenuItem("Remove member…");
            removeItem.setOnAction(e -> remove.accept(row.getItem().place()));
            MenuItem resetItem = new MenuItem("Reset score to 0…");
            resetItem.setOnAction(e -> reset.accept(row.getItem().place()));
            row.itemProperty().addListener((obs, old, item) -> resetItem.setDisable(item == null || item.place().foreign()));
            return row.menu(new ContextMenu(resetItem, removeItem));
        });
        placeTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && selectedPlace() != null) {
                remove.accept(selectedPlace());
            }
        });
        var selection = placeTable.getSelectionModel().selectedItemProperty();
        removeButton.disableProperty().bind(selection.isNull());
        resetButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selection.get() == null || selection.get().place().foreign(), selection));
        removeButton.setOnAction(e -> remove.accept(selectedPlace()));
        resetButton.setOnAction(e -> reset.accept(selectedPlace()));
        removeButton.setTooltip(new Tooltip("Removes the selected member from this board (asks first; Delete key)"));
        resetButton.setTooltip(new Tooltip("Sets the selected user's score to 0; the user stays on the board (asks first)"));
    }

    private void bindLookup() {
        lookupButton.setOnAction(e -> vm.lookup(lookupField.getText()));
        lookupField.setOnAction(e -> vm.lookup(lookupField.getText()));
        lookupResult.textProperty().bind(vm.lookupResultProperty());
        lookupRow.visibleProperty().bind(vm.lookupResultProperty().isNotEmpty());
        lookupRow.managedProperty().bind(lookupRow.visibleProperty());
        vm.lookedUpProperty().addListener((obs, old, p) -> {
            lookupRow.getStyleClass().remove("not-found");
            if (p == null) {
                lookupRow.getStyleClass().add("not-found");
            }
        });
        lookupRow.getStyleClass().add("not-found");
        for (Button b : new Button[]{lookupResetButton, lookupRemoveButton}) {
            b.visibleProperty().bind(vm.lookedUpProperty().isNotNull());
            b.managedProperty().bind(b.visibleProperty());
        }
        lookupRemoveButton.setOnAction(e -> remove.accept(vm.lookedUpProperty().get()));
        lookupResetButton.setOnAction(e -> reset.accept(vm.lookedUpProperty().get()));
    }

    private BoardPlace selectedPlace() {
        PlaceRow row = placeTable.getSelectionModel().getSelectedItem();
        return row == null ? null : row.place();
    }

    /** ▲2 in green, ▼1 in red, "new" in the accent colour. */
    private static final class MovementCell extends TableCell<PlaceRow, RankMovement> {
        private final Label label = new Label();

        MovementCell() {
            label.getStyleClass().add("movement");
        }

        @Override
        protected void updateItem(RankMovement m, boolean empty) {
            super.updateItem(m, empty);
            setText(null);
            if (empty || m == null || m.kind() == RankMovement.Kind.UNKNOWN) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            label.getStyleClass().removeAll("up", "down", "new", "same");
            label.getStyleClass().add(m.kind().name().toLowerCase(Locale.ROOT));
            label.setText(m.text());
            setGraphic(label);
            setTooltip(new Tooltip(switch (m.kind()) {
                case UP -> "Up " + m.places() + (m.places() == 1 ? " place" : " places") + " since the ranking last changed";
                case DOWN -> "Down " + m.places() + (m.places() == 1 ? " place" : " places") + " since the ranking last changed";
                case NEW -> "Not among these places before the ranking last changed";
                default -> "Same rank as before the ranking last changed";
            }));
        }
    }
}
