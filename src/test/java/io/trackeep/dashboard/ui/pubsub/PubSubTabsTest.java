package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.testing.LivePanelTestSupport;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tab of the Pub/Sub side shows its name at the sizes admins use (seen: at 1024×640 the
 * side is at its narrowest, 240 px, and "Subscribers" went into the tab pane's overflow menu).
 */
class PubSubTabsTest extends LivePanelTestSupport {

    @Test
    void everyTabOfTheSideIsShownAt1024And1280(FxRobot robot, RedisServerProcess server) {
        openWindow(server, false);
        for (double[] size : List.of(new double[]{1024, 640}, new double[]{1280, 800})) {
            String at = (int) size[0] + "×" + (int) size[1];
            resize(size[0], size[1]);
            show("pubsub");
            TabPane tabs = robot.lookup(".side-tabs").queryAs(TabPane.class);
            waitUntil("the side laid out at " + at, Duration.ofSeconds(5), () -> tabs.getScene().getWidth() == size[0]
                    && tabs.lookupAll(".tab").size() == tabs.getTabs().size());
            screenshot(window.scene(), "pubsub-tabs-" + (int) size[0]);
            callFx(() -> {
                assertThat(tabs.lookupAll(".control-buttons-tab")).as("the overflow menu at " + at).noneMatch(Node::isVisible);
                Bounds pane = tabs.localToScene(tabs.getLayoutBounds());
                for (Node tab : tabs.lookupAll(".tab")) {
                    assertThat(tab.localToScene(tab.getLayoutBounds()).getMaxX()).as("a tab's right edge at " + at)
                            .isLessThanOrEqualTo(pane.getMaxX());
                }
                return null;
            });
        }
    }
}
