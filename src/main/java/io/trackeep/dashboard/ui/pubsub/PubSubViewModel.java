package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.monitor.pubsub.ChannelCount;
import io.trackeep.dashboard.monitor.pubsub.ChannelsProbe;
import io.trackeep.dashboard.monitor.pubsub.ChannelsSnapshot;
import io.trackeep.dashboard.monitor.pubsub.MessageExport;
import io.trackeep.dashboard.monitor.pubsub.MessageStream;
import io.trackeep.dashboard.monitor.pubsub.StreamMessage;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.panel.LiveViewModel;
import io.trackeep.dashboard.ui.task.UiExecutor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Pub/Sub panel as data, in three parts around one {@link MessageStream}: the pattern
 * {@link #subscriptions()} feeding it, the message {@link #table()} pulled from it four times a
 * second, and the selected message's {@link #detail()}; plus the server's subscriber counts.
 * FX thread only.
 */
public final class PubSubViewModel implements LiveViewModel<ChannelsSnapshot>, AutoCloseable {

    private final UiExecutor ui;
    private final MessageStream stream;
    private final PatternSubscriptions subscriptions;
    private final StreamTable table;
    private final MessageDetail detail = new MessageDetail();
    private final ObservableList<ChannelCount> subscribers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper subscribersNote = new ReadOnlyStringWrapper("");

    public PubSubViewModel(UiExecutor ui, MessageStream stream, Clock clock) {
        this.ui = Objects.requireNonNull(ui);
        this.stream = Objects.requireNonNull(stream);
        this.subscriptions = new PatternSubscriptions(ui, stream);
        this.table = new StreamTable(ui, stream, Objects.requireNonNull(clock), subscriptions::losses,
                subscriptions::describeConnection);
    }

    public PatternSubscriptions subscriptions() { return subscriptions; }

    public StreamTable table() { return table; }

    public MessageDetail detail() { return detail; }

    /** The server's subscriber counts, read by the refresh loop. */
    @Override
    public void apply(ChannelsSnapshot s) {
        if (!subscribers.equals(s.channels())) {
            subscribers.setAll(s.channels());
        }
        String patternsNote = Units.count(s.patternSubscriptions()) + (s.patternSubscriptions() == 1 ? " pattern subscription" : " pattern subscriptions")
                + " on the server (counted apart: Redis does not count them per channel)";
        subscribersNote.set(s.truncated() ? "The first " + Units.count(ChannelsProbe.MAX_CHANNELS) + " channels only. " + patternsNote : patternsNote);
    }

    /** Another server (or none): its messages and counts are not this one's. */
    @Override
    public void clear() {
        subscribers.clear();
        subscribersNote.set("");
        table.clear();
        detail.selectedProperty().set(null);
    }

    /**
     * Writes the buffered messages as JSON lines in the background, their payloads as the panel
     * shows them (session ids masked unless the admin asked to see them).
     */
    public void export(Path file, Consumer<Integer> onDone, Consumer<Throwable> onError) {
        List<StreamMessage> buffered = stream.buffered();
        boolean whole = detail.showSessionIdsProperty().get();
        ui.submit("Exporting messages to " + file, () -> MessageExport.writeJsonLines(buffered, file,
                whole ? p -> p : detail::shown), onDone::accept, onError::accept);
    }

    public ObservableList<ChannelCount> subscribers() { return subscribers; }

    public ReadOnlyStringProperty subscribersNoteProperty() { return subscribersNote.getReadOnlyProperty(); }

    /** The buffer's capacity in messages. */
    public int capacity() {
        return stream.capacity();
    }

    /** Messages in the buffer now. */
    public int buffered() {
        return stream.size();
    }

    /** Messages received since the stream began. */
    public long received() {
        return stream.received();
    }

    /** Stops the pulse and closes the subscriptions now, on the calling thread (the window closes). */
    @Override
    public void close() {
        table.stopPulse();
        subscriptions.close();
    }
}
