package io.trackeep.dashboard.ui.leaderboards;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.admin.LeaderboardActions;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WindowOnTestServer;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.dialog.Notifier;
import io.trackeep.dashboard.ui.shell.DashboardWindow;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Leaderboards panel in the real window on a real Redis holding boards as the Go backend
 * writes them: live data, rank movement, look-up, remove and reset end to end (click, confirm,
 * gone in Redis, audited in P:audit), read-only refusal, screenshots.
 */
@ExtendWith(RedisServerExtension.class)
class LeaderboardsPanelTest extends FxTestSupport {

    private static final String BOARD = "tk:challenge:7:leaderboard";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final RedisServerProcess server;
    private final RedisConnections redis;
    private WindowOnTestServer app;

    LeaderboardsPanelTest(RedisServerProcess server, RedisConnections redis) {
        this.server = server;
        this.redis = redis;
    }

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        app = new WindowOnTestServer(stage, server);
    }

    @AfterEach
    void closeWindow() {
        onFx(() -> app.close());
    }

    @AfterAll
    static void restoreConfig() {
        clearTemporaryConfig();
    }

    private DashboardWindow window() {
        return app.window();
    }

    /** Boards as the Go backend writes them: ZADD with decimal user ids; one member written by something else. */
    private void goFixture() {
        var r = redis.sync();
        for (int user = 1; user <= 30; user++) {
            r.zadd(BOARD, 4000 - user * 97, Integer.toString(100 + user)); // 3,903 down to 1,090
        }
        r.zadd(BOARD, 4800, "42");
        r.zadd(BOARD, 3100, "bob");
        r.zadd("tk:challenge:12:leaderboard", 900, "7");
        r.zadd("tk:challenge:12:leaderboard", 450, "8");
        r.zadd("tk:challenge:spring-sprint:leaderboard", 77, "5");
    }

    private LeaderboardsPanel openPanel() {
        waitUntil("connected", WAIT, () -> window().connection().state() == ConnectionState.CONNECTED);
        onFx(() -> window().shell().navigate("leaderboards"));
        LeaderboardsPanel panel = (LeaderboardsPanel) window().panels().find("leaderboards").orElseThrow();
        waitUntil("board 7 on screen", WAIT, () -> "7".equals(panel.viewModel().selectedBoardProperty().get())
                && panel.viewModel().places().size() >= 20);
        return panel;
    }

    private TableView<PlaceRow> placeTable(FxRobot robot) {
        return robot.lookup(".places-table").queryTableView();
    }

    /** The cell showing {@code text}, once drawn: the view model's rows reach the table's cells at the next pulse. */
    private Node cellWithText(FxRobot robot, String text) {
        Predicate<Node> showing = n -> n instanceof TableCell<?, ?> c && text.equals(c.getText()) && c.isVisible();
        waitUntil("a cell showing " + text, WAIT, () -> robot.lookup(showing).tryQuery().isPresent());
        return robot.lookup(showing).query();
    }

    @Test
    void showsEveryBoardAndTheTopWithMovementAndIsCaptured(FxRobot robot) {
        goFixture();
        LeaderboardsPanel panel = openPanel();

        assertThat(callFx(() -> List.copyOf(panel.viewModel().boards())))
                .extracting(b -> b.id() + "=" + b.size()).containsExactly("7=32", "12=2", "spring-sprint=1");
        assertThat(callFx(() -> placeTable(robot).getItems().size())).isEqualTo(20);
        assertThat(callFx(() -> placeTable(robot).getItems().get(0).who())).isEqualTo("42");
        assertThat(robot.lookup(".board-title").queryAs(Label.class).getText()).isEqualTo("Challenge 7");
        assertThat(callFx(() -> robot.lookup(".board-facts").queryAs(Label.class).getText())).startsWith("32 members · top 20 · read ");

        // the foreign member is shown as such
        onFx(() -> panel.viewModel().topProperty().set(40));
        waitUntil("all members", WAIT, () -> panel.viewModel().places().size() == 32);
        onFx(() -> placeTable(robot).scrollTo(placeTable(robot).getItems().stream().filter(r -> r.place().foreign()).findFirst().orElseThrow()));
        assertThat(cellWithText(robot, "\"bob\"  (not a user id)").getStyleClass()).contains("foreign-member");
        onFx(() -> panel.viewModel().topProperty().set(20));
        waitUntil("top 20 again", WAIT, () -> panel.viewModel().places().size() == 20);

        // the ranking changes while watched: arrows appear
        redis.sync().zadd(BOARD, 4900, "110"); // from rank 12 to 2
        redis.sync().zadd(BOARD, 4950, "777"); // new at the top
        waitUntil("movement", WAIT, () -> panel.viewModel().places().stream().anyMatch(r -> r.movement().kind() == RankMovement.Kind.NEW));
        assertThat(callFx(() -> panel.viewModel().places().stream().filter(r -> r.who().equals("42")).findFirst().orElseThrow().movement().text()))
                .isEqualTo("▼2");
        assertThat(callFx(() -> panel.viewModel().places().subList(0, 3).stream().map(r -> r.who() + " " + r.movement().text()).toList()))
                .containsExactly("777 new", "110 ▲10", "42 ▼2");

        onFx(() -> placeTable(robot).scrollTo(0));
        robot.clickOn(cellWithText(robot, "User 110"));
        robot.clickOn(".lookup-field").write("128");
        robot.clickOn("Find rank");
        waitUntil("look-up result", WAIT, () -> panel.viewModel().lookedUpProperty().get() != null);
        screenshot(window().scene(), "leaderboards");
        onFx(() -> window().theme().setMode(ThemeMode.DARK));
        screenshot(window().scene(), "leaderboards-dark");
        onFx(() -> window().theme().setMode(ThemeMode.LIGHT));
        for (String id : List.of(".top-spinner", ".lookup-field", ".board-actions .danger")) {
            Node n = robot.lookup(id).query();
            assertThat(callFx(() -> n.localToScene(n.getBoundsInLocal()).getMaxX())).as(id + " inside the window")
                    .isLessThanOrEqualTo(window().scene().getWidth());
        }
    }

    @Test
    void removeAMemberClickConfirmGoneAndAudited(FxRobot robot) {
        goFixture();
        LeaderboardsPanel panel = openPanel();

        robot.clickOn(cellWithText(robot, "User 42"));
        robot.clickOn("Remove member…");
        clickWhenShown(robot, "Remove user 42"); // the confirm button is named by its verb

        waitUntil("member gone from Redis", WAIT, () -> redis.sync().zscore(BOARD, "42") == null);
        waitUntil("gone from the table", WAIT, () -> panel.viewModel().places().stream().noneMatch(r -> r.who().equals("42")));
        // the audit entry is written after the change it records: wait for it, as for the change
        waitUntil("the removal audited", WAIT, () -> new AuditTrail(redis).latest(5).stream()
                .anyMatch(e -> LeaderboardActions.REMOVE_MEMBER.equals(e.action())));
        List<AuditEntry> audit = new AuditTrail(redis).latest(5);
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(LeaderboardActions.REMOVE_MEMBER);
            assertThat(e.target()).isEqualTo("challenge 7, member 42");
            assertThat(e.result()).isEqualTo("ok: Removed user 42 from challenge 7");
        });
        waitUntil("notification", WAIT, () -> app.notifier().recent().stream()
                .anyMatch(n -> n.kind() == Notifier.Kind.SUCCESS && n.text().equals("Removed user 42 from challenge 7")));
    }

    @Test
    void cancellingTheConfirmationChangesNothing(FxRobot robot) {
        goFixture();
        openPanel();
        robot.clickOn(cellWithText(robot, "User 42"));
        robot.clickOn("Remove member…");
        clickWhenShown(robot, "#cancel-button");
        waitUntil("the confirmation closed", Duration.ofSeconds(5), () -> robot.lookup("#cancel-button").tryQuery().isEmpty());
        assertThat(redis.sync().zscore(BOARD, "42")).isEqualTo(4800.0);
        assertThat(new AuditTrail(redis).latest(5)).isEmpty();
    }

    @Test
    void lookUpAUserBeyondTheTopAndResetTheScore(FxRobot robot) {
        goFixture();
        LeaderboardsPanel panel = openPanel();
        double before = redis.sync().zscore(BOARD, "128");
        long rank = 1 + redis.sync().zcount(BOARD, io.lettuce.core.Range.from(
                io.lettuce.core.Range.Boundary.excluding(before), io.lettuce.core.Range.Boundary.unbounded()));
        assertThat(rank).as("beyond the top 20").isGreaterThan(20);

        robot.clickOn(".lookup-field").write("128");
        robot.clickOn("Find rank");
        waitUntil("look-up result", WAIT, () -> panel.viewModel().lookedUpProperty().get() != null);
        assertThat(robot.lookup(".lookup-result").queryAs(Label.class).getText())
                .startsWith("User 128: rank " + rank + " of 32 with ");

        robot.clickOn(".lookup-row .button"); // Reset score…, the first button of the look-up row
        clickWhenShown(robot, "Reset score to 0");

        waitUntil("score reset in Redis", WAIT, () -> Double.valueOf(0).equals(redis.sync().zscore(BOARD, "128")));
        // the audit entry is written after the reset it records (it failed as empty under load): wait for it too
        waitUntil("the reset audited", WAIT, () -> !new AuditTrail(redis).latest(1).isEmpty());
        assertThat(new AuditTrail(redis).latest(1)).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo(LeaderboardActions.RESET_SCORE));
        waitUntil("look-up refreshed", WAIT, () -> panel.viewModel().lookupResultProperty().get().endsWith("with 0 points."));
    }

    @Test
    void readOnlyRefusesWithANotificationAndTheMemberStays(FxRobot robot) {
        goFixture();
        openPanel();
        ConnectionProfile readOnly = app.readOnlyProfile();
        onFx(() -> window().controller().connect(readOnly));
        waitUntil("read-only connection", WAIT, () -> window().connection().state() == ConnectionState.CONNECTED
                && window().connection().current() != null && window().connection().current().settings().readOnly());
        LeaderboardsPanel panel = (LeaderboardsPanel) window().panels().find("leaderboards").orElseThrow();
        waitUntil("board 7 again", WAIT, () -> panel.viewModel().places().size() >= 20);

        robot.clickOn(cellWithText(robot, "User 42"));
        robot.clickOn("Remove member…");

        waitUntil("refusal notification", WAIT, () -> app.notifier().recent().stream()
                .anyMatch(n -> n.kind() == Notifier.Kind.WARNING && n.title().equals("Remove leaderboard member refused")
                        && n.text().contains("read-only")));
        assertThat(robot.lookup("#confirm-button").tryQuery()).as("no confirmation for an action that cannot run").isEmpty();
        assertThat(redis.sync().zscore(BOARD, "42")).isEqualTo(4800.0);
        assertThat(new AuditTrail(redis).latest(5)).isEmpty();
    }

    @Test
    void anEmptyRedisExplainsWhatWouldAppear(FxRobot robot) {
        waitUntil("connected", WAIT, () -> window().connection().state() == ConnectionState.CONNECTED);
        onFx(() -> window().shell().navigate("leaderboards"));
        waitUntil("empty state", WAIT, () -> robot.lookup(".panel-leaderboards .empty-title").tryQuery()
                .map(n -> n.isVisible() && ((Label) n).getText().equals("No leaderboards yet")).orElse(false));
        assertThat(robot.lookup(".panel-leaderboards .empty-message").queryAs(Label.class).getText())
                .contains("tk:challenge:<id>:leaderboard");
    }
}
