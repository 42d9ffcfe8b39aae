package io.trackeep.dashboard.ui.sessions;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.audit.AuditRow;
import io.trackeep.dashboard.monitor.sessions.SessionRow;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.NewSession;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.service.session.SessionId;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.testing.GoSessionFixture;
import io.trackeep.dashboard.testing.PanelWindowFixture;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.ui.audit.AuditPanel;
import io.trackeep.dashboard.ui.dialog.Notifier;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.PanelRegistry;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Sessions panel in the real window, headless, against a real redis-server: live figures and
 * table, each admin action end to end (click, confirm, gone from Redis, in {@code P:audit}, in
 * the Audit panel), read-only refusal, and Go-only data. Writes {@code sessions.png} and
 * {@code sessions-dark.png} to {@code target/screenshots}.
 */
@ExtendWith(RedisServerExtension.class)
class SessionsPanelTest extends FxTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final RedisServerProcess server;
    private final RedisConnections redis;
    private Stage stage;
    private PanelWindowFixture fx;

    SessionsPanelTest(RedisServerProcess server, RedisConnections redis) {
        this.server = server;
        this.redis = redis;
    }

    static PanelRegistry panels(PanelContext context) {
        return new PanelRegistry().add(new SessionsPanel(context)).add(new AuditPanel(context));
    }

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        this.stage = stage;
        fx = PanelWindowFixture.open(stage, server, SessionsPanelTest::panels);
    }

    @AfterEach
    void closeWindow() {
        fx.close();
    }

    @AfterAll
    static void restoreConfig() {
        clearTemporaryConfig();
    }

    /** Logins spread over the last 14 minutes, as a busy backend would make them. */
    private List<Session> busyMorning() {
        String[][] people = {{"42", "ann", "admin"}, {"7", "bob", "user"}, {"9", "cid", "user"}, {"12", "dora", "support"},
                {"15", "eli", "user"}, {"21", "fay", "user"}};
        String[] agents = {"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "Mozilla/5.0 (Macintosh) Safari/17.4",
                "Trackeep-iOS/3.2 CFNetwork/1490", "curl/8.5.0", "Mozilla/5.0 (Windows NT 10.0) Chrome/126.0"};
        Instant now = Instant.now();
        List<Session> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String[] p = people[i % people.length]; // ann (42) has 5: i = 0, 6, 12, 18, 24
            Clock at = Clock.fixed(now.minusSeconds(840 - i * 33L), ZoneId.systemDefault());
            created.add(new RedisSessionStore(redis, "test", at).create(new NewSession(Long.parseLong(p[0]), p[1] + "@example.org",
                    p[1], p[2], "203.0.113." + (10 + i), agents[i % agents.length])));
        }
        return created;
    }

    private TableView<SessionRow> table(FxRobot robot) {
        return robot.lookup("#sessionTable").queryTableView();
    }

    private void awaitRows(FxRobot robot, int n) {
        TableView<SessionRow> table = table(robot);
        waitUntil(n + " rows in the session table", WAIT, () -> table.getItems().size() == n);
    }

    /** Scrolls the session's row into view and returns the row as drawn, to click on. */
    private Node rowOf(FxRobot robot, String sessionId) {
        TableView<SessionRow> table = table(robot);
        // The table may still show the previous tick's rows (another test's sessions): wait for this one.
        waitUntil("the session listed", WAIT, () -> callFx(() -> table.getItems().stream().anyMatch(r -> r.sessionId().equals(sessionId))));
        onFx(() -> {
            int i = 0;
            while (i < table.getItems().size() && !table.getItems().get(i).sessionId().equals(sessionId)) {
                i++;
            }
            assertThat(i).as("row of the session").isLessThan(table.getItems().size());
            table.scrollTo(i);
        });
        waitUntil("the session's row drawn", WAIT, () -> drawnRow(robot, sessionId) != null);
        return callFx(() -> drawnRow(robot, sessionId));
    }

    /**
     * What the platform does on a right click: headless Monocle never sends the context-menu
     * request (TestFX/Monocle#12, TestFX#645), so the test sends it, at the centre of the row
     * drawn for the session now (a refresh may have moved rows since the click).
     */
    private static void openContextMenu(FxRobot robot, String sessionId) {
        onFx(() -> {
            Node node = drawnRow(robot, sessionId);
            Bounds b = node.getLayoutBounds();
            Point2D screen = node.localToScreen(b.getCenterX(), b.getCenterY());
            Event.fireEvent(node, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, b.getCenterX(), b.getCenterY(),
                    screen.getX(), screen.getY(), false, null));
        });
    }

    @SuppressWarnings("unchecked")
    private static Node drawnRow(FxRobot robot, String sessionId) {
        return robot.lookup("#sessionTable .table-row-cell").queryAll().stream()
                .filter(n -> n.isVisible() && ((TableRow<SessionRow>) n).getItem() != null
                        && ((TableRow<SessionRow>) n).getItem().sessionId().equals(sessionId))
                .findFirst().orElse(null);
    }

    private String figure(FxRobot robot, String id) {
        return callFx(() -> {
            String unit = ((Label) robot.lookup("#" + id + " .figure-unit").query()).getText();
            String value = ((Label) robot.lookup("#" + id + " .figure-value").query()).getText();
            return unit.isEmpty() ? value : value + " " + unit;
        });
    }

    private String note(FxRobot robot, String id) {
        return callFx(() -> ((Label) robot.lookup("#" + id + " .figure-detail").query()).getText());
    }

    private String caption(FxRobot robot, String id) {
        return callFx(() -> ((Label) robot.lookup("#" + id + " .figure-caption").query()).getText());
    }

    private AuditEntry awaitAudit(String action) {
        AuditTrail trail = new AuditTrail(redis);
        waitUntil("audit entry " + action, WAIT, () -> trail.latest(5).stream().anyMatch(e -> action.equals(e.action())));
        return trail.latest(5).stream().filter(e -> action.equals(e.action())).findFirst().orElseThrow();
    }

    @Test
    void liveFiguresAndTableWithMaskedIdsThenScreenshotsInBothThemes(FxRobot robot) {
        List<Session> sessions = busyMorning();
        new GoSessionFixture(redis).malformed("bad-value-0001", "{\"user_id\": \"forty-two\""); // not a session: counted apart
        redis.sync().zadd("tk:sessions:expiry", 1_000, "expired-entry-1"); // stale
        // The logins above are counted in minutes that have ended: a window open since before would keep its reading of them
        // (minutes that ended no longer change, as with real logins); one opened now reads them.
        fx.close();
        fx = callFx(() -> PanelWindowFixture.open(stage, server, SessionsPanelTest::panels));
        fx.awaitConnected();

        awaitRows(robot, 25);
        waitUntil("figures", WAIT, () -> "25".equals(figure(robot, "sessionsFigure")) && "6".equals(figure(robot, "usersFigure")));
        assertThat(note(robot, "sessionsFigure")).isEqualTo("exact, from index");
        assertThat(callFx(() -> robot.lookup("#unreadableToggle").queryAs(ToggleButton.class).getText()))
                .isEqualTo("Unreadable (1)");
        assertThat(figure(robot, "staleFigure")).isEqualTo("1");
        assertThat(figure(robot, "loginsFigure")).endsWith(" /min");
        assertThat(caption(robot, "loginsFigure")).isEqualToIgnoringCase("Logins");
        Set<String> cells = callFx(() -> robot.lookup(".table-cell").queryAll().stream()
                .map(n -> ((Labeled) n).getText()).filter(t -> t != null).collect(Collectors.toSet()));
        for (Session s : sessions) {
            assertThat(cells).doesNotContain(s.sessionId());
        }
        assertThat(cells).contains(SessionId.mask(sessions.get(24).sessionId()), "203.0.113.34", "admin");
        assertThat(callFx(() -> robot.lookup("#topUsers").queryTableView().getItems().size())).isEqualTo(6);
        assertThat(callFx(() -> robot.lookup("#sourceNote").queryAs(Label.class).getText()))
                .isEqualTo("Most recently active first, paged through the session index");

        screenshot(fx.window().scene(), "sessions");
        onFx(() -> fx.window().theme().setMode(ThemeMode.DARK));
        screenshot(fx.window().scene(), "sessions-dark");
        onFx(() -> fx.window().theme().setMode(ThemeMode.LIGHT));

        robot.clickOn("#unreadableToggle");
        awaitRows(robot, 1);
        waitUntil("the malformed row marked", WAIT, () -> robot.lookup(".malformed-tag").tryQuery().isPresent());
        robot.clickOn("#unreadableToggle");
        awaitRows(robot, 25);

        robot.clickOn("#userIdField").write("42");
        awaitRows(robot, 5);
        assertThat(callFx(() -> table(robot).getItems().stream().allMatch(r -> r.userId() == 42))).isTrue();
        onFx(() -> robot.lookup("#userIdField").queryAs(TextField.class).setText(""));
        awaitRows(robot, 25);
        robot.clickOn("#sessionFilter").write("support");
        awaitRows(robot, 4);

        // 1366×768 is wider than the default window and 32 px lower; the headless screen is 1280×800,
        // so check the height at 1280 px, and the smallest window (1024×640) too
        for (int[] size : new int[][]{{1280, 768}, {1024, 640}}) {
            onFx(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            screenshot(fx.window().scene(), "sessions-" + size[0] + "x" + size[1]);
            for (String id : List.of("#nextPage", "#pruneButton", "#topUsers", "#killUserButton", "#sourceNote", "#unreadableToggle")) {
                Node n = robot.lookup(id).query();
                assertThat(callFx(() -> n.localToScene(n.getBoundsInLocal()).getMaxX())).as(id + " inside the width").isLessThanOrEqualTo(size[0]);
                assertThat(callFx(() -> n.localToScene(n.getBoundsInLocal()).getMaxY())).as(id + " inside the height").isLessThanOrEqualTo(size[1]);
            }
            // the top users' columns fit their table: at 1024 px the Sessions count fell past its edge
            TableView<?> top = robot.lookup("#topUsers").queryTableView();
            assertThat(callFx(() -> top.getColumns().stream().mapToDouble(c -> c.getWidth()).sum()))
                    .as("top users' columns within the table at " + size[0] + " px")
                    .isLessThanOrEqualTo(callFx(() -> top.getWidth() - top.snappedLeftInset() - top.snappedRightInset()));
        }
    }

    @Test
    void killOneSessionFromTheTableAndSeeItInTheAuditPanel(FxRobot robot) {
        fx.awaitConnected();
        List<Session> sessions = busyMorning();
        Session victim = sessions.get(3); // dora (12)
        awaitRows(robot, 25);

        robot.clickOn(rowOf(robot, victim.sessionId()));
        robot.clickOn("#killSessionButton");
        PanelWindowFixture.confirm(robot, "Kill session");

        waitUntil("session key gone", WAIT, () -> redis.sync().exists("tk:session:" + victim.sessionId()) == 0);
        AuditEntry audit = awaitAudit("session.kill");
        assertThat(audit.target()).isEqualTo(SessionId.mask(victim.sessionId()) + " (user 12)");
        assertThat(audit.result()).isEqualTo("ok: Killed session " + SessionId.mask(victim.sessionId()) + " of user 12 (dora)");
        awaitRows(robot, 24);
        waitUntil("success notice", WAIT, () -> fx.notices().stream()
                .anyMatch(n -> n.kind() == Notifier.Kind.SUCCESS && n.title().equals("Kill session")));

        robot.clickOn("Audit");
        TableView<AuditRow> auditTable = robot.lookup("#auditTable").queryTableView();
        waitUntil("the action in the audit table", WAIT, () -> auditTable.getItems().stream()
                .anyMatch(r -> "session.kill".equals(r.action()) && r.source() == AuditRow.Source.BOTH));
    }

    @Test
    void killAllSessionsOfAUserFromTheRowMenu(FxRobot robot) {
        fx.awaitConnected();
        List<Session> sessions = busyMorning();
        awaitRows(robot, 25);
        List<Session> ann = sessions.stream().filter(s -> s.userId() == 42).toList();
        assertThat(ann).hasSize(5);

        robot.rightClickOn(rowOf(robot, ann.get(0).sessionId()));
        openContextMenu(robot, ann.get(0).sessionId());
        String item = "Kill all sessions of user 42 (ann)…";
        waitUntil("the row menu", WAIT, () -> robot.lookup(item).tryQuery().isPresent());
        robot.clickOn(item);
        PanelWindowFixture.confirm(robot, "Kill 5 sessions");

        waitUntil("ann's sessions gone", WAIT, () -> redis.sync().exists(
                ann.stream().map(s -> "tk:session:" + s.sessionId()).toArray(String[]::new)) == 0);
        assertThat(redis.sync().exists("tk:user:sessions:42")).isZero();
        assertThat(awaitAudit("session.kill-user").result()).isEqualTo("ok: Killed 5 sessions of user 42 (ann)");
        awaitRows(robot, 20);
    }

    @Test
    void pruneRemovesStaleIndexEntries(FxRobot robot) {
        fx.awaitConnected();
        busyMorning();
        redis.sync().zadd("tk:sessions:expiry", 1_000, "expired-entry-1");
        redis.sync().zadd("tk:sessions:expiry", 2_000, "expired-entry-2");
        redis.sync().sadd("tk:user:sessions:7", "expired-entry-1");
        waitUntil("stale figure: 2 in the index, 1 in a user set", WAIT, () -> "3".equals(figure(robot, "staleFigure")));

        robot.clickOn("#pruneButton");
        PanelWindowFixture.confirm(robot, "Remove stale entries");

        waitUntil("stale entries gone", WAIT, () -> redis.sync().zscore("tk:sessions:expiry", "expired-entry-1") == null
                && redis.sync().zscore("tk:sessions:expiry", "expired-entry-2") == null);
        assertThat(redis.sync().sismember("tk:user:sessions:7", "expired-entry-1")).isFalse();
        assertThat(awaitAudit("session.prune").result()).startsWith("ok: Removed 2 entries from the index and 1 stale id");
        waitUntil("stale figure back to 0", WAIT, () -> "0".equals(figure(robot, "staleFigure")));
    }

    @Test
    void readOnlyConnectionRefusesWithoutAskingAndKeepsTheSession(FxRobot robot) {
        fx.close();
        fx = callFx(() -> PanelWindowFixture.openReadOnly(stage, server, SessionsPanelTest::panels));
        fx.awaitConnected();
        List<Session> sessions = busyMorning();
        awaitRows(robot, 25);
        Session victim = sessions.get(1);

        robot.clickOn(rowOf(robot, victim.sessionId()));
        robot.clickOn("#killSessionButton");

        waitUntil("refusal notice", WAIT, () -> fx.notices().stream()
                .anyMatch(n -> n.kind() == Notifier.Kind.WARNING && n.title().equals("Kill session refused")));
        assertThat(callFx(() -> robot.lookup("#confirm-button").tryQuery().isPresent())).as("no confirmation was offered").isFalse();
        assertThat(redis.sync().exists("tk:session:" + victim.sessionId())).isEqualTo(1);
        assertThat(redis.sync().exists("tk:audit")).isZero();

        robot.clickOn("Audit");
        TableView<AuditRow> auditTable = robot.lookup("#auditTable").queryTableView();
        waitUntil("the refusal in the audit table", WAIT, () -> auditTable.getItems().stream()
                .anyMatch(r -> "session.kill".equals(r.action()) && r.result().startsWith("refused") && r.source() == AuditRow.Source.LOCAL));
    }

    @Test
    void goOnlyDataIsAScanningSampleAndSaysWhatIsUnavailable(FxRobot robot) {
        fx.awaitConnected();
        GoSessionFixture go = new GoSessionFixture(redis);
        OffsetDateTime now = GoSessionFixture.now();
        for (int i = 0; i < 12; i++) {
            go.write("go-session-" + i, 100 + i % 4, "go" + i % 4, i % 3 == 0 ? "admin" : "user", "198.51.100." + i,
                    "Go-http-client/1.1", now.minusMinutes(i), now.minusSeconds(i * 20L));
        }
        go.staleId(100, "go-session-expired");
        go.malformed("go-session-bad", "not json");

        awaitRows(robot, 13);
        Label note = robot.lookup("#sourceNote").queryAs(Label.class);
        waitUntil("index-missing note", WAIT, () -> note.getText().equals("Index missing: all 13 session keys, by scanning"));
        waitUntil("census count", WAIT, () -> "12".equals(figure(robot, "sessionsFigure")));
        assertThat(note(robot, "sessionsFigure")).isEqualTo("exact, by scanning");
        assertThat(figure(robot, "usersFigure")).isEqualTo("4");
        assertThat(figure(robot, "staleFigure")).as("the id left in user 100's set").isEqualTo("1");
        waitUntil("logins named for what they are", WAIT, () -> "Sessions created".equalsIgnoreCase(caption(robot, "loginsFigure")));
        assertThat(redis.sync().exists("tk:sessions:expiry")).isZero();
        rowOf(robot, "go-session-bad");
        waitUntil("the malformed row marked", WAIT, () -> robot.lookup(".malformed-tag").tryQuery().isPresent());
        screenshot(fx.window().scene(), "sessions-go-only");
    }

    @Test
    void goSessionsBesideThisProjectsAreAllCountedAndListed(FxRobot robot) {
        fx.awaitConnected();
        GoSessionFixture go = new GoSessionFixture(redis);
        OffsetDateTime now = GoSessionFixture.now();
        for (int i = 0; i < 50; i++) {
            go.write("go-session-" + i, 100 + i % 5, "go" + i % 5, "user", "198.51.100." + i, "Go-http-client/1.1",
                    now.minusMinutes(i % 14), now.minusSeconds(i));
        }
        new RedisSessionStore(redis, "test").create(new NewSession(42, "ann@example.org", "ann", "admin", "203.0.113.7", "JUnit"));

        awaitRows(robot, 51);
        waitUntil("every session counted, not the index's one", WAIT, () -> "51".equals(figure(robot, "sessionsFigure")));
        assertThat(note(robot, "sessionsFigure")).isEqualTo("exact, by scanning");
        assertThat(figure(robot, "usersFigure")).isEqualTo("6");
        Label note = robot.lookup("#sourceNote").queryAs(Label.class);
        waitUntil("index-incomplete note", WAIT, () -> note.getText().equals("Index incomplete: all 51 session keys, by scanning"));
        assertThat(callFx(() -> robot.lookup("#topUsers").queryTableView().getItems().size())).isEqualTo(6);
        screenshot(fx.window().scene(), "sessions-mixed-writers");
    }

    /**
     * A username, role, address and agent as a hostile writer may leave them (an OSC sequence,
     * a newline, a backslash, a bidi override, a C1 control) are shown as the command line
     * spells them ({@link Printable#text}) in the cells, the agent's tooltip, the top users and
     * the row menu; a value that is no session shows its start escaped in the tag's tooltip.
     */
    @Test
    void hostileTextFromRedisIsShownPrintablyInCellsTooltipsAndTheRowMenu(FxRobot robot) {
        fx.awaitConnected();
        String username = "eve\u001b]0;pwned\u0007\nroot\\x";
        String role = "us\u0085er";
        String ip = "10.0.0.1\u0000";
        String agent = "curl\\8 \u202egnp.exe\r\nX-Forged: 1";
        Session hostile = new RedisSessionStore(redis, "test").create(new NewSession(43, "eve@example.org", username, role, ip, agent));
        new GoSessionFixture(redis).malformed("bad-value-0002", "\u001b]0;pwned\u0007 not a session");
        awaitRows(robot, 1); // the malformed value is listed apart
        rowOf(robot, hostile.sessionId());

        assertThat(callFx(() -> cell(robot, hostile.sessionId(), "Username").getText())).isEqualTo(Printable.text(username))
                .isEqualTo("eve\\x1b]0;pwned\\x07\\nroot\\\\x");
        assertThat(callFx(() -> cell(robot, hostile.sessionId(), "Role").getText())).isEqualTo("us\\u0085er");
        assertThat(callFx(() -> cell(robot, hostile.sessionId(), "IP address").getText())).isEqualTo("10.0.0.1\\x00");
        TableCell<?, ?> agentCell = cell(robot, hostile.sessionId(), "User agent");
        assertThat(callFx(agentCell::getText)).isEqualTo(Printable.text(agent));
        assertThat(callFx(() -> agentCell.getTooltip().getText())).isEqualTo(Printable.text(agent));
        TableView<SessionsSnapshot.TopUser> top = robot.lookup("#topUsers").queryTableView();
        waitUntil("user 43 among the top users", WAIT, () -> callFx(() -> robot.lookup("#topUsers .table-cell").queryAll().stream()
                .anyMatch(n -> Printable.text(username).equals(((Labeled) n).getText()))));
        assertThat(callFx(() -> top.getItems().get(0).username())).isEqualTo(username); // the exact text underneath

        openContextMenu(robot, hostile.sessionId());
        String item = "Kill all sessions of user 43 (" + Printable.text(username) + ")…";
        waitUntil("the row menu naming the user printably", WAIT, () -> callFx(() -> menuItems().contains(item)));
        robot.push(KeyCode.ESCAPE);

        robot.clickOn("#unreadableToggle");
        awaitRows(robot, 1);
        waitUntil("the malformed row marked", WAIT, () -> robot.lookup(".malformed-tag").tryQuery().isPresent());
        TableCell<?, ?> tagCell = cell(robot, "bad-value-0002", "Username");
        String tip = callFx(() -> tagCell.getTooltip().getText());
        assertThat(tip).contains("Value starts with: \\x1b]0;pwned\\x07 not a session").doesNotContain("\u001b", "\u0007");
    }

    /** The cell drawn for a session's row in the column titled so, scrolled into view and filled. */
    private TableCell<?, ?> cell(FxRobot robot, String sessionId, String column) {
        TableView<SessionRow> table = table(robot);
        onFx(() -> table.scrollToColumn(table.getColumns().stream().filter(c -> c.getText().equals(column)).findFirst().orElseThrow()));
        waitUntil("the " + column + " cell of " + sessionId + " drawn", WAIT, () -> callFx(() -> drawnCell(robot, sessionId, column)) != null);
        return callFx(() -> drawnCell(robot, sessionId, column));
    }

    private static TableCell<?, ?> drawnCell(FxRobot robot, String sessionId, String column) {
        for (Node n : robot.lookup("#sessionTable .table-cell").queryAll()) {
            TableCell<?, ?> c = (TableCell<?, ?>) n;
            if (n.isVisible() && c.getTableRow() != null && c.getTableRow().getItem() instanceof SessionRow r
                    && r.sessionId().equals(sessionId) && c.getTableColumn().getText().equals(column)
                    && (c.getText() != null || c.getGraphic() != null)) {
                return c;
            }
        }
        return null;
    }

    /** The items of every context menu shown. */
    private static List<String> menuItems() {
        return Window.getWindows().stream().filter(w -> w instanceof ContextMenu && w.isShowing())
                .flatMap(w -> ((ContextMenu) w).getItems().stream()).map(MenuItem::getText).filter(t -> t != null).toList();
    }
}
