package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.monitor.pubsub.MessageStream;
import io.trackeep.dashboard.monitor.pubsub.StreamSubscriptions;
import io.trackeep.dashboard.service.pubsub.DeliveryGap;
import io.trackeep.dashboard.service.pubsub.DeliveryLosses;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.dialog.ErrorPresenter;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.task.UiExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pub/Sub panel's pattern subscriptions: the patterns wanted and how each went, on the
 * panel's own pub/sub connection feeding the {@link MessageStream}. Subscribing happens in the
 * background; answers of an older connection are dropped (a generation count). FX thread only,
 * except {@link #dropped()} and {@link #losses()}.
 */
public final class PatternSubscriptions implements AutoCloseable {

    public enum PatternState { SUBSCRIBING, SUBSCRIBED, FAILED }

    /** A subscribed (or wanted) pattern and how that went. */
    public record PatternRow(String pattern, PatternState state, String problem) {
    }

    private record Opened(StreamSubscriptions subscriptions, Map<String, String> failures) {
    }

    private final UiExecutor ui;
    private final MessageStream stream;
    private final ObservableList<PatternRow> patterns = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper connectionNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper connectionTrouble = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper lossNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lossDetail = new ReadOnlyStringWrapper("");
    // Read by the stream table's status line on the FX thread, written here; volatile for dropped() from tests.
    private volatile StreamSubscriptions current;
    private RedisConnections connection;
    private String prefix;
    private long generation;

    PatternSubscriptions(UiExecutor ui, MessageStream stream) {
        this.ui = ui;
        this.stream = stream;
    }

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
        lossNote.set("");
        lossDetail.set("");
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

    /** Says whether the pub/sub connection is up, and what its cuts cost (called by each pulse). */
    void describeConnection() {
        StreamSubscriptions subs = current;
        if (subs == null) {
            return;
        }
        boolean down = !subs.connected();
        connectionTrouble.set(down);
        connectionNote.set(down
                ? "The pub/sub connection is down: messages published meanwhile are lost. It reconnects by itself."
                : "Own pub/sub connection; keeps listening while the panel is hidden.");
        lossNote.set(describeLosses(subs.losses(), false));
        lossDetail.set(describeLosses(subs.losses(), true));
    }

    /** The cuts of the connection in words: the newest one whole (with the evidence for its cause, or not), and the count of all. */
    static String describeLosses(DeliveryLosses losses, boolean withEvidence) {
        DeliveryGap last = losses.last();
        if (last == null) {
            return "";
        }
        Instant at = losses.at();
        String text = (withEvidence ? last.describe(at) : last.summary(at)) + ".";
        if (losses.cuts() > 1) {
            text += " Cut " + Units.count(losses.cuts()) + " times since the panel subscribed; " + (losses.atLeast() ? "at least " : "about ")
                    + Units.count(losses.estimatedLostInGaps()) + " messages lost in the last " + Units.count(losses.gaps().size())
                    + StreamTable.heldPart(losses) + ".";
        }
        return text;
    }

    /** Messages the subscriptions dropped because the stream fell behind (0 when not attached). */
    public long dropped() {
        StreamSubscriptions subs = current;
        return subs == null ? 0 : subs.dropped();
    }

    /** What the subscriptions did not deliver: dropped here, and the cuts of the connection ({@link DeliveryLosses#NONE} when not attached). */
    public DeliveryLosses losses() {
        StreamSubscriptions subs = current;
        return subs == null ? DeliveryLosses.NONE : subs.losses();
    }

    public ObservableList<PatternRow> patterns() { return patterns; }

    public ReadOnlyStringProperty connectionNoteProperty() { return connectionNote.getReadOnlyProperty(); }

    /** The cuts of the pub/sub connection and the messages they cost, empty while there was none. */
    public ReadOnlyStringProperty lossNoteProperty() { return lossNote.getReadOnlyProperty(); }

    /** The loss note with the evidence for the cause (the server's figures), for its tooltip. */
    public ReadOnlyStringProperty lossDetailProperty() { return lossDetail.getReadOnlyProperty(); }

    /** True while the pub/sub connection could not be opened or is down. */
    public ReadOnlyBooleanProperty connectionTroubleProperty() { return connectionTrouble.getReadOnlyProperty(); }

    /** Closes the subscriptions now, on the calling thread (the window closes). */
    @Override
    public void close() {
        generation++;
        StreamSubscriptions old = current;
        current = null;
        connection = null;
        if (old != null) {
            old.close();
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
}
