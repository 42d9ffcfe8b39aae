package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.monitor.pubsub.MessageStream;
import io.trackeep.dashboard.monitor.pubsub.StreamMessage;
import io.trackeep.dashboard.service.pubsub.JsonPayload;
import io.trackeep.dashboard.service.pubsub.SessionIdsInPayloads;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.Optional;

/**
 * The selected message of the Pub/Sub panel, whole: its channel and time, the payload
 * pretty-printed when it is JSON, and session ids in it masked unless the admin asks to see them
 * ({@link #showSessionIdsProperty()}, off by default, also governing the table and the export).
 * FX thread only.
 */
public final class MessageDetail {

    /** Characters of a payload pretty-printed; longer ones are shown raw. */
    static final int PRETTY_LIMIT = MessageStream.MAX_PAYLOAD_CHARS;

    private final ObjectProperty<StreamMessage> selected = new SimpleObjectProperty<>();
    private final BooleanProperty showSessionIds = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tag = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper json = new ReadOnlyBooleanWrapper(false);

    MessageDetail() {
        selected.addListener((obs, o, m) -> show());
        showSessionIds.addListener((obs, o, n) -> show());
        show();
    }

    /** A payload as the panel shows it: session ids masked unless the admin asked to see them. */
    public String shown(String payload) {
        return showSessionIds.get() ? payload : SessionIdsInPayloads.mask(payload);
    }

    private void show() {
        StreamMessage m = selected.get();
        if (m == null) {
            title.set("Select a message to see its payload.");
            text.set("");
            tag.set("");
            json.set(false);
            return;
        }
        title.set(Shown.text(m.channel()) + " · " + Times.dateTime(m.receivedAt())
                + (m.pattern() == null ? "" : " · via " + m.pattern()) + " · " + Units.count(m.payloadLength()) + " characters");
        boolean prettyAllowed = !m.truncated() && m.payload().length() <= PRETTY_LIMIT;
        Optional<String> pretty = !prettyAllowed ? Optional.empty()
                : showSessionIds.get() ? JsonPayload.pretty(m.payload()) : SessionIdsInPayloads.maskPretty(m.payload());
        json.set(pretty.isPresent());
        if (pretty.isPresent()) {
            tag.set("JSON");
            text.set(pretty.get());
        } else {
            tag.set(m.truncated() ? "cut: only the first " + Units.count(m.payload().length()) + " characters are kept" : "not JSON");
            text.set(shown(m.payload()));
        }
    }

    /** The message whose payload is shown. */
    public ObjectProperty<StreamMessage> selectedProperty() { return selected; }

    /** True when the admin asked to see whole session ids (they are bearer credentials). */
    public BooleanProperty showSessionIdsProperty() { return showSessionIds; }

    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }

    /** Pretty-printed JSON, or the payload as received. */
    public ReadOnlyStringProperty textProperty() { return text.getReadOnlyProperty(); }

    /** "JSON", "not JSON" or why the payload is cut. */
    public ReadOnlyStringProperty tagProperty() { return tag.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty jsonProperty() { return json.getReadOnlyProperty(); }
}
