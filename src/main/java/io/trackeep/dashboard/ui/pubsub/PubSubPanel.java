package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.monitor.pubsub.ChannelsProbe;
import io.trackeep.dashboard.monitor.pubsub.ChannelsSnapshot;
import io.trackeep.dashboard.monitor.pubsub.MessageStream;
import io.trackeep.dashboard.service.admin.PubSubActions;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Pub/Sub panel: subscribed channel patterns, the live message stream (time, channel,
 * payload; the selected one pretty-printed, session ids masked unless shown), messages per
 * second per channel, subscriber counts, pause, filter, a test message (the audited
 * {@link PubSubActions#publishTest}) and an export of the buffer as JSON lines.
 *
 * <p>The stream runs on its own pub/sub connection from the first time the panel is shown until
 * the connection goes (it keeps counting and buffering while the panel is hidden, so coming back
 * shows what happened meanwhile); the table moves at the stream table's pulse, four times a
 * second at most, only while the panel is visible. Subscriber counts are this panel's feed.
 *
 * <p><b>When Redis fails</b>: patterns that cannot be subscribed are marked failed with the reason
 * (double-click retries); while the pub/sub connection is down the panel says that messages
 * published meanwhile are lost (pub/sub keeps nothing) and Lettuce subscribes again by itself when
 * Redis is back; a test message that could not be published is reported and audited as failed,
 * never retried.
 */
public final class PubSubPanel extends LivePanel<ChannelsSnapshot, ChannelsProbe, PubSubViewModel, PubSubView> {

    private boolean opened;

    public PubSubPanel(PanelContext context) {
        this(context, new MessageStream());
    }

    /** With a stream of another size (tests). */
    public PubSubPanel(PanelContext context, MessageStream stream) {
        super(StandardPanels.PUBSUB, context, Refresh.WHILE_SHOWN, 2, new ChannelsProbe(),
                new PubSubViewModel(context.executor(), stream, Clock.systemUTC()));
        vm.table().shellPausedProperty().bind(context.shell().pausedProperty());
        context.connection().connectionsProperty().addListener((obs, old, now) -> {
            if (now == null) {
                vm.subscriptions().detach();
            } else if (opened) {
                vm.subscriptions().attach(now);
            }
        });
    }

    @Override
    protected PubSubView createView() {
        return new PubSubView(vm, this::publishTestMessage, this::chooseExportFile);
    }

    @Override
    protected void shown() {
        opened = true;
        RedisConnections redis = context.connection().current();
        if (redis != null && !vm.subscriptions().attached()) {
            vm.subscriptions().attach(redis);
        }
        vm.table().startPulse();
    }

    @Override
    protected void hidden() {
        vm.table().stopPulse();
    }

    @Override
    protected void closeResources() {
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
}
