package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.monitor.pubsub.ChannelCount;
import io.trackeep.dashboard.monitor.pubsub.ChannelRate;
import io.trackeep.dashboard.monitor.pubsub.MessageStream;
import io.trackeep.dashboard.monitor.pubsub.StreamMessage;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.Columns;
import io.trackeep.dashboard.ui.kit.Css;
import io.trackeep.dashboard.ui.kit.KeptSelection;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.pubsub.PatternSubscriptions.PatternRow;
import io.trackeep.dashboard.ui.pubsub.PatternSubscriptions.PatternState;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The Pub/Sub panel drawn from its {@link PubSubViewModel}: the patterns, messages per second
 * and subscribers on the side; the stream table with its filters and the selected message whole.
 * Binds only; publishing and exporting call back.
 */
final class PubSubView extends PanelView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final PseudoClass JSON = PseudoClass.getPseudoClass("json");
    private static final PseudoClass TROUBLE = PseudoClass.getPseudoClass("trouble");
    private static final int PREVIEW_CHARS = 200;
    /** A chat message as the backends publish it, for the rows made ahead. */
    private static final String SAMPLE_PAYLOAD = "{\"id\":1,\"conversation_id\":\"c-1\",\"sender_id\":1,\"body\":\"…\","
            + "\"created_at\":\"2026-01-01T00:00:00Z\"}";

    @FXML
    private ToggleButton pauseButton;
    @FXML
    private Button clearButton;
    @FXML
    private Button publishButton;
    @FXML
    private Button exportButton;
    @FXML
    private ListView<PatternRow> patternList;
    @FXML
    private TextField patternField;
    @FXML
    private Button subscribeButton;
    @FXML
    private Label connectionNote;
    @FXML
    private Label lossNote;
    @FXML
    private Label rateSummary;
    @FXML
    private TableView<ChannelRate> rateTable;
    @FXML
    private TableColumn<ChannelRate, String> rateChannelColumn;
    @FXML
    private TableColumn<ChannelRate, Double> rateColumn;
    @FXML
    private TableView<ChannelCount> subscriberTable;
    @FXML
    private TableColumn<ChannelCount, String> subscriberChannelColumn;
    @FXML
    private TableColumn<ChannelCount, Long> subscriberCountColumn;
    @FXML
    private Label subscribersNote;
    @FXML
    private TextField channelFilter;
    @FXML
    private TextField textFilter;
    @FXML
    private Label streamStatus;
    @FXML
    private TableView<StreamMessage> streamTable;
    @FXML
    private TableColumn<StreamMessage, Instant> timeColumn;
    @FXML
    private TableColumn<StreamMessage, String> channelColumn;
    @FXML
    private TableColumn<StreamMessage, String> payloadColumn;
    @FXML
    private Label detailTag;
    @FXML
    private Label detailTitle;
    @FXML
    private ToggleButton showIdsButton;
    @FXML
    private TextArea detailText;

    private final PubSubViewModel vm;

    PubSubView(PubSubViewModel vm, Runnable publish, Runnable export) {
        this.vm = vm;
        load("pubsub.fxml");
        headerActions(pauseButton, clearButton, publishButton, exportButton);
        headerButtons(publish, export);
        bindPatterns(vm.subscriptions());
        bindRatesAndSubscribers();
        bindStream(vm.table(), vm.detail());
    }

    private void headerButtons(Runnable publish, Runnable export) {
        StreamTable table = vm.table();
        pauseButton.setGraphic(Glyph.PAUSE.view());
        pauseButton.selectedProperty().bindBidirectional(table.pausedProperty());
        pauseButton.selectedProperty().addListener((obs, o, on) -> {
            pauseButton.setText(on ? "Resume stream" : "Pause stream");
            pauseButton.setGraphic((on ? Glyph.PLAY : Glyph.PAUSE).view());
        });
        pauseButton.setTooltip(new Tooltip("Stops the table from moving; messages are still received and counted"));
        clearButton.setGraphic(Glyph.DELETE.view());
        clearButton.setTooltip(new Tooltip("Empties the buffer and the table (nothing in Redis changes)"));
        clearButton.setOnAction(e -> table.clear());
        publishButton.setGraphic(Glyph.PUBSUB.view());
        publishButton.setTooltip(new Tooltip("Publishes a JSON message on a channel; asks first and is audited"));
        publishButton.setOnAction(e -> publish.run());
        exportButton.setGraphic(Glyph.FOLDER.view());
        exportButton.setTooltip(new Tooltip("Saves the buffered messages as JSON lines (session ids masked unless shown)"));
        exportButton.setOnAction(e -> export.run());
    }

    private void bindPatterns(PatternSubscriptions subscriptions) {
        patternList.setItems(subscriptions.patterns());
        patternList.setCellFactory(list -> new PatternCell(subscriptions));
        patternList.setPlaceholder(new Label("No pattern: nothing is received."));
        Runnable add = () -> {
            if (subscriptions.subscribe(patternField.getText())) {
                patternField.clear();
            }
        };
        subscribeButton.setOnAction(e -> add.run());
        patternField.setOnAction(e -> add.run());
        subscribeButton.disableProperty().bind(patternField.textProperty().isEmpty());
        subscribeButton.setTooltip(new Tooltip("PSUBSCRIBE: * matches any text, ? one character; a plain name is one channel"));
        connectionNote.textProperty().bind(subscriptions.connectionNoteProperty());
        subscriptions.connectionTroubleProperty().addListener((obs, o, t) -> connectionNote.pseudoClassStateChanged(TROUBLE, t));
        lossNote.textProperty().bind(subscriptions.lossNoteProperty());
        lossNote.visibleProperty().bind(subscriptions.lossNoteProperty().isNotEmpty());
        lossNote.managedProperty().bind(lossNote.visibleProperty());
        Tooltip lossDetail = new Tooltip();
        lossDetail.textProperty().bind(subscriptions.lossDetailProperty());
        lossDetail.setWrapText(true);
        lossDetail.setMaxWidth(520);
        lossNote.setTooltip(lossDetail);
    }

    private void bindRatesAndSubscribers() {
        StreamTable table = vm.table();
        rateSummary.textProperty().bind(table.rateSummaryProperty());
        rateSummary.setTooltip(new Tooltip("All channels together, averaged over the last " + MessageStream.RATE_WINDOW_SECONDS + " seconds"));
        rateTable.setItems(table.rates());
        KeptSelection.install(rateTable, ChannelRate::channel);
        makeRowsAhead(rateTable, i -> new ChannelRate("tk:messages:" + i, 0, 0));
        rateTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Columns.placeholderNote(rateTable, "No messages in the last " + MessageStream.RATE_WINDOW_SECONDS + " s");
        rateChannelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().channel()));
        rateChannelColumn.setCellFactory(col -> textCell(Shown::text, true));
        rateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().perSecond()));
        rateColumn.setCellFactory(col -> textCell(v -> Units.perSecond(v, "msg").replace(" msg/s", ""), false));
        Columns.wholeHeader(rateColumn).setMaxWidth(Math.max(90, rateColumn.getMinWidth()));

        Columns.showSorted(subscriberTable, vm.subscribers());
        KeptSelection.install(subscriberTable, ChannelCount::channel);
        subscriberTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Columns.placeholderNote(subscriberTable, "No Trackeep channel has a subscriber by name right now "
                + "(pattern subscribers, like this panel, are counted below).");
        subscriberChannelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().channel()));
        subscriberChannelColumn.setCellFactory(col -> textCell(Shown::text, true));
        subscriberCountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().subscribers()));
        subscriberCountColumn.setCellFactory(col -> textCell(v -> Units.count(v), false));
        Columns.wholeHeader(subscriberCountColumn).setMaxWidth(Math.max(110, subscriberCountColumn.getMinWidth()));
        subscribersNote.textProperty().bind(vm.subscribersNoteProperty());
    }

    private void bindStream(StreamTable table, MessageDetail detail) {
        channelFilter.textProperty().bindBidirectional(table.channelFilterProperty());
        textFilter.textProperty().bindBidirectional(table.textFilterProperty());
        streamStatus.textProperty().bind(table.statusProperty());
        streamTable.setItems(table.visibleRows());
        KeptSelection.install(streamTable, StreamMessage::sequence);
        makeRowsAhead(streamTable, i -> new StreamMessage(i, "tk:messages:" + i, null, SAMPLE_PAYLOAD, SAMPLE_PAYLOAD.length(),
                Instant.EPOCH));
        // The table model keeps the rows in the table's order (sorting a live list in place would
        // fight the stream), so sorting only hands it the comparator.
        streamTable.setSortPolicy(t -> {
            table.orderProperty().set(t.getSortOrder().isEmpty() ? null : t.getComparator());
            return true;
        });
        streamTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Columns.placeholderNote(streamTable, Bindings.createStringBinding(() -> table.rows().isEmpty()
                ? "No messages yet. Messages appear when a backend or the local instance's simulator publishes chat messages, "
                + "notifications or admin events on the subscribed patterns, or when you publish a test message."
                : "No message matches the filter.", table.visibleRows()));
        timeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().receivedAt()));
        timeColumn.setCellFactory(col -> textCell(t -> TIME.format(t.atZone(Times.zone())), false));
        timeColumn.setMinWidth(118);
        timeColumn.setMaxWidth(118);
        channelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().channel()));
        channelColumn.setCellFactory(col -> textCell(Shown::text, true));
        channelColumn.setMinWidth(190);
        channelColumn.setPrefWidth(210);
        channelColumn.setMaxWidth(280);
        payloadColumn.setPrefWidth(600);
        payloadColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().payload()));
        payloadColumn.setComparator(Comparator.naturalOrder());
        payloadColumn.setCellFactory(col -> textCell(p -> preview(detail.shown(p)), false));
        detail.showSessionIdsProperty().addListener((obs, o, n) -> streamTable.refresh());
        streamTable.getSelectionModel().selectedItemProperty().addListener((obs, old, m) -> {
            if (m != null) {
                detail.selectedProperty().set(m); // a selection lost to a batch keeps the detail
            }
        });
        detailTitle.textProperty().bind(detail.titleProperty());
        detailText.textProperty().bind(detail.textProperty().map(Shown::lines));
        detailTag.textProperty().bind(detail.tagProperty());
        detailTag.visibleProperty().bind(detail.tagProperty().isNotEmpty());
        detailTag.managedProperty().bind(detailTag.visibleProperty());
        detail.jsonProperty().addListener((obs, o, json) -> detailTag.pseudoClassStateChanged(JSON, json));
        showIdsButton.selectedProperty().bindBidirectional(detail.showSessionIdsProperty());
        showIdsButton.setTooltip(new Tooltip("Session ids are bearer credentials: masked in the table, this view and the export "
                + "unless shown here"));
    }

    /** The payload on one printable line, cut for the table. */
    static String preview(String payload) {
        String p = payload.length() > PREVIEW_CHARS ? payload.substring(0, PREVIEW_CHARS) + "…" : payload;
        return Printable.message(p.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
    }

    /**
     * Makes a table's rows (their cells, skins and styles) before its first items, for
     * placeholder items put in and taken out again within one FX task, so no frame shows them.
     * Made at the first messages of a busy stream, on a cold JVM with the JIT busy, they held
     * the FX thread 120-730 ms (the ingest benchmark's first second); made ahead, 66-86 ms.
     */
    private static <T> void makeRowsAhead(TableView<T> table, IntFunction<T> placeholder) {
        table.heightProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable height) {
                if (table.getHeight() > 0 && table.getScene() != null) {
                    table.heightProperty().removeListener(this);
                    Platform.runLater(() -> {
                        ObservableList<T> items = table.getItems();
                        if (!items.isEmpty() || table.getScene() == null) {
                            return; // the real rows came first
                        }
                        double rowHeight = table.getFixedCellSize() > 0 ? table.getFixedCellSize() : Font.getDefault().getSize() * 2;
                        int rows = (int) Math.ceil(table.getHeight() / rowHeight) + 1;
                        table.setItems(FXCollections.observableArrayList(IntStream.range(0, rows).mapToObj(placeholder).toList()));
                        table.applyCss();
                        table.layout();
                        table.setItems(items);
                    });
                }
            }
        });
    }

    /**
     * One line of text; a cut text (a long channel name) is whole in the tooltip. A cell makes its
     * tooltip when the pointer first moves over it (a tooltip shows only after that), then keeps it
     * and changes its text: a Tooltip is a popup window with its own scene and styles, too dear to
     * make for every cell of a table that fills up at the first messages of a busy stream.
     */
    private static <S, T> TableCell<S, T> textCell(Function<T, String> format, boolean tipWhenCut) {
        return new TableCell<>() {
            private Tooltip tip;

            {
                if (tipWhenCut) {
                    addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
                        if (tip == null && getText() != null) {
                            tip = new Tooltip(getText());
                            setTooltip(tip);
                        }
                    });
                }
            }

            @Override
            protected void updateItem(T value, boolean empty) {
                super.updateItem(value, empty);
                String text = empty || value == null ? null : format.apply(value);
                setText(text);
                if (tip != null) {
                    tip.setText(text);
                    setTooltip(text != null ? tip : null);
                }
            }
        };
    }

    /** A pattern with a state dot, its state in words and a remove button. */
    private static final class PatternCell extends ListCell<PatternRow> {
        private final Region dot = new Region();
        private final Label name = new Label();
        private final Label state = new Label();
        private final Button remove = new Button(null, Glyph.CLOSE.view());
        private final HBox box;

        PatternCell(PatternSubscriptions subscriptions) {
            dot.getStyleClass().addAll(Css.STATUS_DOT, "pattern-dot");
            name.getStyleClass().add("pattern-name");
            name.setMinWidth(0);
            state.getStyleClass().add("pattern-state");
            state.setMinWidth(Region.USE_PREF_SIZE);
            remove.getStyleClass().addAll(atlantafx.base.theme.Styles.FLAT, atlantafx.base.theme.Styles.BUTTON_ICON, "pattern-remove");
            remove.setTooltip(new Tooltip("Unsubscribe"));
            remove.setOnAction(e -> {
                if (getItem() != null) {
                    subscriptions.unsubscribe(getItem().pattern());
                }
            });
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            box = new HBox(dot, name, grow, state, remove);
            box.getStyleClass().addAll(Css.CONTROL_ROW, "pattern-row");
            setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && getItem() != null && getItem().state() == PatternState.FAILED) {
                    subscriptions.retry(getItem().pattern());
                }
            });
        }

        @Override
        protected void updateItem(PatternRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.setText(row.pattern());
            box.getStyleClass().removeAll("subscribed", "failed", "subscribing");
            box.getStyleClass().add(row.state().name().toLowerCase(Locale.ROOT));
            remove.setId("unsubscribe-" + row.pattern());
            state.setText(switch (row.state()) {
                case SUBSCRIBING -> "subscribing…";
                case SUBSCRIBED -> "live";
                case FAILED -> "failed";
            });
            setTooltip(new Tooltip(row.state() == PatternState.FAILED
                    ? "Not subscribed: " + row.problem() + " (double-click to try again)"
                    : "PSUBSCRIBE " + row.pattern()));
            setGraphic(box);
        }
    }
}
