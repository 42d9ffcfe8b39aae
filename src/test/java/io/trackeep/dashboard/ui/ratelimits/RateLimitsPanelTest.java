package io.trackeep.dashboard.ui.ratelimits;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.GoLimitCacheFixtures;
import io.trackeep.dashboard.testing.LivePanelTestSupport;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Rate limits panel in the real window against a real Redis: live limiters and clients,
 * reset a client and change a limit end to end (click, confirm, Redis changed, audit entry),
 * the usage look-up, and the read-only refusal. Writes {@code target/screenshots/rate-limits.png}
 * and {@code rate-limits-dark.png}.
 */
class RateLimitsPanelTest extends LivePanelTestSupport {

    private RedisConnections redis;
    private KeySchema keys;

    /** Traffic through the service layer (with its counters), a limiter only the Go backend knows, and 15 minutes of counters. */
    private void liveData(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
        try (RateLimits limits = new RateLimits(redis)) {
            check(limits, "general", "10.0.0.7", 92);
            check(limits, "general", "10.0.0.12", 61);
            check(limits, "general", "172.16.4.20", 18);
            check(limits, "auth", "10.0.0.7", 7); // 5 admitted, 2 blocked
            check(limits, "auth", "10.0.0.9", 2);
            check(limits, "ai-chat", "user:42", 15);
            check(limits, "upload", "user:7", 9);
            check(limits, "search", "user:42", 30);
            limits.stats().flush();
        }
        GoLimitCacheFixtures go = new GoLimitCacheFixtures(redis);
        go.slidingWindow("export", "10.0.0.1", 3, 60);
        go.slidingWindow("export", "10.0.0.2", 1, 60);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int m = 1; m < 15; m++) {
            Instant minute = now.minus(m, ChronoUnit.MINUTES);
            counters("general", minute, 140 + (m * 37) % 90, (m * 13) % 25);
            counters("auth", minute, 6 + m % 5, m % 4);
        }
    }

    private static void check(RateLimits limits, String limiter, String client, int times) {
        for (int i = 0; i < times; i++) {
            limits.forName(limiter).check(client);
        }
    }

    /** Per-minute counters in the project's format, as RateLimitStats writes them. */
    private void counters(String limiter, Instant minute, long allowed, long blocked) {
        String key = keys.stats("ratelimit", limiter, minute);
        redis.sync().hincrby(key, "allowed", allowed);
        redis.sync().hincrby(key, "blocked", blocked);
    }

    private RateLimitsPanel open(RedisServerProcess server, boolean readOnly) {
        openWindow(server, readOnly);
        RateLimitsPanel panel = (RateLimitsPanel) show("rate-limits");
        waitUntil("limiters listed", Duration.ofSeconds(10), () -> table("#limiters-table").getItems().size() >= 5);
        return panel;
    }

    private TableView<?> table(String id) {
        return (TableView<?>) window.scene().lookup(id);
    }

    /**
     * Clicks the row showing {@code text} until it is selected: a refresh may redraw the table
     * between finding a cell and the click landing on it.
     */
    private void clickCell(FxRobot robot, String tableId, String text) {
        for (int attempt = 0; attempt < 5; attempt++) {
            waitUntil("cell " + text, Duration.ofSeconds(10), () -> cell(robot, tableId, text) != null);
            robot.clickOn(callFx(() -> cell(robot, tableId, text)));
            if (callFx(() -> String.valueOf(table(tableId).getSelectionModel().getSelectedItem()).contains(text))) {
                return;
            }
        }
        throw new AssertionError("Could not select the row of " + text + " in " + tableId);
    }

    private static Node cell(FxRobot robot, String tableId, String text) {
        return robot.lookup(tableId + " .table-cell").queryAll().stream()
                .filter(n -> n instanceof TableCell<?, ?> c && text.equals(c.getText()) && n.isVisible()).findFirst().orElse(null);
    }

    @Test
    void showsLimitersTheirClosestClientsAndPerMinuteCountsAndWritesScreenshots(FxRobot robot, RedisServerProcess server,
                                                                                RedisConnections redis) {
        liveData(redis);
        RateLimitsPanel panel = open(server, false);

        RateLimitsViewModel vm = panel.viewModel();
        waitUntil("clients counted", Duration.ofSeconds(10), () -> vm.rows().stream()
                .anyMatch(r -> r.limiter().equals("general") && "3".equals(r.clientsText())));
        RateLimitsViewModel.LimiterRow general = callFx(() -> vm.rows().stream().filter(r -> r.limiter().equals("general")).findFirst().orElseThrow());
        assertThat(general.limit()).isEqualTo("100 / 1 min");
        assertThat(general.closest()).isEqualTo("10.0.0.7 · 92%");
        assertThat(general.allowed()).isGreaterThanOrEqualTo(171);
        RateLimitsViewModel.LimiterRow export = callFx(() -> vm.rows().stream().filter(r -> r.limiter().equals("export")).findFirst().orElseThrow());
        assertThat(export.limit()).isEqualTo("not defined here");
        assertThat(export.algorithm()).isEqualTo("sliding window");

        clickCell(robot, "#limiters-table", "general");
        waitUntil("general's clients", Duration.ofSeconds(5), () -> table("#top-clients-table").getItems().size() == 3);
        waitUntil("general's chart: the 14 finished minutes, not the current one", Duration.ofSeconds(5),
                () -> chartValues(robot, ".per-minute-chart", "allowed").size() == 14);

        screenshot(window.scene(), "rate-limits");
        useTheme(ThemeMode.DARK);
        screenshot(window.scene(), "rate-limits-dark");
        useTheme(ThemeMode.LIGHT);
        resize(1280, 768); // the headless screen is 1280 wide; 768 is the height of a 1366x768 laptop
        screenshot(window.scene(), "rate-limits-1280x768");
        Node lookup = robot.lookup("#lookup-button").query();
        Node statusBar = robot.lookup(".status-bar").query();
        assertThat(callFx(() -> lookup.localToScene(lookup.getBoundsInLocal()).getMaxY()))
                .isLessThanOrEqualTo(callFx(() -> statusBar.localToScene(statusBar.getBoundsInLocal()).getMinY()));
        assertThat(callFx(() -> statusBar.localToScene(statusBar.getBoundsInLocal()).getMaxY())).as("the status bar fits 768 px")
                .isLessThanOrEqualTo(callFx(() -> window.scene().getHeight()));
    }

    @Test
    void resetAClientFromTheClosestClients(FxRobot robot, RedisServerProcess server, RedisConnections redis) {
        liveData(redis);
        open(server, false);
        String key = keys.rateLimit("auth", "10.0.0.7");

        clickCell(robot, "#limiters-table", "auth");
        clickCell(robot, "#top-clients-table", "10.0.0.7");
        robot.clickOn("#reset-client-button");
        confirm(robot, "Reset rate limit of client 10.0.0.7 for 'auth' (5 of 5 used)?", "Reset rate limit");

        assertThat(awaitAudit(redis, "ratelimit.reset").target()).isEqualTo("auth:10.0.0.7");
        assertThat(redis.sync().exists(key)).isZero();
        assertThat(awaitNotice("Reset rate limit").text()).isEqualTo("Reset rate limit of 10.0.0.7 for 'auth' (was 5 of 5 used)");
        waitUntil("client gone from the list", Duration.ofSeconds(10), () -> cell(robot, "#top-clients-table", "10.0.0.7") == null);
    }

    /** At 1024x640 the clients' empty state (glyph, title, message) was drawn over the header and the note below the table. */
    @Test
    void theClientsEmptyStateFitsInsideItsTableAt1024(FxRobot robot, RedisServerProcess server) {
        open(server, false);
        resize(1024, 640);
        TableView<?> clients = table("#top-clients-table");
        waitUntil("the clients' empty state", Duration.ofSeconds(10), () -> callFx(() -> clients.getItems().isEmpty()
                && robot.from(clients).lookup(".empty-state").tryQuery().map(Node::isVisible).orElse(false)));
        screenshot(window.scene(), "rate-limits-empty-1024x640");
        Node empty = robot.from(clients).lookup(".empty-state").query();
        Node header = robot.from(clients).lookup(".column-header-background").query();
        double top = callFx(() -> header.localToScene(header.getBoundsInLocal()).getMaxY());
        double bottom = callFx(() -> clients.localToScene(clients.getBoundsInLocal()).getMaxY());
        assertThat(callFx(() -> empty.localToScene(empty.getBoundsInLocal()).getMinY())).as("below the header").isGreaterThanOrEqualTo(top);
        assertThat(callFx(() -> empty.localToScene(empty.getBoundsInLocal()).getMaxY())).as("inside the table").isLessThanOrEqualTo(bottom);
    }

    @Test
    void changeALimitThroughTheEditorAndTheConfirmation(FxRobot robot, RedisServerProcess server, RedisConnections redis) {
        liveData(redis);
        open(server, false);

        clickCell(robot, "#limiters-table", "general");
        robot.clickOn("#change-limit-button");
        waitUntil("limit editor", Duration.ofSeconds(5), () -> robot.lookup("#limit-field").tryQuery().isPresent());

        onFx(() -> robot.lookup("#algorithm-box").queryAs(ComboBox.class).setValue(LimitAlgorithm.TOKEN_BUCKET));
        assertThat(callFx(() -> robot.lookup("#limit-problem").queryAs(Label.class).getText()))
                .isEqualTo("Limiter 'general' is a sliding-window limiter: its clients' keys are sorted sets, "
                        + "so it cannot become token-bucket; use a new limiter name");
        assertThat(callFx(() -> robot.lookup("#limit-continue").query().isDisabled())).isTrue();
        onFx(() -> robot.lookup("#algorithm-box").queryAs(ComboBox.class).setValue(LimitAlgorithm.SLIDING_WINDOW));

        robot.doubleClickOn("#limit-field").write("200");
        waitUntil("change shown", Duration.ofSeconds(5), () -> robot.lookup("#limit-change").queryAs(Label.class).getText()
                .equals("100 / 1 min  →  200 / 1 min, sliding window"));
        robot.clickOn("#limit-continue");
        confirm(robot, "Change the 'general' rate limit from 100 / 1 min to 200 / 1 min (sliding window)?", "Change limit");

        awaitAudit(redis, "ratelimit.change");
        assertThat(Json.read(redis.sync().hget(keys.rateLimitConfig(), "general"), LimitDefinition.class))
                .isEqualTo(LimitDefinition.slidingWindow(200, Duration.ofMinutes(1)));
        waitUntil("table shows the new limit", Duration.ofSeconds(10), () -> cell(robot, "#limiters-table", "200 / 1 min") != null);
    }

    @Test
    void lookUpAClientsUsage(FxRobot robot, RedisServerProcess server, RedisConnections redis) {
        liveData(redis);
        open(server, false);

        onFx(() -> robot.lookup("#lookup-limiter").queryAs(ComboBox.class).setValue("auth"));
        robot.clickOn("#lookup-client").write("10.0.0.9");
        robot.clickOn("#lookup-button");

        waitUntil("usage shown", Duration.ofSeconds(10), () -> robot.lookup("#lookup-result").queryAs(Label.class).getText()
                .startsWith("2 of 5 used · 3 remaining · back to empty in "));
        assertThat(callFx(() -> robot.lookup("#lookup-reset-button").query().isDisabled())).isFalse();
        assertThat(redis.sync().get(keys.rateLimit("auth", "10.0.0.9"))).as("nothing consumed").isEqualTo("2");

        onFx(() -> robot.lookup("#lookup-limiter").queryAs(ComboBox.class).setValue("export"));
        robot.clickOn("#lookup-button");
        waitUntil("no limit", Duration.ofSeconds(10), () -> robot.lookup("#lookup-result").queryAs(Label.class).getText()
                .contains("No rate limit defined for limiter 'export'"));
    }

    @Test
    void goOnlyDataSaysThePerMinuteCountersAreUnavailable(RedisServerProcess server, RedisConnections redis) {
        new GoLimitCacheFixtures(redis).fixedWindow("auth", "10.0.0.7", 3, 60);
        RateLimitsPanel panel = open(server, false);
        waitUntil("auth's client", Duration.ofSeconds(10), () -> panel.viewModel().topClients().size() == 1);
        waitUntil("unavailable note", Duration.ofSeconds(5), () -> window.scene().lookup("#rate-chart-unavailable").isVisible());
        assertThat(callFx(() -> ((Label) window.scene().lookup("#rate-chart-unavailable .empty-message")).getText()))
                .isEqualTo(RateLimitsViewModel.NO_COUNTERS + ".");
    }

    @Test
    void readOnlyConnectionRefusesTheResetWithoutAsking(FxRobot robot, RedisServerProcess server, RedisConnections redis) {
        liveData(redis);
        open(server, true);
        String key = keys.rateLimit("auth", "10.0.0.7");

        clickCell(robot, "#limiters-table", "auth");
        clickCell(robot, "#top-clients-table", "10.0.0.7");
        robot.clickOn("#reset-client-button");

        assertThat(awaitNotice("Reset rate limit refused").text()).contains("read-only");
        assertThat(redis.sync().get(key)).isEqualTo("5");
        assertThat(callFx(() -> robot.lookup("#confirm-button").tryQuery().isPresent())).as("no confirmation was shown").isFalse();
    }
}
