package io.trackeep.dashboard.ui.dialog;

import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link Notifier} as ControlsFX {@link Notifications} in the lower right corner of the window.
 * Errors stay longer than successes. The last notices are kept in memory so end-to-end tests can
 * check what an action reported.
 */
public final class ControlsFxNotifier implements Notifier {

    /** A notice as shown. */
    public record Notice(Kind kind, String title, String text, Instant at) {
    }

    private static final Logger log = LoggerFactory.getLogger(ControlsFxNotifier.class);
    private static final int KEPT = 50;

    private final Supplier<Window> owner;
    private final Deque<Notice> recent = new ArrayDeque<>();

    public ControlsFxNotifier(Supplier<Window> owner) {
        this.owner = Objects.requireNonNull(owner);
    }

    @Override
    public void show(Kind kind, String title, String text) {
        // results and errors quote members, keys and client names as read from Redis
        Notice notice = new Notice(kind, Shown.message(title), Shown.lines(text), Instant.now());
        synchronized (recent) {
            if (recent.size() == KEPT) {
                recent.removeFirst();
            }
            recent.addLast(notice);
        }
        log.info("{}: {} — {}", kind, notice.title(), notice.text());
        if (Platform.isFxApplicationThread()) {
            display(notice);
        } else {
            Platform.runLater(() -> display(notice));
        }
    }

    /** The latest notices, oldest first. */
    public List<Notice> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    private void display(Notice n) {
        Window w = owner.get();
        if (w == null || !w.isShowing()) {
            return;
        }
        Glyph glyph = switch (n.kind()) {
            case SUCCESS -> Glyph.CHECK;
            case INFO -> Glyph.INFO;
            case WARNING -> Glyph.WARNING;
            case ERROR -> Glyph.ERROR;
        };
        var graphic = glyph.view();
        graphic.getStyleClass().addAll("notice-glyph", n.kind().name().toLowerCase(Locale.ROOT));
        Notifications.create()
                .owner(w)
                .title(n.title())
                .text(n.text())
                .graphic(graphic)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(n.kind() == Kind.ERROR || n.kind() == Kind.WARNING ? 12 : 5))
                .show();
    }
}
