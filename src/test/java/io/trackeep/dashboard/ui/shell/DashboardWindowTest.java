package io.trackeep.dashboard.ui.shell;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.Panel;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import io.trackeep.dashboard.ui.task.RefreshLoop;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real window, headless: first start on the Local instance (a real redis-server), panels by
 * shortcut and click, pause and refresh keys, theme, alert badge, and the banner when Redis
 * stops. Writes {@code target/screenshots/shell-<panel>.png} on the way.
 */
class DashboardWindowTest extends FxTestSupport {

    private static final KeyCode[] DIGITS = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4,
            KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};

    private FxUiExecutor executor;
    private LocalInstanceStarter local;
    private DashboardWindow window;
    private long startNanos;

    @Start
    void start(Stage stage) {
        useTemporaryConfig(); // a fresh, empty configuration per test: a first start
        executor = new FxUiExecutor();
        local = new LocalInstanceStarter();
        startNanos = System.nanoTime();
        window = new DashboardWindow(stage, ProfileStore.open(), executor, local);
        // TestFX hands every test the same stage: undo a size an earlier test set
        stage.setWidth(DashboardWindow.DEFAULT_WIDTH);
        stage.setHeight(DashboardWindow.DEFAULT_HEIGHT);
        stage.setX(0);
        stage.setY(0);
        window.show(true);
    }

    @AfterEach
    void closeWindow() {
        onFx(() -> {
            window.close();
            window.stage().hide();
        });
        local.close();
        executor.close();
    }

    @AfterAll
    static void restoreConfig() {
        clearTemporaryConfig();
    }

    private void awaitConnected() {
        waitUntil("connected to the local instance", Duration.ofSeconds(20),
                () -> window.connection().state() == ConnectionState.CONNECTED);
    }

    @Test
    void firstStartSelectsTheLocalInstanceStartsItAndConnects() {
        awaitConnected();
        long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        System.out.println("[measure] window shown to connected to the local instance: " + millis + " ms");

        assertThat(callFx(() -> window.viewModel().selectedProfileProperty().get())).isEqualTo(ConnectionProfile.localInstance());
        assertThat(local.server()).get().matches(RedisServerProcess::isRunning);
        assertThat(callFx(() -> window.stage().getTitle())).isEqualTo("Trackeep Redis Dashboard — Local instance");
        assertThat(callFx(() -> window.stage().getWidth())).isGreaterThanOrEqualTo(1100);
        assertThat(callFx(() -> window.stage().getHeight())).isGreaterThanOrEqualTo(700);
        assertThat(callFx(() -> window.stage().getMinWidth())).isEqualTo(1024);
        assertThat(callFx(() -> window.stage().getMinHeight())).isEqualTo(640);
        assertThat(ProfileStore.open().settings().lastProfile()).isEqualTo(ConnectionProfile.LOCAL_INSTANCE_NAME);
        assertThat(callFx(() -> window.view().visiblePanel().id())).isEqualTo("overview");
        assertThat(callFx(() -> window.viewModel().targetProperty().get()))
                .startsWith("Local instance · redis://127.0.0.1:" + local.server().orElseThrow().port());
    }

    @Test
    void shortcutsAndClicksSwitchPanelsAndEveryPanelIsCaptured(FxRobot robot) throws Exception {
        awaitConnected();
        List<Panel> panels = window.panels().panels();
        assertThat(panels).extracting(Panel::id).containsExactly(
                StandardPanels.ALL.stream().map(s -> s.id()).toArray(String[]::new));

        for (int i = panels.size() - 1; i >= 0; i--) {
            robot.push(KeyCode.SHORTCUT, DIGITS[i]);
            Panel expected = panels.get(i);
            waitUntil("panel " + expected.id() + " after Ctrl+" + (i + 1), Duration.ofSeconds(5),
                    () -> window.view().visiblePanel() == expected && expected.node().getScene() != null);
        }
        for (Panel p : panels) {
            robot.clickOn(p.spec().title());
            waitUntil("panel " + p.id() + " after a click", Duration.ofSeconds(5), () -> window.view().visiblePanel() == p);
            assertThat(callFx(() -> window.shell().visiblePanelProperty().get())).isEqualTo(p.id());
            Path png = screenshot(window.scene(), "shell-" + p.id());
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo((int) Math.round(window.scene().getWidth()));
            assertThat(image.getHeight()).isEqualTo((int) Math.round(window.scene().getHeight()));
        }

        robot.clickOn("#themeButton");
        waitUntil("dark theme", Duration.ofSeconds(5), () -> window.theme().mode() == ThemeMode.DARK);
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT1);
        waitUntil("overview again", Duration.ofSeconds(5), () -> window.view().visiblePanel().id().equals("overview"));
        screenshot(window.scene(), "shell-overview-dark");
        assertThat(ProfileStore.open().settings().theme()).isEqualTo(ThemeMode.DARK);
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT2);
        screenshot(window.scene(), "shell-sessions-dark");
        robot.clickOn("#themeButton");
        waitUntil("light theme", Duration.ofSeconds(5), () -> window.theme().mode() == ThemeMode.LIGHT);
    }

    @Test
    void disconnectedPanelsSayWhatToDoAndTheSmallestWindowStillFits(FxRobot robot) {
        awaitConnected();
        robot.clickOn("#connectButton");
        waitUntil("disconnected", Duration.ofSeconds(5), () -> window.connection().state() == ConnectionState.DISCONNECTED);
        assertThat(callFx(() -> robot.lookup("#connectButton").queryButton().getText())).isEqualTo("Connect");
        onFx(() -> {
            window.stage().setWidth(1024);
            window.stage().setHeight(640);
        });
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT2);
        waitUntil("sessions panel", Duration.ofSeconds(5), () -> window.view().visiblePanel().id().equals("sessions"));
        assertThat(robot.lookup(".connection-empty-state .empty-title").queryAs(Label.class))
                .matches(l -> l.isVisible() && l.getScene() != null)
                .extracting(Label::getText).isEqualTo("Connect to a Redis to see who is logged in");
        screenshot(window.scene(), "shell-disconnected-1024x640");
        for (String id : List.of("#profileBox", "#connectButton", "#pauseButton", "#intervalBox", "#themeButton", "#alertButton")) {
            Node n = robot.lookup(id).query();
            assertThat(callFx(() -> n.localToScene(n.getBoundsInLocal()).getMaxX()))
                    .as(id + " inside the window at 1024 px").isLessThanOrEqualTo(1024);
        }

        robot.clickOn("#connectButton");
        awaitConnected();
    }

    @Test
    void alertBadgeCountsAndOpensTheOverview(FxRobot robot) {
        awaitConnected();
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT7);
        waitUntil("server panel", Duration.ofSeconds(5), () -> window.view().visiblePanel().id().equals("server"));
        onFx(() -> window.shell().alertCountProperty().set(3));
        Label badge = robot.lookup(".alert-badge").queryAs(Label.class);
        assertThat(callFx(badge::isVisible)).isTrue();
        assertThat(callFx(badge::getText)).isEqualTo("3");
        robot.clickOn("#alertButton");
        waitUntil("overview after the alert badge", Duration.ofSeconds(5), () -> window.view().visiblePanel().id().equals("overview"));
        onFx(() -> window.shell().alertCountProperty().set(0));
        assertThat(callFx(badge::isVisible)).isFalse();
    }

    @Test
    void pauseShortcutPausesTheLoopAndF5RefreshesWhilePaused(FxRobot robot) {
        awaitConnected();
        AtomicInteger runs = new AtomicInteger();
        RefreshLoop.Registration reg = window.refreshLoop().register("counter", redis -> {
            redis.sync().ping();
            runs.incrementAndGet();
        });
        try {
            onFx(() -> window.shell().refreshIntervalProperty().set(Duration.ofMillis(500)));
            waitUntil("ticks", Duration.ofSeconds(5), () -> runs.get() >= 2);

            robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.P);
            waitUntil("paused", Duration.ofSeconds(5), () -> window.shell().pausedProperty().get());
            assertThat(callFx(() -> window.viewModel().banners()))
                    .anySatisfy(b -> assertThat(b.title()).startsWith("Refreshing is paused"));
            assertThat(window.refreshLoop().isPaused()).as("the loop runs no round while paused (RefreshLoopTest)").isTrue();
            int paused = runs.get();

            robot.push(KeyCode.F5);
            waitUntil("F5 refreshes while paused", Duration.ofSeconds(5), () -> runs.get() > paused);

            robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.P);
            waitUntil("resumed ticks", Duration.ofSeconds(5), () -> runs.get() >= paused + 3);
            assertThat(callFx(() -> window.viewModel().banners())).isEmpty();
        } finally {
            reg.close();
        }
    }

    @Test
    void bannerAndStaleMarksWhenRedisStopsAndBothGoWhenItReturns(FxRobot robot) {
        awaitConnected();
        RedisServerProcess server = local.server().orElseThrow();
        server.stop();

        waitUntil("unreachable banner", Duration.ofSeconds(10),
                () -> window.connection().state() == ConnectionState.UNREACHABLE);
        Banner banner = callFx(() -> window.viewModel().banners().get(0));
        assertThat(banner.severity()).isEqualTo(Banner.Severity.DANGER);
        assertThat(banner.title()).matches("Redis unreachable — showing data from .+, retrying…");
        VBox area = robot.lookup("#bannerArea").queryAs(VBox.class);
        assertThat(callFx(() -> area.isVisible() && !area.getChildren().isEmpty())).isTrue();
        Node panelRoot = callFx(() -> window.view().visiblePanel().node());
        assertThat(callFx(() -> panelRoot.getPseudoClassStates().contains(LivePanel.STALE))).isTrue();
        assertThat(robot.lookup(".stale-tag").queryAs(Label.class)).matches(Node::isVisible);

        long t0 = System.nanoTime();
        onFx(() -> { });
        long fxRoundTrip = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        System.out.println("[measure] FX thread round trip while Redis is down: " + fxRoundTrip + " ms");
        assertThat(fxRoundTrip).as("window stays responsive").isLessThan(1000);
        screenshot(window.scene(), "shell-unreachable");

        server.restart();
        waitUntil("connected again", Duration.ofSeconds(45), () -> window.connection().state() == ConnectionState.CONNECTED);
        assertThat(callFx(() -> window.viewModel().banners())).isEmpty();
        assertThat(callFx(() -> panelRoot.getPseudoClassStates().contains(LivePanel.STALE))).isFalse();
        assertThat(window.notifier().recent()).anySatisfy(n -> assertThat(n.title()).isEqualTo("Redis answers again"));
    }
}
