package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.monitor.pubsub.ChannelCount;
import io.trackeep.dashboard.monitor.pubsub.ChannelRate;
import io.trackeep.dashboard.monitor.pubsub.ChannelsProbe;
import io.trackeep.dashboard.monitor.pubsub.ChannelsSnapshot;
import io.trackeep.dashboard.monitor.pubsub.MessageExport;
import io.trackeep.dashboard.monitor.pubsub.MessageStream;
import io.trackeep.dashboard.monitor.pubsub.StreamBatch;
import io.trackeep.dashboard.monitor.pubsub.StreamMessage;
import io.trackeep.dashboard.monitor.pubsub.StreamSubscriptions;
import io.trackeep.dashboard.service.pubsub.JsonPayload;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.dialog.ErrorPresenter;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.task.TaskHandle;
import io.trackeep.dashboard.ui.task.UiExecutor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * State of the Pub/Sub panel, on the FX thread: the subscribed patterns, the message stream table,
 * messages per second per channel, subscriber counts and the selected message's payload.
 *
 * <p><b>Flow.</b> Messages go from the subscriptions' dispatch thread into the bounded
 * {@link MessageStream}; a pulse on the FX thread ({@link #PULSE}, four times a second) takes
 * what is new in one batch and updates the rows, so the table moves at most four times per
 * second whatever the message rate, and the rows never hold more than the stream's buffer.
 * While paused (the panel's own pause or the window's), the pulse still counts and updates the
 * rates, but the rows stay as they are; on resume they jump to the newest messages.
 *
 * <p><b>Life cycle.</b> {@link #attach} opens the subscriptions on a connection (in the
 * background) and {@link #detach} closes them; the panel attaches when it is first shown and
 * then keeps the stream running while hidden (counting, buffering), until the connection goes.
 */
public final class PubSubViewModel implements AutoCloseable {

    public static final Duration PULSE = Duration.ofMillis(250);
    /** Characters of a payload pretty-printed in the detail view; longer ones are shown raw. */
    static final int PRETTY_LIMIT = MessageStream.MAX_PAYLOAD_CHARS;

    public enum PatternState { SUBSCRIBING, SUBSCRIBED, FAILED }

    /** A subscribed (or wanted) pattern and how that went. */
    public record PatternRow(String pattern, PatternState state, String problem) {
    }

    private record Opened(StreamSubscriptions subscriptions, Map<String, String> failures) {
    }

    private final UiExecutor ui;
    private final MessageStream stream;
    private final Clock clock;
    private final ObservableList<PatternRow> patterns = FXCollections.observableArrayList();
    // The buffer's messages, newest first, and what the table shows of them. Kept apart and
    // updated by hand instead of FilteredList/SortedList views: unfiltered and unsorted (the usual
    // case while watching) a batch is then one insert and one trim of a plain list.
    private final List<StreamMessage> rows = new ArrayList<>();
    private final ObservableList<StreamMessage> visibleRows = FXCollections.observableArrayList();
    private final ObjectProperty<Comparator<StreamMessage>> order = new SimpleObjectProperty<>();
    private Predicate<StreamMessage> filter;
    private final StringProperty channelFilter = new SimpleStringProperty("");
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final BooleanProperty shellPaused = new SimpleBooleanProperty(false);
    private final BooleanBinding frozen = paused.or(shellPaused);
    private final ObservableList<ChannelRate> rates = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper rateSummary = new ReadOnlyStringWrapper("");
    private final ObservableList<ChannelCount> subscribers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper subscribersNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper streamStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper connectionNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper connectionTrouble = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<StreamMessage> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailTag = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper detailIsJson = new ReadOnlyBooleanWrapper(false);

    private volatile StreamSubscriptions current;
    private RedisConnections connection;
    private String prefix;
    private long generation;
    private TaskHandle pulse = TaskHandle.NONE;
    private long skippedTotal;
    private long receivedAtFreeze = -1;
    private long lastRateSecond = Long.MIN_VALUE;
    private long pulses;
    private long pulseNanos;
    private long worstPulseNanos;

    public PubSubViewModel(UiExecutor ui, MessageStream stream, Clock clock) {
        this.ui = Objects.requireNonNull(ui);
        this.stream = Objects.requireNonNull(stream);
        this.clock = Objects.requireNonNull(clock);
        channelFilter.addListener((obs, o, f) -> refilter());
        textFilter.addListener((obs, o, f) -> refilter());
        order.addListener((obs, o, c) -> showRows());
        selected.addListener((obs, o, m) -> showDetail(m));
        frozen.addListener((obs, was, now) -> receivedAtFreeze = now ? stream.received() : -1);
        showDetail(null);
    }

    // ---- subscriptions ------------------------------------------------------------------

    /** Opens the stream's subscriptions on {@code redis} in the background, with the current patterns (defaults for a new prefix). */
    public void attach(RedisConnections redis) {
        detach();
        long gen = ++generation;
        connection = redis;
        String newPrefix = redis.keys().prefix();
        List<String> wanted = !newPrefix.equals(prefix) ? StreamSubscriptions.defaultPatterns(redis.keys())
                : patterns.stream().map(PatternRow::pattern).toList();
        prefix = newPrefix;
        patterns.setAll(wanted.stream().map(p -> new PatternRow(p, PatternState.SUBSCRIBING, null)).toList());
        connectionNote.set("Opening a pub/sub connection…");
        connectionTrouble.set(false);
        ui.submit("Subscribing to the message stream", () -> {
            StreamSubscriptions subs = new StreamSubscriptions(redis, stream);
            Map<String, String> failures = new LinkedHashMap<>();
            for (String p : wanted) {
                try {
                    subs.subscribe(p);
                } catch (RedisAccessException e) {
                    failures.put(p, ErrorPresenter.describe(e).text());
                }
            }
            return new Opened(subs, failures);
        }, opened -> {
            if (gen != generation) {
                closeInBackground(opened.subscriptions());
                return;
            }
            current = opened.subscriptions();
            List<String> subscribed = opened.subscriptions().patterns();
            for (String p : wanted) {
                if (!subscribed.contains(p) && !opened.failures().containsKey(p)) {
                    continue; // unsubscribed meanwhile
                }
                String problem = opened.failures().get(p);
                replaceRow(new PatternRow(p, problem == null ? PatternState.SUBSCRIBED : PatternState.FAILED, problem));
            }
            // patterns added while the connection was opening
            patterns.stream().filter(r -> r.state() == PatternState.SUBSCRIBING).map(PatternRow::pattern).toList()
                    .forEach(this::subscribeOnCurrent);
            describeConnection();
        }, error -> {
            if (gen != generation) {
                return;
            }
            String problem = ErrorPresenter.describe(error).text();
            patterns.replaceAll(r -> new PatternRow(r.pattern(), PatternState.FAILED, problem));
            connectionNote.set("Could not open a pub/sub connection: " + problem);
            connectionTrouble.set(true);
        });
    }

    /** Closes the subscriptions (in the background); the stream's buffer and counts stay. */
    public void detach() {
        generation++;
        connection = null;
        StreamSubscriptions old = current;
        current = null;
        if (old != null) {
            closeInBackground(old);
        }
        connectionNote.set("");
        connectionTrouble.set(false);
    }

    /** Whether subscriptions are open (or opening). */
    public boolean attached() {
        return connection != null;
    }

    /**
     * Subscribes a pattern (a glob such as {@code tk:orders:*}, or a channel name); false, with
     * nothing changed, when it is empty or already subscribed.
     */
    public boolean subscribe(String pattern) {
        String p = pattern == null ? "" : pattern.strip();
        if (p.isEmpty() || patterns.stream().anyMatch(r -> r.pattern().equals(p))) {
            return false;
        }
        patterns.add(new PatternRow(p, PatternState.SUBSCRIBING, null));
        if (current != null) {
            subscribeOnCurrent(p);
        } else if (connection == null) {
            replaceRow(new PatternRow(p, PatternState.FAILED, "Not connected"));
        }
        return true;
    }

    /** Unsubscribes a pattern; its messages already buffered stay. */
    public void unsubscribe(String pattern) {
        patterns.removeIf(r -> r.pattern().equals(pattern));
        StreamSubscriptions subs = current;
        if (subs != null) {
            ui.run("Unsubscribing from " + pattern, () -> subs.unsubscribe(pattern), () -> { }, e -> { });
        }
    }

    /** Subscribes a pattern that failed again (e.g. after Redis came back). */
    public void retry(String pattern) {
        if (current == null && connection != null) {
            attach(connection);
        } else if (current != null) {
            replaceRow(new PatternRow(pattern, PatternState.SUBSCRIBING, null));
            subscribeOnCurrent(pattern);
        }
    }

    private void subscribeOnCurrent(String p) {
        StreamSubscriptions subs = current;
        long gen = generation;
        ui.run("Subscribing to " + p, () -> subs.subscribe(p), () -> {
            if (gen != generation || patterns.stream().noneMatch(r -> r.pattern().equals(p))) {
                subs.unsubscribe(p); // removed or replaced meanwhile; unsubscribing is local and quick
                return;
            }
            replaceRow(new PatternRow(p, PatternState.SUBSCRIBED, null));
        }, e -> {
            if (gen == generation) {
                replaceRow(new PatternRow(p, PatternState.FAILED, ErrorPresenter.describe(e).text()));
            }
        });
    }

    private void replaceRow(PatternRow row) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).pattern().equals(row.pattern())) {
                patterns.set(i, row);
                return;
            }
        }
    }

    private void closeInBackground(StreamSubscriptions subs) {
        ui.run("Closing the message stream", subs::close, () -> { }, e -> { });
    }

    // ---- the pulse ----------------------------------------------------------------------

    /** Starts pulling the stream onto the screen every {@link #PULSE}. */
    public void startPulse() {
        if (pulse == TaskHandle.NONE || pulse.isCancelled()) {
            pulse = ui.runOnUiAfter(PULSE, this::pulseAndReschedule);
        }
    }

    /** Stops updating the screen (the stream itself goes on). */
    public void stopPulse() {
        pulse.cancel();
        pulse = TaskHandle.NONE;
    }

    private void pulseAndReschedule() {
        pulse();
        if (pulse != TaskHandle.NONE) {
            pulse = ui.runOnUiAfter(PULSE, this::pulseAndReschedule);
        }
    }

    /** One pulse: the new messages (unless paused), rates once per second, the status line. */
    public void pulse() {
        long started = System.nanoTime();
        pulseWork();
        long spent = System.nanoTime() - started;
        pulses++;
        pulseNanos += spent;
        worstPulseNanos = Math.max(worstPulseNanos, spent);
    }

    private void pulseWork() {
        Instant now = clock.instant();
        boolean moving = !frozen.get();
        StreamBatch b = stream.poll(moving, now);
        if (moving) {
            applyMessages(b);
        }
        long second = now.getEpochSecond();
        if (second != lastRateSecond) {
            lastRateSecond = second;
            if (!rates.equals(b.channels())) {
                rates.setAll(b.channels());
            }
            rateSummary.set(Units.perSecond(b.perSecond(), "msg"));
        }
        describeStream(b);
        describeConnection();
    }

    private void applyMessages(StreamBatch b) {
        skippedTotal += b.skipped();
        List<StreamMessage> fresh = b.messages();
        List<StreamMessage> newestFirst = new ArrayList<>(fresh.size());
        for (int i = fresh.size() - 1; i >= 0; i--) {
            newestFirst.add(fresh.get(i));
        }
        boolean replaced = !fresh.isEmpty() && fresh.size() >= b.buffered();
        if (replaced || b.buffered() == 0) {
            rows.clear(); // the whole buffer is new (or empty): one replacement instead of insert and trim
        }
        rows.addAll(0, newestFirst);
        int keep = rows.size();
        while (keep > 0 && rows.get(keep - 1).sequence() < b.oldestBuffered()) {
            keep--;
        }
        int trimmed = rows.size() - keep;
        rows.subList(keep, rows.size()).clear();
        if (filter != null || order.get() != null) {
            if (!fresh.isEmpty() || trimmed > 0) {
                showRows();
            }
        } else if (replaced || b.buffered() == 0) {
            visibleRows.setAll(rows);
        } else {
            if (!newestFirst.isEmpty()) {
                visibleRows.addAll(0, newestFirst);
            }
            if (visibleRows.size() > rows.size()) {
                visibleRows.remove(rows.size(), visibleRows.size());
            }
        }
    }

    /** The table's rows from scratch: the buffer, filtered and in the table's sort order. */
    private void showRows() {
        if (filter == null && order.get() == null) {
            visibleRows.setAll(rows);
            return;
        }
        var stream = rows.stream();
        if (filter != null) {
            stream = stream.filter(filter);
        }
        if (order.get() != null) {
            stream = stream.sorted(order.get());
        }
        visibleRows.setAll(stream.toList());
    }

    private void describeStream(StreamBatch b) {
        StringBuilder s = new StringBuilder();
        if (frozen.get()) {
            long since = receivedAtFreeze < 0 ? 0 : b.received() - receivedAtFreeze;
            s.append(paused.get() ? "Paused" : "Refreshing is paused").append(" · ")
                    .append(Units.count(since)).append(since == 1 ? " message" : " messages").append(" received since");
        } else {
            s.append("Showing ").append(Units.count(visibleRows.size()));
            if (visibleRows.size() != rows.size()) {
                s.append(" matching of ").append(Units.count(rows.size())).append(" buffered");
            }
            s.append(" · ").append(Units.count(b.received())).append(" received");
            if (skippedTotal > 0) {
                s.append(" · ").append(Units.count(skippedTotal)).append(" too fast to show");
            }
        }
        StreamSubscriptions subs = current;
        long dropped = subs == null ? 0 : subs.dropped();
        if (dropped > 0) {
            s.append(" · ").append(Units.count(dropped)).append(" dropped (subscriber queue full)");
        }
        streamStatus.set(s.toString());
    }

    private void describeConnection() {
        StreamSubscriptions subs = current;
        if (subs == null) {
            return;
        }
        boolean down = !subs.connected();
        connectionTrouble.set(down);
        connectionNote.set(down
                ? "The pub/sub connection is down: messages published meanwhile are lost. It reconnects by itself."
                : "Own pub/sub connection; keeps listening while the panel is hidden.");
    }

    // ---- subscriber counts --------------------------------------------------------------

    public void applyChannels(ChannelsSnapshot s) {
        if (!subscribers.equals(s.channels())) {
            subscribers.setAll(s.channels());
        }
        String patternsNote = Units.count(s.patternSubscriptions()) + (s.patternSubscriptions() == 1 ? " pattern subscription" : " pattern subscriptions")
                + " on the server (counted apart: Redis does not count them per channel)";
        subscribersNote.set(s.truncated() ? "The first " + Units.count(ChannelsProbe.MAX_CHANNELS) + " channels only. " + patternsNote : patternsNote);
    }

    // ---- buffer -------------------------------------------------------------------------

    /** Empties the buffer and the table; counts go on. */
    public void clearStream() {
        stream.clear();
        rows.clear();
        visibleRows.clear();
        skippedTotal = 0;
    }

    /** Writes the buffered messages as JSON lines in the background. */
    public void export(Path file, Consumer<Integer> onDone, Consumer<Throwable> onError) {
        List<StreamMessage> buffered = stream.buffered();
        ui.submit("Exporting messages to " + file, () -> MessageExport.writeJsonLines(buffered, file), onDone::accept, onError::accept);
    }

    // ---- detail -------------------------------------------------------------------------

    private void showDetail(StreamMessage m) {
        if (m == null) {
            detailTitle.set("Select a message to see its payload.");
            detailText.set("");
            detailTag.set("");
            detailIsJson.set(false);
            return;
        }
        detailTitle.set(m.channel() + " · " + Times.dateTime(m.receivedAt())
                + (m.pattern() == null ? "" : " · via " + m.pattern()) + " · " + Units.count(m.payloadLength()) + " characters");
        Optional<String> pretty = m.truncated() || m.payload().length() > PRETTY_LIMIT ? Optional.empty() : JsonPayload.pretty(m.payload());
        detailIsJson.set(pretty.isPresent());
        if (pretty.isPresent()) {
            detailTag.set("JSON");
            detailText.set(pretty.get());
        } else {
            detailTag.set(m.truncated() ? "cut: only the first " + Units.count(m.payload().length()) + " characters are kept" : "not JSON");
            detailText.set(m.payload());
        }
    }

    // ---- filters ------------------------------------------------------------------------

    private void refilter() {
        filter = matcher(channelFilter.get(), textFilter.get());
        showRows();
    }

    /** Channel: a substring, or a glob with {@code *} and {@code ?}; text: a substring of the payload; both ignore case. */
    static Predicate<StreamMessage> matcher(String channel, String text) {
        String c = channel == null ? "" : channel.strip();
        String t = text == null ? "" : text.strip();
        if (c.isEmpty() && t.isEmpty()) {
            return null;
        }
        Predicate<String> channelMatch;
        if (c.isEmpty()) {
            channelMatch = s -> true;
        } else if (c.contains("*") || c.contains("?")) {
            Pattern glob = Pattern.compile(globToRegex(c), Pattern.CASE_INSENSITIVE);
            channelMatch = s -> glob.matcher(s).matches();
        } else {
            channelMatch = s -> containsIgnoreCase(s, c);
        }
        return m -> channelMatch.test(m.channel()) && (t.isEmpty() || containsIgnoreCase(m.payload(), t));
    }

    private static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return re.toString();
    }

    private static boolean containsIgnoreCase(String haystack, String needle) {
        int n = needle.length();
        for (int i = 0, last = haystack.length() - n; i <= last; i++) {
            if (haystack.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** Closes the subscriptions now, on the calling thread (the window closes). */
    @Override
    public void close() {
        stopPulse();
        generation++;
        StreamSubscriptions old = current;
        current = null;
        connection = null;
        if (old != null) {
            old.close();
        }
    }

    // ---- properties ---------------------------------------------------------------------

    public ObservableList<PatternRow> patterns() {
        return patterns;
    }

    /** Buffered messages, newest first (changes with every pulse that moves the table). */
    public List<StreamMessage> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** What the table shows: the rows matching the filters, in {@link #orderProperty()}. */
    public ObservableList<StreamMessage> visibleRows() {
        return visibleRows;
    }

    /** The table's sort order; null for newest first. */
    public ObjectProperty<Comparator<StreamMessage>> orderProperty() {
        return order;
    }

    public StringProperty channelFilterProperty() {
        return channelFilter;
    }

    public StringProperty textFilterProperty() {
        return textFilter;
    }

    /** The panel's own pause: the table stops moving, counting goes on. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** The window's pause (Ctrl+Shift+P), bound by the panel. */
    public BooleanProperty shellPausedProperty() {
        return shellPaused;
    }

    /** Busiest channels over the last seconds. */
    public ObservableList<ChannelRate> rates() {
        return rates;
    }

    /** All channels together, e.g. "1,234 msg/s". */
    public ReadOnlyStringProperty rateSummaryProperty() {
        return rateSummary.getReadOnlyProperty();
    }

    public ObservableList<ChannelCount> subscribers() {
        return subscribers;
    }

    public ReadOnlyStringProperty subscribersNoteProperty() {
        return subscribersNote.getReadOnlyProperty();
    }

    /** "Showing 5,000 · 1,234,567 received · 0 dropped" or the paused state. */
    public ReadOnlyStringProperty streamStatusProperty() {
        return streamStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionNoteProperty() {
        return connectionNote.getReadOnlyProperty();
    }

    /** True while the pub/sub connection could not be opened or is down. */
    public ReadOnlyBooleanProperty connectionTroubleProperty() {
        return connectionTrouble.getReadOnlyProperty();
    }

    /** The message whose payload the detail view shows. */
    public ObjectProperty<StreamMessage> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    /** Pretty-printed JSON, or the payload as received. */
    public ReadOnlyStringProperty detailTextProperty() {
        return detailText.getReadOnlyProperty();
    }

    /** "JSON", "not JSON" or why the payload is cut. */
    public ReadOnlyStringProperty detailTagProperty() {
        return detailTag.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty detailIsJsonProperty() {
        return detailIsJson.getReadOnlyProperty();
    }

    /** The buffer's capacity in messages. */
    public int capacity() {
        return stream.capacity();
    }

    /** How long the pulses took on the FX thread so far (the panel's own share of it; the ingest benchmark prints it). */
    public PulseTimes pulseTimes() {
        return new PulseTimes(pulses, pulseNanos, worstPulseNanos);
    }

    /** Pulses so far, their total time and the longest, in nanoseconds. */
    public record PulseTimes(long count, long totalNanos, long worstNanos) {
    }

    /** Messages in the buffer now. */
    public int buffered() {
        return stream.size();
    }

    /** Messages received since the stream began. */
    public long received() {
        return stream.received();
    }

    /** Messages the subscriptions dropped because the stream fell behind (0 when not attached). */
    public long dropped() {
        StreamSubscriptions subs = current;
        return subs == null ? 0 : subs.dropped();
    }
}
