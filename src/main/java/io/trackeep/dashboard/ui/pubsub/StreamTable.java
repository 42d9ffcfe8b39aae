package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.monitor.pubsub.ChannelRate;
import io.trackeep.dashboard.monitor.pubsub.MessageStream;
import io.trackeep.dashboard.monitor.pubsub.StreamBatch;
import io.trackeep.dashboard.monitor.pubsub.StreamMessage;
import io.trackeep.dashboard.service.pubsub.DeliveryLosses;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.task.TaskHandle;
import io.trackeep.dashboard.ui.task.UiExecutor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Pub/Sub panel's message table as data: the buffered messages newest first, what the
 * filters and the sort order let through, the pause, the busiest channels, and the status line.
 * A pulse every {@link #PULSE} pulls what the {@link MessageStream} received since the last one,
 * so the table moves at most four times a second whatever the message rate. FX thread only.
 */
public final class StreamTable {

    public static final Duration PULSE = Duration.ofMillis(250);

    /** Pulses so far, their total time and the longest, in nanoseconds. */
    public record PulseTimes(long count, long totalNanos, long worstNanos) {
    }

    private final UiExecutor ui;
    private final MessageStream stream;
    private final Clock clock;
    private final Supplier<DeliveryLosses> losses;
    private final Runnable eachPulse;
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
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private TaskHandle pulse = TaskHandle.NONE;
    private long skippedTotal;
    private long receivedAtFreeze = -1;
    private long receivedAtClear; // the stream counts on across servers; the status line counts this server's
    private long lastRateSecond = Long.MIN_VALUE;
    private long pulses;
    private long pulseNanos;
    private long worstPulseNanos;

    /**
     * @param losses    what the subscriptions did not deliver, for the status line
     * @param eachPulse more to do at every pulse (the connection note)
     */
    StreamTable(UiExecutor ui, MessageStream stream, Clock clock, Supplier<DeliveryLosses> losses, Runnable eachPulse) {
        this.ui = ui;
        this.stream = stream;
        this.clock = clock;
        this.losses = losses;
        this.eachPulse = eachPulse;
        channelFilter.addListener((obs, o, f) -> refilter());
        textFilter.addListener((obs, o, f) -> refilter());
        order.addListener((obs, o, c) -> showRows());
        frozen.addListener((obs, was, now) -> receivedAtFreeze = now ? stream.received() : -1);
    }

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
        describe(b);
        eachPulse.run();
        long spent = System.nanoTime() - started;
        pulses++;
        pulseNanos += spent;
        worstPulseNanos = Math.max(worstPulseNanos, spent);
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
        var shown = rows.stream();
        if (filter != null) {
            shown = shown.filter(filter);
        }
        if (order.get() != null) {
            shown = shown.sorted(order.get());
        }
        visibleRows.setAll(shown.toList());
    }

    private void describe(StreamBatch b) {
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
            s.append(" · ").append(Units.count(b.received() - receivedAtClear)).append(" received");
            if (skippedTotal > 0) {
                s.append(" · ").append(Units.count(skippedTotal)).append(" too fast to show");
            }
        }
        DeliveryLosses l = losses.get();
        if (l.dropped() > 0) {
            s.append(" · ").append(Units.count(l.dropped())).append(" dropped (subscriber queue full)");
        }
        if (l.cuts() > 0) {
            s.append(" · messages lost: the pub/sub connection was cut ").append(l.cuts() == 1 ? "once" : Units.count(l.cuts()) + " times")
                    .append(l.atLeast() ? " (at least " : " (about ").append(Units.count(l.estimatedLostInGaps()))
                    .append(heldPart(l)).append(')');
        }
        status.set(s.toString());
    }

    /** What Redis may have held for the connection beyond the estimate, in words ("" when it is in the estimate). */
    static String heldPart(DeliveryLosses l) {
        if (l.estimateComplete()) {
            return "";
        }
        return l.heldBounded() ? ", and up to " + Units.count(l.mayHaveHeldInGaps()) + " more Redis may have held" : ", and any Redis held for it";
    }

    /** Empties the buffer and the table (another server, or none); the status line counts from here. */
    public void clear() {
        receivedAtClear = stream.received();
        stream.clear();
        rows.clear();
        visibleRows.clear();
        skippedTotal = 0;
    }

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

    /** Buffered messages, newest first (changes with every pulse that moves the table). */
    public List<StreamMessage> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** What the table shows: the rows matching the filters, in {@link #orderProperty()}. */
    public ObservableList<StreamMessage> visibleRows() { return visibleRows; }

    /** The table's sort order; null for newest first. */
    public ObjectProperty<Comparator<StreamMessage>> orderProperty() { return order; }

    public StringProperty channelFilterProperty() { return channelFilter; }

    public StringProperty textFilterProperty() { return textFilter; }

    /** The panel's own pause: the table stops moving, counting goes on. */
    public BooleanProperty pausedProperty() { return paused; }

    /** The window's pause (Ctrl+Shift+P), bound by the panel. */
    public BooleanProperty shellPausedProperty() { return shellPaused; }

    /** Busiest channels over the last seconds. */
    public ObservableList<ChannelRate> rates() { return rates; }

    /** All channels together, e.g. "1,234 msg/s". */
    public ReadOnlyStringProperty rateSummaryProperty() { return rateSummary.getReadOnlyProperty(); }

    /** "Showing 5,000 · 1,234,567 received · messages lost: the pub/sub connection was cut once (about 180,000)" or the paused state. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** How long the pulses took on the FX thread so far (the panel's own share of it; the ingest benchmark prints it). */
    public PulseTimes pulseTimes() {
        return new PulseTimes(pulses, pulseNanos, worstPulseNanos);
    }
}
