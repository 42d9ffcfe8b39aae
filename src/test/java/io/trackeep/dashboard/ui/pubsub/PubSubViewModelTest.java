package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.pubsub.ChannelCount;
import io.trackeep.dashboard.monitor.pubsub.ChannelRate;
import io.trackeep.dashboard.monitor.pubsub.ChannelsProbe;
import io.trackeep.dashboard.monitor.pubsub.MessageStream;
import io.trackeep.dashboard.monitor.pubsub.StreamMessage;
import io.lettuce.core.ScriptOutputType;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.pubsub.DeliveryGap;
import io.trackeep.dashboard.service.pubsub.PubSubMessage;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.MutableClock;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import io.trackeep.dashboard.ui.pubsub.PatternSubscriptions.PatternRow;
import io.trackeep.dashboard.ui.pubsub.PatternSubscriptions.PatternState;
import io.trackeep.dashboard.ui.task.InlineUiExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The view model without a window: inline executor, a real Redis for the subscriptions. */
@ExtendWith(RedisServerExtension.class)
class PubSubViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final InlineUiExecutor ui = new InlineUiExecutor();
    private final MessageStream stream = new MessageStream(100, 1_000_000);
    private final PubSubViewModel vm = new PubSubViewModel(ui, stream, Clock.systemUTC());

    PubSubViewModelTest() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
    }

    @AfterEach
    void close() {
        vm.close();
    }

    private void awaitReceived(long n) {
        WaitFor.condition(WAIT, n + " messages in the stream", () -> stream.received() >= n);
    }

    @Test
    void attachSubscribesTheDefaultPatternsAndThePulseShowsMessagesNewestFirst(RedisConnections redis) {
        vm.subscriptions().attach(redis);

        assertThat(vm.subscriptions().patterns()).containsExactly(
                new PatternRow("tk:messages:*", PatternState.SUBSCRIBED, null),
                new PatternRow("tk:notifications:*", PatternState.SUBSCRIBED, null),
                new PatternRow("tk:admin:events", PatternState.SUBSCRIBED, null));
        assertThat(vm.subscriptions().attached()).isTrue();

        redis.sync().publish("tk:messages:c1", "{\"id\":1,\"body\":\"hi\"}");
        redis.sync().publish("tk:notifications:42", "plain text, not JSON");
        redis.sync().publish("tk:elsewhere", "{}"); // no pattern matches
        awaitReceived(2);
        vm.table().pulse();

        assertThat(vm.table().rows()).extracting(StreamMessage::channel).containsExactly("tk:notifications:42", "tk:messages:c1");
        assertThat(vm.table().rows().get(1).pattern()).isEqualTo("tk:messages:*");
        assertThat(vm.table().statusProperty().get()).startsWith("Showing 2 · 2 received");
        assertThat(vm.subscriptions().connectionNoteProperty().get()).startsWith("Own pub/sub connection");

        vm.detail().selectedProperty().set(vm.table().rows().get(1));
        assertThat(vm.detail().jsonProperty().get()).isTrue();
        assertThat(vm.detail().tagProperty().get()).isEqualTo("JSON");
        assertThat(vm.detail().textProperty().get()).isEqualTo("{\n  \"id\" : 1,\n  \"body\" : \"hi\"\n}");
        assertThat(vm.detail().titleProperty().get()).startsWith("tk:messages:c1 · ").contains(" · via tk:messages:*");

        vm.detail().selectedProperty().set(vm.table().rows().get(0));
        assertThat(vm.detail().jsonProperty().get()).isFalse();
        assertThat(vm.detail().tagProperty().get()).isEqualTo("not JSON");
        assertThat(vm.detail().textProperty().get()).isEqualTo("plain text, not JSON");
    }

    @Test
    void subscribeAndUnsubscribeAPattern(RedisConnections redis) {
        vm.subscriptions().attach(redis);
        assertThat(vm.subscriptions().subscribe("tk:orders:*")).isTrue();
        assertThat(vm.subscriptions().subscribe("tk:orders:*")).as("already there").isFalse();
        assertThat(vm.subscriptions().subscribe("  ")).isFalse();
        assertThat(vm.subscriptions().patterns()).contains(new PatternRow("tk:orders:*", PatternState.SUBSCRIBED, null));

        redis.sync().publish("tk:orders:1", "{}");
        awaitReceived(1);

        vm.subscriptions().unsubscribe("tk:orders:*");
        assertThat(vm.subscriptions().patterns()).extracting(PatternRow::pattern).doesNotContain("tk:orders:*");
        WaitFor.condition(WAIT, "the unsubscription to reach Redis", () -> redis.sync().pubsubNumpat() == 3);
        redis.sync().publish("tk:orders:2", "{}");
        redis.sync().publish("tk:messages:marker", "{}");
        awaitReceived(2);
        vm.table().pulse();
        assertThat(vm.table().rows()).extracting(StreamMessage::channel).containsExactly("tk:messages:marker", "tk:orders:1");
    }

    @Test
    void pausedTheTableStaysWhileCountingGoesOnAndResumeCatchesUp(RedisConnections redis) {
        vm.subscriptions().attach(redis);
        redis.sync().publish("tk:messages:c", "{\"n\":1}");
        awaitReceived(1);
        vm.table().pulse();

        vm.table().pausedProperty().set(true);
        redis.sync().publish("tk:messages:c", "{\"n\":2}");
        redis.sync().publish("tk:messages:c", "{\"n\":3}");
        awaitReceived(3);
        vm.table().pulse();
        assertThat(vm.table().rows()).extracting(StreamMessage::payload).containsExactly("{\"n\":1}");
        assertThat(vm.table().statusProperty().get()).startsWith("Paused · 2 messages received since");

        vm.table().pausedProperty().set(false);
        vm.table().pulse();
        assertThat(vm.table().rows()).extracting(StreamMessage::payload).containsExactly("{\"n\":3}", "{\"n\":2}", "{\"n\":1}");

        vm.table().shellPausedProperty().set(true); // the window's pause freezes the table too
        redis.sync().publish("tk:messages:c", "{\"n\":4}");
        awaitReceived(4);
        vm.table().pulse();
        assertThat(vm.table().rows()).hasSize(3);
        assertThat(vm.table().statusProperty().get()).startsWith("Refreshing is paused · 1 message received since");
    }

    @Test
    void theRowsNeverHoldMoreThanTheBuffer() {
        MessageStream small = new MessageStream(3, 1_000);
        PubSubViewModel v = new PubSubViewModel(ui, small, Clock.systemUTC());
        Instant now = Instant.now();
        for (int i = 1; i <= 2; i++) {
            small.onMessage(new PubSubMessage("c", null, "m" + i, now));
        }
        v.table().pulse();
        assertThat(v.table().rows()).extracting(StreamMessage::payload).containsExactly("m2", "m1");
        small.onMessage(new PubSubMessage("c", null, "m3", now));
        small.onMessage(new PubSubMessage("c", null, "m4", now));
        v.table().pulse();
        assertThat(v.table().rows()).extracting(StreamMessage::payload).containsExactly("m4", "m3", "m2");
        for (int i = 5; i <= 20; i++) {
            small.onMessage(new PubSubMessage("c", null, "m" + i, now));
        }
        v.table().pulse();
        assertThat(v.table().rows()).extracting(StreamMessage::payload).containsExactly("m20", "m19", "m18");
        assertThat(v.table().statusProperty().get()).contains("20 received").contains("13 too fast to show");

        v.table().clear();
        assertThat(v.table().rows()).isEmpty();
        v.table().pulse();
        assertThat(v.table().rows()).isEmpty();
        assertThat(v.table().statusProperty().get()).as("another server's messages are not counted as this one's")
                .startsWith("Showing 0 · 0 received").doesNotContain("too fast");
        small.onMessage(new PubSubMessage("c", null, "m21", now));
        v.table().pulse();
        assertThat(v.table().statusProperty().get()).startsWith("Showing 1 · 1 received");
    }

    @Test
    void filtersByChannelGlobOrSubstringAndByText() {
        Instant now = Instant.now();
        stream.onMessage(new PubSubMessage("tk:messages:7", null, "{\"body\":\"Hello Ann\"}", now));
        stream.onMessage(new PubSubMessage("tk:notifications:42", null, "{\"body\":\"hello Bob\"}", now));
        stream.onMessage(new PubSubMessage("tk:admin:events", null, "{\"type\":\"session.killed\"}", now));
        vm.table().pulse();

        vm.table().channelFilterProperty().set("tk:*:7");
        assertThat(vm.table().visibleRows()).extracting(StreamMessage::channel).containsExactly("tk:messages:7");
        vm.table().channelFilterProperty().set("NOTIF");
        assertThat(vm.table().visibleRows()).extracting(StreamMessage::channel).containsExactly("tk:notifications:42");
        vm.table().channelFilterProperty().set("");
        vm.table().textFilterProperty().set("HELLO");
        assertThat(vm.table().visibleRows()).extracting(StreamMessage::channel).containsExactly("tk:notifications:42", "tk:messages:7");
        vm.table().pulse();
        assertThat(vm.table().statusProperty().get()).startsWith("Showing 2 matching of 3 buffered");
        vm.table().textFilterProperty().set("");
        assertThat(vm.table().visibleRows()).hasSize(3);

        // the table's sort order: kept while new messages arrive
        vm.table().orderProperty().set(java.util.Comparator.comparing(StreamMessage::channel));
        assertThat(vm.table().visibleRows()).extracting(StreamMessage::channel)
                .containsExactly("tk:admin:events", "tk:messages:7", "tk:notifications:42");
        stream.onMessage(new PubSubMessage("tk:audit", null, "{}", now));
        vm.table().pulse();
        assertThat(vm.table().visibleRows()).extracting(StreamMessage::channel)
                .containsExactly("tk:admin:events", "tk:audit", "tk:messages:7", "tk:notifications:42");
        vm.table().orderProperty().set(null);
        assertThat(vm.table().visibleRows()).extracting(StreamMessage::channel).first().isEqualTo("tk:audit");
    }

    @Test
    void ratesAreUpdatedOncePerSecond() {
        Instant t0 = Instant.parse("2026-03-01T12:00:00Z");
        MutableClock clock = new MutableClock(t0);
        PubSubViewModel v = new PubSubViewModel(ui, stream, clock);
        for (int i = 0; i < 30; i++) {
            stream.onMessage(new PubSubMessage(i % 3 == 0 ? "tk:messages:a" : "tk:messages:b", null, "{}", t0.plusMillis(i * 10)));
        }
        clock.set(t0.plusMillis(1100));
        v.table().pulse();
        assertThat(v.table().rates()).containsExactly(new ChannelRate("tk:messages:b", 20, 20), new ChannelRate("tk:messages:a", 10, 10));
        assertThat(v.table().rateSummaryProperty().get()).isEqualTo("30.0 msg/s");
    }

    @Test
    void subscriberCountsAndThePatternNote(RedisConnections redis) {
        try (Subscriptions subs = new Subscriptions(redis)) {
            subs.subscribe("tk:messages:c1", m -> { });
            vm.subscriptions().attach(redis);
            vm.apply(new ChannelsProbe().collect(redis));
            assertThat(vm.subscribers()).containsExactly(new ChannelCount("tk:messages:c1", 1));
            assertThat(vm.subscribersNoteProperty().get()).startsWith("3 pattern subscriptions on the server");
        }
    }

    @Test
    void anUnreachableRedisMarksThePatternsFailedAndRetryingWorksWhenItIsBack(RedisServerProcess server, RedisConnections shared) {
        try (RedisConnections redis = RedisConnections.open(server.settings())) {
            server.stop();
            vm.subscriptions().attach(redis);
            assertThat(vm.subscriptions().patterns()).allMatch(r -> r.state() == PatternState.FAILED && r.problem() != null);
            assertThat(vm.subscriptions().connectionNoteProperty().get()).startsWith("Could not open a pub/sub connection: ");
            assertThat(vm.subscriptions().connectionTroubleProperty().get()).isTrue();

            server.restart();
            WaitFor.reconnected(redis);
            vm.subscriptions().retry("tk:messages:*");
            assertThat(vm.subscriptions().patterns()).allMatch(r -> r.state() == PatternState.SUBSCRIBED);
        }
    }

    @Test
    void whileRedisIsDownTheConnectionNoteSaysSoAndTheStreamResumesWhenItIsBack(RedisServerProcess server, RedisConnections shared) {
        try (RedisConnections redis = RedisConnections.open(server.settings())) {
            vm.subscriptions().attach(redis);
            server.stop();
            WaitFor.condition(WAIT, "the pub/sub connection to notice", () -> {
                vm.table().pulse();
                return vm.subscriptions().connectionTroubleProperty().get();
            });
            assertThat(vm.subscriptions().connectionNoteProperty().get()).startsWith("The pub/sub connection is down: messages published meanwhile are lost.");

            server.restart();
            WaitFor.reconnected(shared);
            // Lettuce subscribes the patterns again by itself once its pub/sub connection is back
            WaitFor.condition(Duration.ofSeconds(30), "the patterns to be subscribed again", () -> shared.sync().pubsubNumpat() == 3);
            shared.sync().publish("tk:messages:after", "{}");
            awaitReceived(1);
            vm.table().pulse();
            assertThat(vm.subscriptions().connectionTroubleProperty().get()).isFalse();
            assertThat(vm.table().rows()).extracting(StreamMessage::channel).containsExactly("tk:messages:after");
        }
    }

    @Test
    void aCutOfThePubSubConnectionIsShownWithTheMessagesLost(RedisConnections redis) {
        String limit = redis.sync().configGet("client-output-buffer-limit").get("client-output-buffer-limit");
        redis.sync().configSet("client-output-buffer-limit", "pubsub 65536 32768 60");
        try {
            vm.subscriptions().attach(redis);
            vm.table().pulse();
            assertThat(vm.subscriptions().lossNoteProperty().get()).isEmpty();
            assertThat(vm.table().statusProperty().get()).doesNotContain("lost");

            redis.sync().publish("tk:messages:before", "x".repeat(1000)); // one on time, so the size of a message is known
            awaitReceived(1);
            // 2 MB in one script pile up in Redis's buffer for the panel, past the 64 KB limit: cut off
            redis.sync().eval("for i = 1, 2000 do redis.call('PUBLISH', 'tk:messages:burst', string.rep('x', 1000)) end return 1",
                    ScriptOutputType.INTEGER);
            WaitFor.condition(WAIT, "the status line to say messages were lost", () -> {
                vm.table().pulse();
                return vm.table().statusProperty().get().contains("messages lost");
            });

            assertThat(stream.received()).isLessThan(2001);
            // "about" while the cause is being asked for, "at least" once Redis is known to have cut it while it stayed up
            assertThat(vm.table().statusProperty().get()).containsPattern(" · messages lost: the pub/sub connection was cut once \\((about|at least) ");
            WaitFor.condition(WAIT, "the cause to be told", () -> {
                vm.table().pulse();
                return !vm.subscriptions().losses().last().cause().equals(DeliveryGap.Cause.UNKNOWN);
            });
            vm.table().pulse(); // the cause may have come after the waiting pulse
            // Redis before 7.2 counts no output-buffer disconnection: the cut shows as the limit only when its
            // once-a-second sample of the buffer caught the peak, else as a close "perhaps at its limit". Both are true.
            DeliveryGap gap = vm.subscriptions().losses().last();
            assertThat(gap.cause()).isIn(DeliveryGap.Cause.OUTPUT_BUFFER_LIMIT, DeliveryGap.Cause.CLOSED);
            assertThat(vm.subscriptions().lossNoteProperty().get()).contains("at least").contains("messages lost")
                    .contains(gap.cause() == DeliveryGap.Cause.OUTPUT_BUFFER_LIMIT ? "Redis held for it" : "hard limit 64 KB");
            // the server's figures behind the cause are in the note's tooltip, not in the note
            String evidence = vm.subscriptions().losses().last().evidence();
            assertThat(evidence).isNotEmpty();
            assertThat(vm.subscriptions().lossDetailProperty().get()).contains(evidence);
            assertThat(vm.subscriptions().lossNoteProperty().get()).doesNotContain(evidence);
            // Redis 7.2+ says what it held; before, the most it may have held (64 KB + 16 KB of 1 KB messages) is told
            vm.table().pulse();
            assertThat(vm.table().statusProperty().get()).containsPattern(vm.subscriptions().losses().estimateComplete()
                    ? "cut once \\(at least [0-9,]+\\)" : "cut once \\(at least [0-9,]+, and up to 7[0-9] more Redis may have held\\)");
        } finally {
            redis.sync().configSet("client-output-buffer-limit", limit);
        }
    }

    @Test
    void exportWritesTheBufferAsJsonLines() throws Exception {
        Instant now = Instant.now();
        stream.onMessage(new PubSubMessage("tk:messages:7", "tk:messages:*", "{\"a\":1}", now));
        stream.onMessage(new PubSubMessage("tk:messages:8", "tk:messages:*", "{\"a\":2}", now));
        AtomicInteger written = new AtomicInteger();
        Path file = dir.resolve("export.jsonl");

        vm.export(file, written::set, e -> { throw new AssertionError(e); });

        assertThat(written.get()).isEqualTo(2);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(Json.tree(lines.get(1)).get("payload").asText()).isEqualTo("{\"a\":2}");
    }

    @Test
    void sessionIdsInPayloadsAreMaskedInTheDetailTheTableAndTheExportUnlessTheAdminAsks() throws Exception {
        String sid = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFi";
        String event = "{\"type\":\"session.killed\",\"target\":\"" + sid + "\",\"actor\":\"ann@ws1\"}";
        stream.onMessage(new PubSubMessage("tk:admin:events", "tk:admin:events", event, Instant.now()));
        vm.table().pulse();
        vm.detail().selectedProperty().set(vm.table().rows().get(0));
        assertThat(vm.detail().textProperty().get()).doesNotContain(sid).contains("Zm9v…");
        assertThat(vm.detail().shown(event)).doesNotContain(sid);
        Path masked = dir.resolve("masked.jsonl");
        vm.export(masked, n -> { }, e -> { throw new AssertionError(e); });
        assertThat(Files.readString(masked)).doesNotContain(sid);

        vm.detail().showSessionIdsProperty().set(true); // the admin asks
        assertThat(vm.detail().textProperty().get()).contains(sid);
        Path whole = dir.resolve("whole.jsonl");
        vm.export(whole, n -> { }, e -> { throw new AssertionError(e); });
        assertThat(Files.readString(whole)).contains(sid);
    }

    @Test
    void aTruncatedPayloadIsShownRawAndSaysItIsCut() {
        stream.onMessage(new PubSubMessage("c", null, "{\"x\":\"" + "y".repeat(MessageStream.MAX_PAYLOAD_CHARS) + "\"}", Instant.now()));
        vm.table().pulse();
        vm.detail().selectedProperty().set(vm.table().rows().get(0));
        assertThat(vm.detail().jsonProperty().get()).isFalse();
        assertThat(vm.detail().tagProperty().get()).startsWith("cut: only the first 262,144 characters are kept");
    }

    @Test
    void thePublishDialogChecksChannelAndPayloadLikeTheAction() {
        assertThat(PublishDialog.problem("tk:messages:test", "{\"a\":1}")).isEmpty();
        assertThat(PublishDialog.problem("tk:messages:*", "{}")).contains("not a pattern");
        assertThat(PublishDialog.problem("tk:messages:test", "{oops")).startsWith("The payload is not valid JSON");
        assertThat(PublishDialog.problem("", "{}")).startsWith("Enter a channel name");
    }
}
