package io.trackeep.dashboard.ui.audit;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.audit.AuditRow;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.testing.PanelWindowFixture;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.ui.panel.PanelRegistry;
import io.trackeep.dashboard.ui.sessions.SessionsPanel;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Audit panel in the real window, headless: this workstation's log and the shared trail
 * merged, newest first, filterable; the empty state; a trail that is not a stream. Writes
 * {@code target/screenshots/audit.png}.
 */
@ExtendWith(RedisServerExtension.class)
class AuditPanelTest extends FxTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final RedisServerProcess server;
    private final RedisConnections redis;
    private PanelWindowFixture fx;

    AuditPanelTest(RedisServerProcess server, RedisConnections redis) {
        this.server = server;
        this.redis = redis;
    }

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        fx = PanelWindowFixture.open(stage, server, ctx -> new PanelRegistry().add(new SessionsPanel(ctx)).add(new AuditPanel(ctx)));
    }

    @AfterEach
    void closeWindow() {
        fx.close();
    }

    @AfterAll
    static void restoreConfig() {
        clearTemporaryConfig();
    }

    private TableView<AuditRow> table(FxRobot robot) {
        return robot.lookup("#auditTable").queryTableView();
    }

    private void openAudit(FxRobot robot) {
        fx.awaitConnected();
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT9);
        waitUntil("audit panel", WAIT, () -> fx.window().view().visiblePanel().id().equals("audit"));
    }

    @Test
    void mergesThisWorkstationsLogWithTheSharedTrailNewestFirst(FxRobot robot) {
        LocalAuditLog local = fx.window().context().actions().localLog();
        String me = AdminActions.defaultActor();
        Instant now = Instant.now();
        AuditTrail mine = new AuditTrail(redis);
        AuditTrail ops = new AuditTrail(redis, "ops-ws-2", Clock.fixed(now.minusSeconds(900), ZoneOffset.UTC));
        AuditTrail ci = new AuditTrail(redis, "ci-runner", Clock.fixed(now.minusSeconds(300), ZoneOffset.UTC));
        ops.record("bob@ops-ws-2", "cache.invalidate-family", "search", "ok: Invalidated 1,204 keys of the search cache");
        ci.record("ci@ci-runner", "ratelimit.reset", "auth / 203.0.113.7", "ok: Reset 1 client");
        ops.record("bob@ops-ws-2", "client.kill", "id=4711", "failed: ERR No such client");
        local.append(me, "session.kill", "Xy3q… (user 7)", "refused: read-only connection", "redis://prod:6379 (prefix tk, read-only)");
        local.append(me, "session.kill-user", "user 42 (ann)", "ok: Killed 3 sessions of user 42 (ann)", "redis://127.0.0.1 (prefix tk)");
        mine.record(me, "session.kill-user", "user 42 (ann)", "ok: Killed 3 sessions of user 42 (ann)");

        openAudit(robot);
        TableView<AuditRow> table = table(robot);
        waitUntil("five rows", WAIT, () -> table.getItems().size() == 5);

        assertThat(callFx(() -> table.getItems().get(0).action())).isEqualTo("session.kill-user");
        assertThat(callFx(() -> table.getItems().get(0).source())).isEqualTo(AuditRow.Source.BOTH);
        assertThat(callFx(() -> table.getItems().stream().map(AuditRow::source).toList()))
                .containsExactly(AuditRow.Source.BOTH, AuditRow.Source.LOCAL, AuditRow.Source.SHARED, AuditRow.Source.SHARED,
                        AuditRow.Source.SHARED);
        assertThat(callFx(() -> robot.lookup("#auditStatus").queryAs(Label.class).getText())).startsWith("4 from the shared trail · 2 from");
        screenshot(fx.window().scene(), "audit");

        robot.clickOn("#auditFilter").write("ops-ws-2");
        waitUntil("filtered to one host", WAIT, () -> table.getItems().size() == 2);
        robot.push(KeyCode.SHORTCUT, KeyCode.A).write("nothing like this");
        waitUntil("no match", WAIT, () -> table.getItems().isEmpty());
        assertThat(callFx(() -> robot.lookup("#auditEmpty .empty-title").queryAs(Label.class).getText()))
                .isEqualTo("No action matches the filter");
    }

    @Test
    void theSelectedEntryIsShownWholeAndStaysSelectedAcrossRefreshes(FxRobot robot) {
        String target = "leaderboard.remove-member of challenge 2026-winter-marathon-with-a-very-long-name member 123456789";
        String result = "failed: ERR " + "the server refused the command because the user may not write this key; ".repeat(3);
        new AuditTrail(redis).record("ann@ws1", "leaderboard.remove-member", target, result);
        openAudit(robot);
        TableView<AuditRow> table = table(robot);
        waitUntil("the entry", WAIT, () -> table.getItems().size() == 1);
        assertThat(callFx(() -> robot.lookup("#auditDetail").query().isVisible())).as("nothing selected, no detail").isFalse();

        onFx(() -> table.getSelectionModel().select(0));
        assertThat(callFx(() -> robot.lookup("#auditDetailTarget").queryAs(Label.class).getText())).isEqualTo(target);
        assertThat(callFx(() -> robot.lookup("#auditDetailResult").queryAs(Label.class).getText())).isEqualTo(result);
        new AuditTrail(redis).record("bob@ws2", "cache.invalidate-all", "all", "ok: Invalidated 3 keys");
        waitUntil("the next refresh", WAIT, () -> table.getItems().size() == 2);
        assertThat(callFx(() -> table.getSelectionModel().getSelectedItem().target())).as("still the entry read").isEqualTo(target);
        onFx(() -> fx.window().stage().setWidth(1280));
        onFx(() -> fx.window().stage().setHeight(800));
        screenshot(fx.window().scene(), "audit-detail-1280x800");
    }

    @Test
    void anEmptyTrailExplainsWhatWouldAppear(FxRobot robot) {
        openAudit(robot);
        waitUntil("empty state", WAIT, () -> "No admin actions yet".equals(
                robot.lookup("#auditEmpty .empty-title").queryAs(Label.class).getText()));
        assertThat(callFx(() -> robot.lookup("#auditEmpty .empty-message").queryAs(Label.class).getText()))
                .contains("this dashboard or its command line");
    }

    @Test
    void aTrailThatIsNotAStreamIsReportedAndTheLocalLogStillShows(FxRobot robot) {
        redis.sync().set("tk:audit", "oops");
        fx.window().context().actions().localLog().append("ann@ws1", "session.prune", "tk:sessions:expiry", "ok: Removed 0 entries", "x");
        openAudit(robot);
        Label problem = robot.lookup("#auditProblem").queryAs(Label.class);
        waitUntil("problem shown", WAIT, () -> problem.isVisible() && problem.getText().contains("WRONGTYPE"));
        waitUntil("local entry", WAIT, () -> table(robot).getItems().size() == 1);
    }
}
