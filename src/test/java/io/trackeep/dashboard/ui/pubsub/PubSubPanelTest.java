package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.pubsub.StreamMessage;
import io.trackeep.dashboard.service.admin.PubSubActions;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.service.pubsub.PubSubMessage;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WindowOnTestServer;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.dialog.Notifier;
import io.trackeep.dashboard.ui.pubsub.PatternSubscriptions.PatternState;
import io.trackeep.dashboard.ui.shell.DashboardWindow;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.CellSkinBase;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.TextAlignment;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pub/Sub panel in the real window on a real Redis: live stream with pretty JSON and "not
 * JSON", subscribe and unsubscribe a pattern, pause and filter, the audited test message
 * (received by a subscriber), read-only refusal, export, screenshots.
 */
@ExtendWith(RedisServerExtension.class)
class PubSubPanelTest extends FxTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private final RedisServerProcess server;
    private final RedisConnections redis;
    private WindowOnTestServer app;

    PubSubPanelTest(RedisServerProcess server, RedisConnections redis) {
        this.server = server;
        this.redis = redis;
    }

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        app = new WindowOnTestServer(stage, server);
    }

    @AfterEach
    void closeWindow() {
        onFx(() -> app.close());
    }

    @AfterAll
    static void restoreConfig() {
        clearTemporaryConfig();
    }

    private DashboardWindow window() {
        return app.window();
    }

    private PubSubPanel openPanel() {
        waitUntil("connected", WAIT, () -> window().connection().state() == ConnectionState.CONNECTED);
        onFx(() -> window().shell().navigate("pubsub"));
        PubSubPanel panel = (PubSubPanel) window().panels().find("pubsub").orElseThrow();
        waitUntil("patterns live", WAIT, () -> panel.viewModel().subscriptions().patterns().size() == 3
                && panel.viewModel().subscriptions().patterns().stream().allMatch(p -> p.state() == PatternState.SUBSCRIBED));
        return panel;
    }

    private TableView<StreamMessage> streamTable(FxRobot robot) {
        return robot.lookup(".stream-table").queryTableView();
    }

    private List<String> shownChannels(FxRobot robot) {
        return callFx(() -> streamTable(robot).getItems().stream().map(StreamMessage::channel).toList());
    }

    private static String chat(long id, String conversation, long sender, String body) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("conversation_id", conversation);
        m.put("sender_id", sender);
        m.put("body", body);
        m.put("created_at", "2026-03-01T12:00:0" + (id % 10) + ".123456789+01:00");
        return Json.write(m);
    }

    @Test
    void showsTheLiveStreamWithPrettyJsonRatesAndSubscribersAndIsCaptured(FxRobot robot) throws Exception {
        PubSubPanel panel = openPanel();
        try (Subscriptions backend = new Subscriptions(redis)) {
            // what backends listen to, by name: they show up with their subscriber counts
            backend.subscribe("tk:messages:c-2041", m -> { });
            backend.subscribe("tk:notifications:42", m -> { });
            backend.subscribe("tk:admin:events", m -> { });
            for (int i = 0; i < 40; i++) {
                redis.sync().publish("tk:messages:c-" + (2041 + i % 3), chat(9000 + i, "c-" + (2041 + i % 3), 40 + i % 5, "Message " + i + " about the sprint review"));
                if (i % 8 == 0) {
                    redis.sync().publish("tk:notifications:" + (42 + i % 2), "{\"type\":\"challenge.rank\",\"user_id\":42,\"rank\":" + (3 + i) + "}");
                }
            }
            redis.sync().publish("tk:admin:events", "{\"type\":\"session.killed\",\"target\":\"ab12…\",\"actor\":\"ann@ws1\"}");
            redis.sync().publish("tk:notifications:42", "legacy text notification: not JSON");
            waitUntil("messages in the table", WAIT, () -> streamTable(robot).getItems().size() == 47);
            waitUntil("subscriber counts", WAIT, () -> panel.viewModel().subscribers().size() == 3);
            waitUntil("rates", WAIT, () -> !panel.viewModel().table().rates().isEmpty());

            assertThat(shownChannels(robot).get(0)).as("newest first").isEqualTo("tk:notifications:42");
            Node jsonCell = robot.lookup((Node n) -> n instanceof TableCell<?, ?> c && c.getText() != null
                    && c.getText().startsWith("{\"id\":9039")).query();
            robot.clickOn(jsonCell);
            TextArea detail = robot.lookup(".detail-text").query();
            assertThat(callFx(detail::getText).toString()).startsWith("{\n  \"id\" : 9039,\n  \"conversation_id\" : \"c-2041\"");
            assertThat(robot.lookup(".detail-tag").queryAs(Label.class).getText()).isEqualTo("JSON");
            screenshot(window().scene(), "pubsub");
            robot.clickOn(robot.lookup(".side-tabs .tab").nth(1).queryAs(Node.class)); // Subscribers
            onFx(() -> window().theme().setMode(ThemeMode.DARK));
            screenshot(window().scene(), "pubsub-dark");
            onFx(() -> window().theme().setMode(ThemeMode.LIGHT));

            robot.clickOn(robot.lookup((Node n) -> n instanceof TableCell<?, ?> c && c.getText() != null
                    && c.getText().startsWith("legacy text")).queryAs(Node.class));
            assertThat(robot.lookup(".detail-tag").queryAs(Label.class).getText()).isEqualTo("not JSON");
            assertThat(callFx(detail::getText).toString()).isEqualTo("legacy text notification: not JSON");
        }
    }

    @Test
    void aCutOfThePanelsConnectionIsToldInFullAboveThePatternsWithTheMessagesLost(FxRobot robot) {
        String limit = redis.sync().configGet("client-output-buffer-limit").get("client-output-buffer-limit");
        redis.sync().configSet("client-output-buffer-limit", "pubsub 65536 32768 60");
        try {
            PubSubPanel panel = openPanel();
            redis.sync().publish("tk:messages:c-2041", "x".repeat(1000)); // one on time: the size of a message is known
            waitUntil("the first message", WAIT, () -> streamTable(robot).getItems().size() == 1);
            // 2 MB in one script pile up in Redis's buffer for the panel, past the 64 KB limit: Redis cuts it off
            redis.sync().eval("for i = 1, 2000 do redis.call('PUBLISH', 'tk:messages:c-2042', string.rep('x', 1000)) end return 1",
                    io.lettuce.core.ScriptOutputType.INTEGER);
            Label note = robot.lookup("#lossNote").queryAs(Label.class);
            // "at least" once the server has told why (at its limit, as INFO's sampled buffers show, or closed while up)
            waitUntil("the loss note with its cause", WAIT, () -> callFx(() -> note.isVisible() && note.getText().contains("at least")));

            String evidence = panel.viewModel().subscriptions().losses().last().evidence();
            assertThat(evidence).isNotEmpty();
            assertThat(callFx(note::getText)).contains("messages lost").doesNotContain(evidence);
            assertThat(callFx(() -> note.getTooltip().getText())).as("the evidence, in the tooltip").contains(evidence);
            waitUntil("the note shown whole, after the next layout", WAIT,
                    () -> callFx(() -> note.getHeight() >= note.prefHeight(note.getWidth()) - 1));
            assertThat(callFx(() -> robot.lookup(".stream-status").queryAs(Label.class).getText())).contains("messages lost");
            screenshot(window().scene(), "pubsub-cut");
        } finally {
            redis.sync().configSet("client-output-buffer-limit", limit);
        }
    }

    @Test
    void theTablesMakeTheirRowsBeforeTheFirstMessageAndShowNone(FxRobot robot) {
        openPanel();
        TableView<StreamMessage> table = streamTable(robot);
        // made ahead, so that the first messages of a busy stream do not make them all at once
        waitUntil("rows made ahead", WAIT, () -> callFx(() -> robot.from(table).lookup((Node n) -> n instanceof TableRow<?>)
                .queryAll().size()) > 5);
        assertThat(callFx(() -> table.getItems().size())).isZero();
        assertThat(callFx(() -> robot.from(table).lookup((Node n) -> n instanceof TableRow<?> r && !r.isEmpty()).queryAll()))
                .as("no row shows a placeholder").isEmpty();
        assertThat(callFx(() -> robot.from(table).lookup(".placeholder").query().isVisible())).isTrue();
        // the placeholder reads as a note, like the other empty states: the table's text size, centred, muted
        Label note = robot.from(table).lookup(".table-placeholder").queryAs(Label.class);
        Label body = robot.lookup(".panel-purpose").queryAs(Label.class);
        assertThat(callFx(() -> note.getFont().getSize())).isEqualTo(callFx(() -> body.getFont().getSize()));
        assertThat(callFx(note::getTextAlignment)).isEqualTo(TextAlignment.CENTER);
        assertThat(callFx(() -> note.getPadding().getLeft())).isGreaterThan(0);
        TableView<?> rates = robot.lookup(".rate-table").queryTableView();
        assertThat(callFx(() -> rates.getItems().size())).isZero();
        assertThat(callFx(() -> robot.from(rates).lookup(".table-placeholder").tryQuery())).as("the rates' note styled as one").isPresent();
        assertThat(callFx(() -> robot.from(rates).lookup((Node n) -> n instanceof TableRow<?> r && !r.isEmpty()).queryAll())).isEmpty();
    }

    @Test
    void rowsAreOfOneHeightAndACutChannelGetsItsTooltipWhenThePointerComes(FxRobot robot) {
        openPanel();
        String channel = "tk:messages:" + "a-conversation-with-a-very-long-name-".repeat(3) + "end";
        redis.sync().publish(channel, "{\"n\":1}");
        redis.sync().publish("tk:messages:7", "{\"n\":2}");
        waitUntil("both messages", WAIT, () -> streamTable(robot).getItems().size() == 2);
        TableView<StreamMessage> table = streamTable(robot);
        // one height for every row, the dense rows' own, so a pulse does not measure each row again
        assertThat(callFx(table::getFixedCellSize)).isPositive();
        List<TableRow<?>> rows = callFx(() -> robot.from(table).lookup((Node n) -> n instanceof TableRow<?> r && !r.isEmpty())
                .<TableRow<?>>queryAll().stream().toList());
        assertThat(rows).hasSize(2).allSatisfy(r -> {
            assertThat(callFx(r::getHeight)).isEqualTo(callFx(table::getFixedCellSize));
            assertThat(callFx(() -> ((CellSkinBase<?>) r.getSkin()).getCellSize())).isEqualTo(callFx(table::getFixedCellSize));
        });

        TableCell<?, ?> cell = robot.lookup((Node n) -> n instanceof TableCell<?, ?> c && channel.equals(c.getText())).query();
        assertThat(callFx(cell::getTooltip)).as("no tooltip (a popup window) made before the pointer comes").isNull();
        onFx(() -> cell.fireEvent(new MouseEvent(MouseEvent.MOUSE_MOVED, 5, 5, 5, 5, MouseButton.NONE, 0,
                false, false, false, false, false, false, false, false, false, false, null)));
        assertThat(callFx(() -> cell.getTooltip() == null ? null : cell.getTooltip().getText())).isEqualTo(channel);
    }

    @Test
    void publishATestMessageTheSubscriberReceivesItAndItIsAudited(FxRobot robot) throws Exception {
        PubSubPanel panel = openPanel();
        BlockingQueue<PubSubMessage> received = new LinkedBlockingQueue<>();
        try (Subscriptions backend = new Subscriptions(redis)) {
            backend.subscribe("tk:messages:test", received::add);

            robot.clickOn("#publishTest");
            assertThat(robot.lookup("#publishChannel").queryTextInputControl().getText()).isEqualTo("tk:messages:test");
            robot.clickOn("#publishContinue");
            clickWhenShown(robot, "Publish"); // the confirmation's verb

            PubSubMessage m = received.poll(15, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(Json.tree(m.payload()).get("type").asText()).isEqualTo("test");
            assertThat(new AuditTrail(redis).latest(1)).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo(PubSubActions.PUBLISH_TEST);
                assertThat(e.target()).isEqualTo("tk:messages:test");
                assertThat(e.result()).isEqualTo("ok: Published a test message on tk:messages:test: received by 2 subscriptions");
            });
            waitUntil("the panel's own stream shows it too", WAIT,
                    () -> panel.viewModel().table().rows().stream().anyMatch(r -> r.channel().equals("tk:messages:test")));
        }
    }

    @Test
    void anInvalidPayloadCannotBeSent(FxRobot robot) {
        openPanel();
        robot.clickOn("#publishTest");
        onFx(() -> robot.lookup("#publishPayload").queryTextInputControl().setText("{\"body\": oops}"));
        assertThat(robot.lookup("#publishContinue").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#publishProblem").queryAs(Label.class).getText()).startsWith("The payload is not valid JSON");
        robot.clickOn("Cancel");
        assertThat(new AuditTrail(redis).latest(1)).isEmpty();
    }

    @Test
    void subscribeAndUnsubscribeAPattern(FxRobot robot) {
        PubSubPanel panel = openPanel();

        robot.clickOn(".pattern-add .text-field").write("tk:orders:*");
        robot.clickOn("Subscribe");
        waitUntil("the new pattern is live", WAIT, () -> panel.viewModel().subscriptions().patterns().stream()
                .anyMatch(p -> p.pattern().equals("tk:orders:*") && p.state() == PatternState.SUBSCRIBED));
        assertThat(redis.sync().pubsubNumpat()).isEqualTo(4);
        redis.sync().publish("tk:orders:1", "{\"order\":1}");
        waitUntil("the order message", WAIT, () -> shownChannels(robot).contains("tk:orders:1"));

        robot.clickOn(robot.lookup((Node n) -> "unsubscribe-tk:orders:*".equals(n.getId())).queryAs(Node.class));
        waitUntil("pattern gone", WAIT, () -> panel.viewModel().subscriptions().patterns().stream().noneMatch(p -> p.pattern().equals("tk:orders:*")));
        waitUntil("unsubscribed in Redis", WAIT, () -> redis.sync().pubsubNumpat() == 3);
        redis.sync().publish("tk:orders:2", "{\"order\":2}");
        redis.sync().publish("tk:messages:marker", "{}");
        waitUntil("the marker", WAIT, () -> shownChannels(robot).contains("tk:messages:marker"));
        assertThat(shownChannels(robot)).doesNotContain("tk:orders:2");
    }

    @Test
    void pauseKeepsCountingWhileTheTableStandsStillAndTheFilterNarrowsIt(FxRobot robot) {
        PubSubPanel panel = openPanel();
        redis.sync().publish("tk:messages:7", "{\"n\":1}");
        waitUntil("first message", WAIT, () -> streamTable(robot).getItems().size() == 1);

        robot.clickOn("#pauseStream");
        redis.sync().publish("tk:messages:7", "{\"n\":2}");
        redis.sync().publish("tk:notifications:42", "{\"n\":3}");
        waitUntil("counted while paused", WAIT, () -> panel.viewModel().table().statusProperty().get()
                .startsWith("Paused · 2 messages received since"));
        onFx(() -> panel.viewModel().table().pulse()); // one more pulse after both were counted
        assertThat(streamTable(robot).getItems()).hasSize(1);
        assertThat(robot.lookup("#pauseStream").queryLabeled().getText()).isEqualTo("Resume stream");

        robot.clickOn("#pauseStream");
        waitUntil("caught up", WAIT, () -> streamTable(robot).getItems().size() == 3);

        robot.clickOn(".stream-tools .channel-filter").write("notif");
        waitUntil("filtered", WAIT, () -> shownChannels(robot).equals(List.of("tk:notifications:42")));
        robot.clickOn(".stream-tools .channel-filter").eraseText(5);
        onFx(() -> panel.viewModel().table().textFilterProperty().set("\"n\":2"));
        waitUntil("text filter", WAIT, () -> shownChannels(robot).equals(List.of("tk:messages:7")));
        onFx(() -> panel.viewModel().table().textFilterProperty().set(""));
        robot.clickOn(robot.from(robot.lookup(".stream-table").queryAs(Node.class)).lookup("Channel").queryAs(Node.class)); // sort by channel: the oldest message on tk:messages:7 stays below the notification
        waitUntil("sorted", WAIT, () -> shownChannels(robot).equals(List.of("tk:messages:7", "tk:messages:7", "tk:notifications:42")));
    }

    @Test
    void readOnlyRefusesToPublishAndNothingIsSent(FxRobot robot) throws Exception {
        openPanel();
        ConnectionProfile readOnly = app.readOnlyProfile();
        onFx(() -> window().controller().connect(readOnly));
        waitUntil("read-only connection", WAIT, () -> window().connection().state() == ConnectionState.CONNECTED
                && window().connection().current() != null && window().connection().current().settings().readOnly());
        PubSubPanel panel = (PubSubPanel) window().panels().find("pubsub").orElseThrow();
        waitUntil("subscribed again on the new connection", WAIT, () -> panel.viewModel().subscriptions().patterns().stream()
                .allMatch(p -> p.state() == PatternState.SUBSCRIBED));
        BlockingQueue<PubSubMessage> received = new LinkedBlockingQueue<>();
        try (Subscriptions backend = new Subscriptions(redis)) {
            backend.subscribe("tk:messages:test", received::add);
            robot.clickOn("#publishTest");
            robot.clickOn("#publishContinue");

            waitUntil("refusal notification", WAIT, () -> app.notifier().recent().stream()
                    .anyMatch(n -> n.kind() == Notifier.Kind.WARNING && n.title().equals("Publish test message refused")));
            assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(new AuditTrail(redis).latest(1)).isEmpty();
        }
    }

    @Test
    void exportWritesTheBufferedMessages(FxRobot robot) throws Exception {
        PubSubPanel panel = openPanel();
        redis.sync().publish("tk:messages:7", "{\"n\":1}");
        redis.sync().publish("tk:admin:events", "{\"type\":\"cache.invalidated\"}");
        waitUntil("two messages", WAIT, () -> streamTable(robot).getItems().size() == 2);
        Path file = dir.resolve("stream.jsonl");

        onFx(() -> panel.exportTo(file));

        waitUntil("export notification", WAIT, () -> app.notifier().recent().stream()
                .anyMatch(n -> n.kind() == Notifier.Kind.SUCCESS && n.text().startsWith("Wrote 2 messages to ")));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(Json.tree(lines.get(0)).get("channel").asText()).isEqualTo("tk:messages:7");
    }
}
