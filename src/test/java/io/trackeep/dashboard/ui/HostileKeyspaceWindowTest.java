package io.trackeep.dashboard.ui;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.testing.HostileKeyspace;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import io.trackeep.dashboard.testing.WindowOnTestServer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real window on a hostile keyspace ({@link HostileKeyspace}): every panel is shown in turn
 * and must leave its "reading" state, show its good entries, and show no raw control character,
 * newline in a table cell, byte that is not UTF-8 (a lone surrogate) or bidi override anywhere
 * in its visible text. The Pub/Sub panel also receives hostile messages while it listens.
 */
@ExtendWith(RedisServerExtension.class)
class HostileKeyspaceWindowTest extends FxTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Panel (by its accelerator digit) → a text it shows once it has read the hostile keyspace. */
    private static final Map<KeyCode, String> PANELS = Map.of(
            KeyCode.DIGIT1, "overview", KeyCode.DIGIT2, "sessions", KeyCode.DIGIT3, "rate-limits", KeyCode.DIGIT4, "caches",
            KeyCode.DIGIT5, "leaderboards", KeyCode.DIGIT6, "pubsub", KeyCode.DIGIT7, "server", KeyCode.DIGIT8, "topology",
            KeyCode.DIGIT9, "audit");

    private final RedisServerProcess server;
    private WindowOnTestServer app;
    private HostileKeyspace.Written written;

    HostileKeyspaceWindowTest(RedisServerProcess server) {
        this.server = server;
    }

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        app = new WindowOnTestServer(stage, server);
    }

    @AfterEach
    void close() {
        onFx(() -> app.close());
        if (written != null) {
            written.close();
        }
        clearTemporaryConfig();
    }

    @Test
    void everyPanelLeavesItsReadingStateShowsTheGoodEntriesAndNoRawControlCharacter(FxRobot robot) {
        written = HostileKeyspace.write(server, HostileKeyspace.configuredSize()); // after the extension's FLUSHALL
        Map<String, String> good = Map.of(
                "leaderboards", HostileKeyspace.GOOD_BOARD,
                "rate-limits", HostileKeyspace.GOOD_LIMITER,
                "caches", "response",
                "pubsub", HostileKeyspace.GOOD_CHANNEL,
                "server", "No slow commands", // the slow log, shown first, is off on test servers
                "audit", "cache.invalidate");
        for (KeyCode digit : List.of(KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9)) {
            String id = PANELS.get(digit);
            robot.push(KeyCode.SHORTCUT, digit);
            waitUntil(id + " shown", Duration.ofSeconds(5), () -> app.window().view().visiblePanel().id().equals(id));
            Node panel = callFx(() -> app.window().view().visiblePanel().node());
            waitUntil(id + " has left its reading state", WAIT, () -> texts(panel).stream().noneMatch(t -> t.text().startsWith("Reading")));
            if (good.containsKey(id)) {
                waitUntil(id + " shows " + good.get(id), WAIT, () -> texts(panel).stream().anyMatch(t -> t.text().contains(good.get(id)))
                        || rows(panel).stream().anyMatch(r -> r.contains(good.get(id)))); // a row scrolled out of sight
            }
            if (id.equals("leaderboards")) {
                waitUntil("the Latin-1 board escaped", WAIT, () -> texts(panel).stream().anyMatch(t -> t.text().equals("gen\\xe9ral")));
                waitUntil("the odd board keys counted", WAIT, () -> texts(panel).stream()
                        .anyMatch(t -> t.text().contains("3 keys named like a board are not one")));
            }
            if (id.equals("pubsub")) {
                // published until the panel's pattern subscription is up and they arrive
                WaitFor.condition(WAIT, "the hostile messages in the stream", () -> HostileKeyspace.publishHostileMessages(server) > 0
                        && callFx(() -> texts(panel).stream().anyMatch(t -> t.text().contains("\\x1b]0;pwned"))));
            }
            screenshot(app.window().scene(), "hostile-" + id);
            List<Shown> unsafe = callFx(() -> texts(panel).stream().filter(t -> !t.safe()).toList());
            assertThat(unsafe).as("raw control characters, lone surrogates or newlines in cells on " + id).isEmpty();
        }
    }

    /** A visible text of the scene graph and whether it may be shown as it is. */
    record Shown(String node, String text, boolean inCell) {
        boolean safe() {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' && !inCell) {
                    continue; // a wrapped message may break its lines on purpose
                }
                if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                    return false;
                }
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What the rows of every table in the panel hold (records print their fields), shown or scrolled away. */
    private static List<String> rows(Node panel) {
        return panel.lookupAll(".table-view").stream().filter(n -> n instanceof TableView<?>)
                .flatMap(t -> ((TableView<?>) t).getItems().stream()).map(String::valueOf).toList();
    }

    private static List<Shown> texts(Node root) {
        List<Shown> found = new ArrayList<>();
        collect(root, false, found);
        return found;
    }

    private static void collect(Node node, boolean inCell, List<Shown> found) {
        if (!node.isVisible()) {
            return;
        }
        boolean cell = inCell || node instanceof Cell<?>;
        String text = node instanceof Labeled l ? l.getText()
                : node instanceof Text t ? t.getText()
                : node instanceof TextInputControl t ? t.getText() : null;
        if (text != null && !text.isEmpty()) {
            found.add(new Shown(node.getClass().getSimpleName() + node.getStyleClass(), text, cell && !(node instanceof TextInputControl)));
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, cell, found);
            }
        }
    }
}
