package io.trackeep.dashboard.ui;

import io.lettuce.core.AclCategory;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandType;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WindowOnTestServer;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window connected as the read-only ACL user ({@code +@read +@connection +info
 * +ping}): no panel waits forever for what it may not read; each shows what it may read and
 * says, where it matters, that the rest is not permitted.
 */
@ExtendWith(RedisServerExtension.class)
class ReadOnlyUserWindowTest extends FxTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final RedisServerProcess server;
    private final RedisConnections admin;
    private WindowOnTestServer app;

    ReadOnlyUserWindowTest(RedisServerProcess server, RedisConnections admin) {
        this.server = server;
        this.admin = admin;
    }

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        app = new WindowOnTestServer(stage, server);
    }

    @AfterEach
    void close() {
        onFx(() -> app.close());
        admin.sync().aclDeluser("ro");
        clearTemporaryConfig();
    }

    @Test
    void everyPanelLeavesItsReadingStateAndSaysWhatIsNotPermitted(FxRobot robot) {
        admin.sync().zadd("tk:challenge:7:leaderboard", 100, "42");
        admin.sync().zadd("tk:rl:general:10.0.0.7", System.currentTimeMillis() / 1000.0, "m");
        admin.sync().aclSetuser("ro", AclSetuserArgs.Builder.on().addPassword("ro-pw").allKeys().allChannels()
                .addCategory(AclCategory.READ).addCategory(AclCategory.CONNECTION)
                .addCommand(CommandType.INFO).addCommand(CommandType.PING));
        ConnectionProfile reader = app.userProfile("ro", "ro-pw");
        onFx(() -> app.window().controller().connect(reader));
        waitUntil("connected as ro", WAIT, () -> app.window().connection().state() == ConnectionState.CONNECTED
                && app.window().connection().current() != null && "ro".equals(app.window().connection().current().settings().username()));

        Map<KeyCode, String> panels = new LinkedHashMap<>();
        panels.put(KeyCode.DIGIT1, "overview");
        panels.put(KeyCode.DIGIT2, "sessions");
        panels.put(KeyCode.DIGIT3, "rate-limits");
        panels.put(KeyCode.DIGIT4, "caches");
        panels.put(KeyCode.DIGIT5, "leaderboards");
        panels.put(KeyCode.DIGIT6, "pubsub");
        panels.put(KeyCode.DIGIT7, "server");
        panels.put(KeyCode.DIGIT8, "topology");
        panels.put(KeyCode.DIGIT9, "audit");
        Map<String, String> says = Map.of(
                "rate-limits", "Clients cannot be ranked",
                "leaderboards", "Challenge 7");
        for (Map.Entry<KeyCode, String> p : panels.entrySet()) {
            String id = p.getValue();
            robot.push(KeyCode.SHORTCUT, p.getKey());
            waitUntil(id + " shown", Duration.ofSeconds(5), () -> app.window().view().visiblePanel().id().equals(id));
            Node panel = callFx(() -> app.window().view().visiblePanel().node());
            waitUntil(id + " has left its reading state", WAIT, () -> texts(panel).stream().noneMatch(t -> t.startsWith("Reading")));
            if (says.containsKey(id)) {
                waitUntil(id + " says " + says.get(id), WAIT, () -> texts(panel).stream().anyMatch(t -> t.contains(says.get(id))));
            }
            screenshot(app.window().scene(), "read-only-user-" + id);
        }
        assertThat(app.window().connection().state()).as("refusals are not an outage").isEqualTo(ConnectionState.CONNECTED);
    }

    private static List<String> texts(Node root) {
        List<String> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node node, List<String> found) {
        if (!node.isVisible()) {
            return;
        }
        String text = node instanceof Labeled l ? l.getText() : node instanceof Text t ? t.getText() : null;
        if (text != null && !text.isEmpty()) {
            found.add(text);
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, found));
        }
    }
}
