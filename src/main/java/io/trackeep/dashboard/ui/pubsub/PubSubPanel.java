package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.monitor.pubsub.ChannelCount;
import io.trackeep.dashboard.monitor.pubsub.ChannelRate;
import io.trackeep.dashboard.monitor.pubsub.ChannelsProbe;
import io.trackeep.dashboard.monitor.pubsub.ChannelsSnapshot;
import io.trackeep.dashboard.monitor.pubsub.MessageStream;
import io.trackeep.dashboard.monitor.pubsub.StreamMessage;
import io.trackeep.dashboard.service.admin.PubSubActions;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.Fxml;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.panel.AbstractPanel;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.PanelFeed;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The live message stream of the Trackeep channels: subscribed patterns (chat messages,
 * notifications and admin events by default; add and remove more), the stream table with time,
 * channel and a payload preview, the selected payload pretty-printed (or marked "not JSON"),
 * messages per second per channel, subscriber counts, pause, filter, a test message (the audited
 * {@link PubSubActions#publishTest}) and an export of the buffer as JSON lines.
 *
 * <p>The stream runs on its own pub/sub connection from the first time the panel is shown until
 * the connection goes (it keeps counting and buffering while the panel is hidden, so coming back
 * shows what happened meanwhile); the screen is updated by the view model's pulse, four times a
 * second at most, only while the panel is visible. Subscriber counts are read by the refresh loop
 * while visible.
 *
 * <p><b>When Redis fails</b>: patterns that cannot be subscribed are marked failed with the reason
 * (double-click retries); while the pub/sub connection is down the panel says that messages
 * published meanwhile are lost (pub/sub keeps nothing) and Lettuce subscribes again by itself when
 * Redis is back; a failed subscriber count marks the data stale like every panel; a test message
 * that could not be published is reported and audited as failed, never retried.
 */
public final class PubSubPanel extends AbstractPanel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final PseudoClass JSON = PseudoClass.getPseudoClass("json");
    private static final PseudoClass TROUBLE = PseudoClass.getPseudoClass("trouble");
    private static final int PREVIEW_CHARS = 200;

    private final PubSubViewModel vm;
    private final ChannelsProbe channels = new ChannelsProbe();
    private final PanelFeed<ChannelsSnapshot> feed;
    private boolean opened;

    @FXML
    private StackPane root;
    @FXML
    private SplitPane split;
    @FXML
    private ListView<PubSubViewModel.PatternRow> patternList;
    @FXML
    private TextField patternField;
    @FXML
    private Button subscribeButton;
    @FXML
    private Label connectionNote;
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
    private TextArea detailText;

    public PubSubPanel(PanelContext context) {
        this(context, new MessageStream());
    }

    /** With a stream of another size (tests). */
    public PubSubPanel(PanelContext context, MessageStream stream) {
        super(StandardPanels.PUBSUB, context);
        this.vm = new PubSubViewModel(context.executor(), stream, Clock.systemUTC());
        this.feed = new PanelFeed<>(context, "pubsub-channels", 2, channels::collect, vm::applyChannels);
    }

    /** The view model, for tests. */
    public PubSubViewModel viewModel() {
        return vm;
    }

    static String stylesheet() {
        return Objects.requireNonNull(PubSubPanel.class.getResource("pubsub.css")).toExternalForm();
    }

    @Override
    protected Node createContent() {
        Fxml.load(this, "pubsub.fxml");
        root.getStylesheets().add(stylesheet());
        vm.shellPausedProperty().bind(context.shell().pausedProperty());
        headerButtons();
        bindPatterns();
        bindRatesAndSubscribers();
        bindStream();
        context.connection().connectionsProperty().addListener((obs, old, now) -> {
            if (now == null) {
                vm.detach();
            } else if (opened) {
                vm.attach(now);
            }
        });
        return root;
    }

    @Override
    public void onShow() {
        node();
        opened = true;
        RedisConnections redis = context.connection().current();
        if (redis != null && !vm.attached()) {
            vm.attach(redis);
        }
        vm.startPulse();
        feed.start();
    }

    @Override
    public void onHide() {
        vm.stopPulse();
        feed.stop();
    }

    @Override
    public void dispose() {
        onHide();
        vm.close();
    }

    /** Writes the buffered messages to {@code file} (the Export button after its file chooser). */
    void exportTo(Path file) {
        vm.export(file, n -> context.notifier().success("Export", "Wrote " + Units.count(n) + (n == 1 ? " message" : " messages")
                + " to " + file), error -> context.notifier().failure("Export", error));
    }

    /** Asks for a channel and a payload, then publishes through the audited action (which confirms). */
    void publishTestMessage() {
        RedisConnections redis = context.connection().current();
        String channel = redis == null ? "tk:messages:test" : redis.keys().messagesChannel("test");
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "test");
        example.put("body", "Test message from the Trackeep dashboard");
        example.put("sent_at", Instant.now().toString());
        PublishDialog.ask(context.owner().get(), context.theme(), channel, Json.writePretty(example)).ifPresent(m ->
                context.actions().run("Publish test message", r -> new PubSubActions(r).publishTest(m.channel(), m.payload()), null));
    }

    private void headerButtons() {
        ToggleButton pause = new ToggleButton("Pause stream", Glyph.PAUSE.view());
        pause.setId("pauseStream");
        pause.getStyleClass().add("pause-stream");
        pause.selectedProperty().bindBidirectional(vm.pausedProperty());
        pause.selectedProperty().addListener((obs, o, on) -> {
            pause.setText(on ? "Resume stream" : "Pause stream");
            pause.setGraphic((on ? Glyph.PLAY : Glyph.PAUSE).view());
        });
        pause.setTooltip(new Tooltip("Stops the table from moving; messages are still received and counted"));
        Button clear = new Button("Clear", Glyph.DELETE.view());
        clear.setId("clearStream");
        clear.setTooltip(new Tooltip("Empties the buffer and the table (nothing in Redis changes)"));
        clear.setOnAction(e -> vm.clearStream());
        Button publish = new Button("Publish test message…", Glyph.PUBSUB.view());
        publish.setId("publishTest");
        publish.setTooltip(new Tooltip("Publishes a JSON message on a channel; asks first and is audited"));
        publish.setOnAction(e -> publishTestMessage());
        Button export = new Button("Export…", Glyph.FOLDER.view());
        export.setId("exportStream");
        export.setTooltip(new Tooltip("Saves the buffered messages as JSON lines"));
        export.setOnAction(e -> chooseExportFile());
        headerActions().getChildren().addAll(pause, clear, publish, export);
    }

    private void chooseExportFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export buffered messages");
        chooser.setInitialFileName("pubsub-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(Instant.now().atZone(Times.zone())) + ".jsonl");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl"));
        File file = chooser.showSaveDialog(context.owner().get());
        if (file != null) {
            exportTo(file.toPath());
        }
    }

    private void bindPatterns() {
        patternList.setItems(vm.patterns());
        patternList.setCellFactory(list -> new PatternCell());
        patternList.setPlaceholder(new Label("No pattern: nothing is received."));
        Runnable add = () -> {
            if (vm.subscribe(patternField.getText())) {
                patternField.clear();
            }
        };
        subscribeButton.setOnAction(e -> add.run());
        patternField.setOnAction(e -> add.run());
        subscribeButton.disableProperty().bind(patternField.textProperty().isEmpty());
        subscribeButton.setTooltip(new Tooltip("PSUBSCRIBE: * matches any text, ? one character; a plain name is one channel"));
        connectionNote.textProperty().bind(vm.connectionNoteProperty());
        vm.connectionTroubleProperty().addListener((obs, o, t) -> connectionNote.pseudoClassStateChanged(TROUBLE, t));
    }

    private void bindRatesAndSubscribers() {
        rateSummary.textProperty().bind(vm.rateSummaryProperty());
        rateSummary.setTooltip(new Tooltip("All channels together, averaged over the last " + MessageStream.RATE_WINDOW_SECONDS + " seconds"));
        rateTable.setItems(vm.rates());
        rateTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        rateTable.setPlaceholder(new Label("No messages in the last " + MessageStream.RATE_WINDOW_SECONDS + " s"));
        rateChannelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().channel()));
        rateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().perSecond()));
        rateColumn.setCellFactory(col -> numberCell(v -> Units.perSecond(v, "msg").replace(" msg/s", "")));
        rateColumn.setMinWidth(60);
        rateColumn.setMaxWidth(90);

        SortedList<ChannelCount> subs = new SortedList<>(vm.subscribers());
        subs.comparatorProperty().bind(subscriberTable.comparatorProperty());
        subscriberTable.setItems(subs);
        subscriberTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        subscriberTable.setPlaceholder(wrapped("No Trackeep channel has a subscriber by name right now "
                + "(pattern subscribers, like this panel, are counted below)."));
        subscriberChannelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().channel()));
        subscriberCountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().subscribers()));
        subscriberCountColumn.setCellFactory(col -> numberCell(v -> Units.count(v)));
        subscriberCountColumn.setMinWidth(80);
        subscriberCountColumn.setMaxWidth(110);
        subscribersNote.textProperty().bind(vm.subscribersNoteProperty());
    }

    private void bindStream() {
        channelFilter.textProperty().bindBidirectional(vm.channelFilterProperty());
        textFilter.textProperty().bindBidirectional(vm.textFilterProperty());
        streamStatus.textProperty().bind(vm.streamStatusProperty());
        streamTable.setItems(vm.visibleRows());
        // The view model keeps the rows in the table's order (sorting a live list in place would
        // fight the stream), so sorting only hands it the comparator.
        streamTable.setSortPolicy(table -> {
            vm.orderProperty().set(table.getSortOrder().isEmpty() ? null : table.getComparator());
            return true;
        });
        streamTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        streamTable.setPlaceholder(wrapped(""));
        ((Label) streamTable.getPlaceholder()).textProperty().bind(Bindings.createStringBinding(() -> vm.rows().isEmpty()
                ? "No messages yet. Messages appear when a backend or the local instance's simulator publishes chat messages, "
                + "notifications or admin events on the subscribed patterns, or when you publish a test message."
                : "No message matches the filter.", vm.visibleRows()));
        timeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().receivedAt()));
        timeColumn.setCellFactory(col -> textCell(t -> TIME.format(t.atZone(Times.zone()))));
        timeColumn.setMinWidth(118);
        timeColumn.setMaxWidth(118);
        channelColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().channel()));
        channelColumn.setMinWidth(190);
        channelColumn.setPrefWidth(210);
        channelColumn.setMaxWidth(280);
        payloadColumn.setPrefWidth(600);
        payloadColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().payload()));
        payloadColumn.setComparator(Comparator.naturalOrder());
        payloadColumn.setCellFactory(col -> textCell(PubSubPanel::preview));
        streamTable.getSelectionModel().selectedItemProperty().addListener((obs, old, m) -> {
            if (m != null) {
                vm.selectedProperty().set(m); // a selection lost to a batch keeps the detail
            }
        });
        detailTitle.textProperty().bind(vm.detailTitleProperty());
        detailText.textProperty().bind(vm.detailTextProperty());
        detailTag.textProperty().bind(vm.detailTagProperty());
        detailTag.visibleProperty().bind(vm.detailTagProperty().isNotEmpty());
        detailTag.managedProperty().bind(detailTag.visibleProperty());
        vm.detailIsJsonProperty().addListener((obs, o, json) -> detailTag.pseudoClassStateChanged(JSON, json));
    }

    /** The payload on one line, cut for the table. */
    static String preview(String payload) {
        String p = payload.length() > PREVIEW_CHARS ? payload.substring(0, PREVIEW_CHARS) + "…" : payload;
        return p.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("table-placeholder");
        return l;
    }

    private static <S, T> TableCell<S, T> textCell(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : format.apply(value));
            }
        };
    }

    private static <S, T> TableCell<S, T> numberCell(Function<T, String> format) {
        TableCell<S, T> cell = textCell(format);
        cell.getStyleClass().add("number-cell");
        return cell;
    }

    /** A pattern with a state dot, its state in words and a remove button. */
    private final class PatternCell extends ListCell<PubSubViewModel.PatternRow> {
        private final Region dot = new Region();
        private final Label name = new Label();
        private final Label state = new Label();
        private final Button remove = new Button(null, Glyph.CLOSE.view());
        private final HBox box;

        PatternCell() {
            dot.getStyleClass().add("pattern-dot");
            name.getStyleClass().add("pattern-name");
            name.setMinWidth(0);
            state.getStyleClass().add("pattern-state");
            state.setMinWidth(Region.USE_PREF_SIZE);
            remove.getStyleClass().addAll("flat", "button-icon", "pattern-remove");
            remove.setTooltip(new Tooltip("Unsubscribe"));
            remove.setOnAction(e -> {
                if (getItem() != null) {
                    vm.unsubscribe(getItem().pattern());
                }
            });
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            box = new HBox(dot, name, grow, state, remove);
            box.getStyleClass().add("pattern-row");
            setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && getItem() != null && getItem().state() == PubSubViewModel.PatternState.FAILED) {
                    vm.retry(getItem().pattern());
                }
            });
        }

        @Override
        protected void updateItem(PubSubViewModel.PatternRow row, boolean empty) {
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
            setTooltip(new Tooltip(row.state() == PubSubViewModel.PatternState.FAILED
                    ? "Not subscribed: " + row.problem() + " (double-click to try again)"
                    : "PSUBSCRIBE " + row.pattern()));
            setGraphic(box);
        }
    }
}
