package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import io.trackeep.dashboard.ui.kit.Figure;
import io.trackeep.dashboard.ui.kit.Trend;
import io.trackeep.dashboard.ui.shell.DashboardWindow;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Overview in the real window on the local instance (a real redis-server): live figures,
 * the census strip, the alert badge (also while another panel is shown) and the thresholds
 * dialog. Writes {@code target/screenshots/overview.png} and {@code overview-dark.png}.
 */
class OverviewPanelTest extends FxTestSupport {

    private FxUiExecutor executor;
    private LocalInstanceStarter local;
    private DashboardWindow window;
    private RedisConnections redis;

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        executor = new FxUiExecutor();
        local = new LocalInstanceStarter();
        window = new DashboardWindow(stage, ProfileStore.open(), executor, local);
        stage.setWidth(DashboardWindow.DEFAULT_WIDTH);
        stage.setHeight(DashboardWindow.DEFAULT_HEIGHT);
        stage.setX(0);
        stage.setY(0);
        window.show(true);
    }

    @AfterEach
    void closeWindow() {
        if (redis != null) {
            redis.close();
        }
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

    private RedisConnections connectedRedis() {
        waitUntil("connected to the local instance", Duration.ofSeconds(20),
                () -> window.connection().state() == ConnectionState.CONNECTED);
        redis = RedisConnections.open(local.server().orElseThrow().settings());
        return redis;
    }

    private OverviewViewModel vm() {
        return ((OverviewPanel) window.panels().find("overview").orElseThrow()).viewModel();
    }

    private String text(FxRobot robot, String query) {
        return callFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    @Test
    void showsLiveFiguresTrendsAndTheTrackeepData(FxRobot robot) {
        RedisConnections redis = connectedRedis();
        for (int i = 0; i < 40; i++) {
            redis.sync().setex("tk:session:s" + i, 3600, "{\"user_id\":" + i + "}");
            redis.sync().get("tk:session:s" + i);
        }
        redis.sync().get("tk:cache:missing");
        redis.sync().zadd("tk:rl:general:10.0.0.1", 1, "1");
        redis.sync().set("tk:cache:0123456789abcdef0123456789abcdef", "{}");
        redis.sync().zadd("tk:challenge:7:leaderboard", 10, "42");
        String version = redis.sync().info("server").lines().filter(l -> l.startsWith("redis_version:"))
                .findFirst().orElseThrow().substring("redis_version:".length()).strip();

        waitUntil("version figure", Duration.ofSeconds(10), () -> vm().figure("version").valueProperty().get().equals(version));
        waitUntil("sessions counted", Duration.ofSeconds(15), () -> vm().sessionsProperty().get().equals("40"));
        waitUntil("three points per trend", Duration.ofSeconds(10), () -> vm().trend("memory").points().size() >= 3);

        assertThat(text(robot, "#figure-version .figure-value")).isEqualTo(version);
        assertThat(text(robot, "#figure-health .figure-unit")).isEqualTo("ms");
        assertThat(text(robot, "#figure-memory .figure-detail")).startsWith("no maxmemory set");
        assertThat(text(robot, "#figure-keys .figure-value")).isEqualTo("43");
        assertThat(vm().limiterKeysProperty().get()).isEqualTo("1");
        assertThat(vm().cacheKeysProperty().get()).isEqualTo("1");
        assertThat(vm().leaderboardsProperty().get()).isEqualTo("1");
        assertThat(vm().censusStatusProperty().get()).startsWith("counted ");
        assertThat(robot.lookup(n -> n instanceof Label l && "Session keys".equals(l.getText())).tryQuery())
                .as("the strip counts keys, readable sessions or not, as it does for rate-limit and cache keys").isPresent();
        assertThat(vm().figure("hit-rate").valueProperty().get()).isNotEqualTo(Figure.UNKNOWN_VALUE);
        assertThat(callFx(() -> vm().trend("ops").points().size())).isPositive();
        assertThat(robot.lookup(".trend-chart").queryAll()).hasSize(4);
        assertThat(callFx(() -> window.shell().alertCountProperty().get())).isZero();

        for (int i = 0; i < 10; i++) {
            redis.sync().get(i < 9 ? "tk:session:s" + i : "tk:session:gone"); // lookups within the window of the next checks
        }
        waitUntil("hit rate point", Duration.ofSeconds(10), () -> !vm().trend("hit-rate").points().isEmpty());
        screenshot(window.scene(), "overview");
        robot.clickOn("#themeButton");
        waitUntil("dark theme", Duration.ofSeconds(5), () -> window.theme().mode() == ThemeMode.DARK);
        screenshot(window.scene(), "overview-dark");
        robot.clickOn("#themeButton");
        onFx(() -> window.stage().setHeight(768)); // the headless screen is 1280 wide: 1366 is tried under Xvfb
        screenshot(window.scene(), "overview-1280x768");
        onFx(() -> {
            window.stage().setWidth(1024);
            window.stage().setHeight(640);
        });
        screenshot(window.scene(), "overview-1024x640");
    }

    @Test
    void theFirstFiguresMakeTheWindowLiveForWhatWaitsForIt() {
        connectedRedis();
        // the local instance's HTTP API and simulator wait for this (DashboardApp, LocalInstanceStarter.prepareForWindow)
        waitUntil("the window live", Duration.ofSeconds(20), () -> callFx(() -> window.shell().liveProperty().get()));
        assertThat(callFx(() -> window.viewModel().selectedProfileProperty().get())).isNotNull();
    }

    @Test
    void onTheSmallestWindowTheAlertsScrollIntoViewWhole(FxRobot robot) {
        connectedRedis();
        onFx(() -> {
            window.stage().setWidth(DashboardWindow.MIN_WIDTH);
            window.stage().setHeight(DashboardWindow.MIN_HEIGHT);
        });
        waitUntil("alerts card laid out", Duration.ofSeconds(10), () -> robot.lookup(".alerts-card").tryQuery().isPresent());
        Node card = robot.lookup(".alerts-card").query();
        ScrollPane scroll = callFx(() -> {
            Node n = card.getParent();
            while (!(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            return (ScrollPane) n;
        });
        waitUntil("a vertical scroll bar: the Overview is taller than 640 px allow", Duration.ofSeconds(10), () ->
                scroll.lookupAll(".scroll-bar").stream().anyMatch(b -> b instanceof ScrollBar bar
                        && bar.getOrientation() == Orientation.VERTICAL && bar.isVisible()));

        onFx(() -> scroll.setVvalue(scroll.getVmax()));
        Bounds visible = callFx(() -> scroll.localToScene(scroll.getLayoutBounds()));
        Bounds shown = callFx(() -> card.localToScene(card.getLayoutBounds()));
        assertThat(shown.getMaxY()).as("bottom of the alerts card").isLessThanOrEqualTo(visible.getMaxY() + 0.5);
        assertThat(shown.getHeight()).as("the card is not squeezed").isGreaterThanOrEqualTo(callFx(() -> card.minHeight(-1)));
        screenshot(window.scene(), "overview-1024x640-scrolled");
    }

    @Test
    void memoryAlertShowsOnTheTileInTheListAndAsTheBadgeAlsoFromAnotherPanel(FxRobot robot) {
        RedisConnections redis = connectedRedis();
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT7);
        waitUntil("server panel", Duration.ofSeconds(5), () -> window.view().visiblePanel().id().equals("server"));
        for (int i = 0; i < 600; i++) {
            redis.sync().set("fill:" + i, "x".repeat(4096));
        }
        long used = redis.sync().info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                .map(l -> Long.parseLong(l.substring("used_memory:".length()).strip())).findFirst().orElseThrow();
        redis.sync().configSet("maxmemory", Long.toString((long) (used / 0.88)));

        waitUntil("badge counts the memory alert", Duration.ofSeconds(10), () -> window.shell().alertCountProperty().get() == 1);
        Label badge = robot.lookup(".alert-badge").queryAs(Label.class);
        assertThat(callFx(badge::getText)).isEqualTo("1");
        assertThat(callFx(badge::isVisible)).isTrue();

        robot.clickOn("#alertButton");
        waitUntil("overview after the badge", Duration.ofSeconds(5), () -> window.view().visiblePanel().id().equals("overview"));
        assertThat(callFx(() -> vm().alerts())).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("memory");
            assertThat(a.message()).startsWith("Memory at 8");
        });
        Node tile = robot.lookup("#figure-memory").query();
        assertThat(callFx(() -> tile.getPseudoClassStates())).contains(PseudoClass.getPseudoClass("warning"));
        assertThat(text(robot, ".alerts-title")).isEqualTo("1 alert");
        waitUntil("the alert drawn in the list", Duration.ofSeconds(5),
                () -> robot.lookup(".alert-list .alert-warning .alert-message").tryQuery().isPresent());
        Text message = robot.lookup(".alert-list .alert-warning .alert-message").queryAs(Text.class);
        assertThat(message.getText()).startsWith("Memory at 8");
        assertThat(callFx(() -> message.getBoundsInParent().getHeight())).as("the whole message, wrapped")
                .isGreaterThan(2 * message.getFont().getSize());
        screenshot(window.scene(), "overview-alert");

        redis.sync().configSet("maxmemory", "0");
        waitUntil("alert gone", Duration.ofSeconds(10), () -> window.shell().alertCountProperty().get() == 0);
        assertThat(callFx(badge::isVisible)).isFalse();
        assertThat(callFx(() -> tile.getPseudoClassStates())).doesNotContain(PseudoClass.getPseudoClass("warning"));
    }

    @Test
    void thresholdsDialogValidatesAppliesAndPersists(FxRobot robot) {
        RedisConnections redis = connectedRedis();
        for (int i = 0; i < 300; i++) {
            redis.sync().set("fill:" + i, "x".repeat(4096));
        }
        long used = redis.sync().info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                .map(l -> Long.parseLong(l.substring("used_memory:".length()).strip())).findFirst().orElseThrow();
        redis.sync().configSet("maxmemory", Long.toString(used * 10 / 7)); // about 70 %: below the default 80 %
        waitUntil("memory figure with a limit", Duration.ofSeconds(10), () -> vm().memoryFractionProperty().get() > 0.5);
        assertThat(callFx(() -> window.shell().alertCountProperty().get())).isZero();

        robot.clickOn("#thresholdsButton");
        waitUntil("dialog", Duration.ofSeconds(5), () -> robot.lookup("#memoryField").tryQuery().isPresent());
        TextField memory = robot.lookup("#memoryField").queryAs(TextField.class);
        Button save = robot.lookup("#saveThresholdsButton").queryButton();
        assertThat(callFx(() -> memory.getText())).isEqualTo("80");
        screenshot(robot.lookup(".thresholds-dialog").query(), "overview-thresholds");

        robot.doubleClickOn(memory).eraseText(4).write("150");
        assertThat(callFx(save::isDisabled)).isTrue();
        assertThat(text(robot, "#thresholdsProblem")).isEqualTo("Memory: 150 is not between 0 and 100 %");
        onFx(() -> memory.setText("50"));
        assertThat(callFx(save::isDisabled)).isFalse();
        robot.clickOn(save);

        waitUntil("alert at the new threshold", Duration.ofSeconds(10), () -> window.shell().alertCountProperty().get() == 1);
        assertThat(callFx(() -> vm().alerts().get(0).message())).asString().contains("threshold 50 %");
        AlertThresholds saved = ProfileStore.open().settings().alertThresholds();
        assertThat(saved.memoryFraction()).isEqualTo(0.5);
        assertThat(saved.minHitRate()).isEqualTo(AlertThresholds.DEFAULTS.minHitRate());
        redis.sync().configSet("maxmemory", "0");
    }
}
