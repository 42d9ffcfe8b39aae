package io.trackeep.dashboard.ui;

import io.trackeep.dashboard.testing.FxTestSupport;
import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The window icon is the installer's icon and loads (in the background). */
class DashboardAppIconTest extends FxTestSupport {

    @Test
    void iconLoads() {
        Image icon = callFx(DashboardApp::icon);
        waitUntil("the icon decoded", Duration.ofSeconds(10), () -> icon.getProgress() >= 1 || icon.isError());
        assertThat(icon.isError()).as(String.valueOf(icon.getException())).isFalse();
        assertThat(icon.getWidth()).isEqualTo(256);
        assertThat(icon.getHeight()).isEqualTo(256);
    }
}
