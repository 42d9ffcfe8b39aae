package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.sim.SimulatorSettings;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.testing.Faults;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.shell.Banner;
import io.trackeep.dashboard.ui.shell.DashboardWindow;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import io.trackeep.dashboard.ui.task.RefreshLoop;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real window on the local instance, with its traffic simulator, while the instance's
 * redis-server is killed ({@code kill -9}), frozen (SIGSTOP) and thawed, and restarted: the banner
 * says what happened in the words that fit (the supervisor's restart, "stopped answering"), the
 * window keeps answering the keyboard, and the panels' refresh reads Redis again by itself.
 * Every wait is for a condition; {@link #onFx} fails if the FX thread does not answer within 10 s.
 */
class WindowFaultsTest extends FxTestSupport {

    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private FxUiExecutor executor;
    private LocalInstanceStarter local;
    private DashboardWindow window;
    private RefreshLoop.Registration probe;
    private final AtomicLong lastRead = new AtomicLong();
    private final List<String> problemsShown = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        executor = new FxUiExecutor();
        local = new LocalInstanceStarter(LocalInstance.Options.defaults()
                .withSimulator(SimulatorSettings.defaults().withUsers(5).withRequestsPerSecond(10).withChatPerSecond(1)));
        window = new DashboardWindow(stage, ProfileStore.open(), executor, local);
        stage.setWidth(DashboardWindow.DEFAULT_WIDTH);
        stage.setHeight(DashboardWindow.DEFAULT_HEIGHT);
        window.connection().problemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                problemsShown.add(now);
            }
        });
        // Reads on the panels' own refresh loop, next to theirs: when it reads again, they do.
        probe = window.refreshLoop().register("fault-probe", redis -> {
            redis.sync().ping();
            lastRead.set(System.nanoTime());
        });
        window.show(true);
    }

    @AfterEach
    void close() {
        probe.close();
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

    @Test
    void aKilledRedisIsRestartedTheBannerSaysSoAndThePanelsComeBack(FxRobot robot) {
        awaitLive();
        RedisServerProcess redis = local.server().orElseThrow();
        long pid = redis.pid();

        Faults.kill9(redis);

        waitUntil("the banner to tell the restart", RECOVERY, () -> problemsShown.stream()
                .anyMatch(p -> p.contains("The local Redis server stopped unexpectedly (killed by signal 9 (SIGKILL)); restarting it")));
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT2); // the window answers the keyboard meanwhile
        waitUntil("the Sessions panel", RECOVERY, () -> window.view().visiblePanel().id().equals("sessions"));
        long resumed = System.nanoTime();
        waitUntil("a new redis-server", RECOVERY, () -> redis.isRunning() && redis.pid() != pid);
        awaitLiveAfter(resumed);
        assertThat(window.notifier().recent()).anySatisfy(n -> assertThat(n.title()).isEqualTo("Redis answers again"));
    }

    @Test
    void aFrozenRedisIsSaidToHaveStoppedAnsweringAndThePanelsComeBackWhenItThaws(FxRobot robot) {
        awaitLive();
        RedisServerProcess redis = local.server().orElseThrow();
        long resumed;
        try (Faults.Stall stall = Faults.stall(redis)) {
            waitUntil("the banner", RECOVERY, () -> window.connection().state() == ConnectionState.UNREACHABLE);
            waitUntil("the stall said as such", RECOVERY, () -> String.valueOf(window.connection().problemProperty().get())
                    .contains("stopped answering"));
            Banner banner = callFx(() -> window.viewModel().banners().get(0));
            assertThat(banner.title()).startsWith("Redis unreachable");
            assertThat(banner.detail()).contains("stopped answering").doesNotContain("refused").doesNotContain("Currently not connected");
            robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT3);
            waitUntil("the Rate limits panel while Redis is frozen", RECOVERY,
                    () -> window.view().visiblePanel().id().equals("rate-limits"));
            assertThat(callFx(() -> window.view().visiblePanel().node().getPseudoClassStates().contains(LivePanel.STALE))).isTrue();
            resumed = System.nanoTime();
        }
        awaitLiveAfter(resumed);
    }

    @Test
    void aRestartedRedisIsUsedAgain() {
        awaitLive();
        RedisServerProcess redis = local.server().orElseThrow();
        redis.restart();
        long resumed = System.nanoTime();
        awaitLiveAfter(resumed);
        assertThat(redis.isRunning()).isTrue();
    }

    private void awaitLive() {
        awaitLive(System.nanoTime());
    }

    /** Connected, no banner, the visible panel not stale, and the panels' refresh has read Redis since {@code nanos}. */
    private void awaitLive(long nanos) {
        waitUntil("connected, no banner, the panel not stale", RECOVERY, () ->
                window.connection().state() == ConnectionState.CONNECTED
                        && window.viewModel().banners().isEmpty()
                        && !window.view().visiblePanel().node().getPseudoClassStates().contains(LivePanel.STALE));
        waitUntil("the panels' refresh to read Redis again", RECOVERY, () -> lastRead.get() - nanos > 0);
    }

    private void awaitLiveAfter(long redisAnswering) {
        awaitLive(redisAnswering);
        System.out.println("[measure] window live " + (System.nanoTime() - redisAnswering) / 1_000_000 + " ms after Redis answered again");
    }
}
