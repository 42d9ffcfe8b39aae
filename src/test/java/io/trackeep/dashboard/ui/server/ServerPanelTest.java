package io.trackeep.dashboard.ui.server;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.CommandType;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.ServerDiagnostics;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import io.trackeep.dashboard.ui.shell.DashboardWindow;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Server panel in the real window on the local instance: the four tables with live data,
 * killing a client end to end (confirmation, CLIENT LIST, audit trail), the dashboard's own
 * connection, read-only refusal, and an ACL user without SLOWLOG, CONFIG and CLIENT.
 * Writes {@code target/screenshots/server.png} (and the other tabs, and dark).
 */
class ServerPanelTest extends FxTestSupport {

    private static final String BUSY_LOOP = """
            local t = redis.call('TIME')
            local start = t[1] * 1000000 + t[2]
            repeat
              t = redis.call('TIME')
            until t[1] * 1000000 + t[2] - start >= tonumber(ARGV[1])
            return 1
            """;

    private FxUiExecutor executor;
    private LocalInstanceStarter local;
    private ProfileStore store;
    private DashboardWindow window;
    private RedisConnections redis;
    private RedisClient otherClient;

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        executor = new FxUiExecutor();
        local = new LocalInstanceStarter();
        store = ProfileStore.open();
        window = new DashboardWindow(stage, store, executor, local);
        stage.setWidth(DashboardWindow.DEFAULT_WIDTH);
        stage.setHeight(DashboardWindow.DEFAULT_HEIGHT);
        stage.setX(0);
        stage.setY(0);
        window.show(true);
    }

    @AfterEach
    void closeWindow() {
        if (otherClient != null) {
            otherClient.shutdown();
        }
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

    private RedisServerProcess server() {
        return local.server().orElseThrow();
    }

    private RedisConnections connectedRedis() {
        waitUntil("connected to the local instance", Duration.ofSeconds(20),
                () -> window.connection().state() == ConnectionState.CONNECTED);
        redis = RedisConnections.open(server().settings());
        return redis;
    }

    /** A second client connection, named, as a backend would hold one. */
    private StatefulRedisConnection<String, String> worker(String name) {
        if (otherClient == null) {
            otherClient = RedisClient.create(RedisURI.create(server().uriWithPassword()));
        }
        StatefulRedisConnection<String, String> c = otherClient.connect();
        c.sync().clientSetname(name);
        c.sync().get("some-key");
        return c;
    }

    private ServerPanel panel() {
        return (ServerPanel) window.panels().find("server").orElseThrow();
    }

    private ServerViewModel vm() {
        return panel().viewModel();
    }

    private void openServerPanel(FxRobot robot) {
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT7);
        waitUntil("server panel", Duration.ofSeconds(5), () -> window.view().visiblePanel().id().equals("server"));
    }

    private void showTab(Part part) {
        onFx(() -> panel().show(part));
    }

    private long clientId(String name) {
        return new ServerDiagnostics(redis).clients().stream().filter(c -> name.equals(c.name()))
                .findFirst().orElseThrow().id();
    }

    @Test
    void everyTabShowsLiveData(FxRobot robot) {
        RedisConnections redis = connectedRedis();
        RedisServerExtension.recordSlowCommands(redis);
        redis.sync().eval(BUSY_LOOP, ScriptOutputType.INTEGER, new String[0], "15000");
        StatefulRedisConnection<String, String> w = worker("worker");
        openServerPanel(robot);

        waitUntil("the slow EVAL in the slow log", Duration.ofSeconds(10),
                () -> vm().slowLog().rows().stream().anyMatch(e -> e.entry().commandName().equals("EVAL")));
        TableView<?> slowTable = robot.lookup("#slowLogTable").queryAs(TableView.class);
        assertThat(callFx(() -> slowTable.getItems().size())).isPositive();
        screenshot(window.scene(), "server-slowlog");

        showTab(Part.CLIENTS);
        waitUntil("the worker in the client list", Duration.ofSeconds(10),
                () -> vm().clients().rows().stream().anyMatch(c -> "worker".equals(c.client().name())));
        waitUntil("own connection known", Duration.ofSeconds(5), () -> vm().clients().rows().stream().anyMatch(vm()::isOwn));
        TableView<?> clientTable = robot.lookup("#clientTable").queryAs(TableView.class);
        assertThat(robot.lookup("(this dashboard)").tryQuery()).isEmpty(); // only as part of a cell text
        assertThat(robot.lookup(n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
                && l.getText().endsWith("(this dashboard)")).tryQuery()).isPresent();
        screenshot(window.scene(), "server");

        TextField filter = robot.lookup("#clientFilter").queryAs(TextField.class);
        onFx(() -> filter.setText("worker"));
        waitUntil("filtered to the worker", Duration.ofSeconds(5), () -> clientTable.getItems().size() == 1);
        onFx(() -> filter.setText("no-such-client"));
        assertThat(callFx(() -> ((Label) robot.lookup("#clientTable .empty-title").query()).getText()))
                .isEqualTo("Nothing matches “no-such-client”");
        onFx(() -> filter.setText(""));

        showTab(Part.INFO);
        waitUntil("INFO sections", Duration.ofSeconds(10), () -> vm().infoSections().contains("Server"));
        onFx(() -> vm().selectedSectionProperty().set("Server"));
        TextField infoFilter = robot.lookup("#infoFilter").queryAs(TextField.class);
        onFx(() -> infoFilter.setText("redis_version"));
        waitUntil("redis_version row", Duration.ofSeconds(5), () -> vm().info().filtered().size() == 1);
        assertThat(callFx(() -> vm().info().filtered().get(0).value())).startsWith("6.");
        onFx(() -> infoFilter.setText(""));
        screenshot(window.scene(), "server-info");

        showTab(Part.CONFIG);
        waitUntil("configuration", Duration.ofSeconds(10), () -> vm().config().rows().size() > 50);
        assertThat(callFx(() -> vm().config().rows())).contains(new ConfigEntry("requirepass", "****"))
                .noneMatch(e -> e.value().contains(server().password()));
        screenshot(window.scene(), "server-config");

        showTab(Part.CLIENTS);
        robot.clickOn("#themeButton");
        waitUntil("dark theme", Duration.ofSeconds(5), () -> window.theme().mode() == ThemeMode.DARK);
        screenshot(window.scene(), "server-dark");
        robot.clickOn("#themeButton");
        w.close();
    }

    /**
     * Clicks the client's name in the table until it is the selected client: a refresh may
     * redraw the rows between finding the cell and clicking it (on a busy machine).
     */
    private void choose(FxRobot robot, String name, long id) {
        for (int attempt = 0; attempt < 10; attempt++) {
            robot.clickOn(name);
            try {
                waitUntil(name + " chosen", Duration.ofSeconds(2),
                        () -> vm().selectedClientProperty().get() != null && vm().selectedClientProperty().get().client().id() == id);
                return;
            } catch (AssertionError notYet) {
                // clicked a row being redrawn: try again
            }
        }
        throw new AssertionError("Could not select client " + name);
    }

    @Test
    void killClientAsksNamesTheClientClosesItAndAuditsIt(FxRobot robot) {
        RedisConnections redis = connectedRedis();
        StatefulRedisConnection<String, String> w = worker("worker");
        long id = clientId("worker");
        openServerPanel(robot);
        showTab(Part.CLIENTS);
        waitUntil("the worker in the table", Duration.ofSeconds(10),
                () -> vm().clients().filtered().stream().anyMatch(c -> c.client().id() == id));

        choose(robot, "worker", id);
        Button kill = robot.lookup("#killButton").queryButton();
        assertThat(callFx(kill::isDisabled)).isFalse();
        robot.clickOn(kill);

        waitUntil("confirmation", Duration.ofSeconds(10), () -> robot.lookup("#confirm-button").tryQuery().isPresent());
        assertThat(robot.lookup(".confirm-title").queryAs(Label.class).getText())
                .startsWith("Kill client " + id + " (127.0.0.1:").contains("name 'worker', idle ");
        Button confirm = robot.lookup("#confirm-button").queryButton();
        assertThat(confirm.getText()).isEqualTo("Kill client " + id);
        screenshot(confirm.getScene(), "server-kill-confirm");
        robot.clickOn(confirm);

        waitUntil("client gone from CLIENT LIST", Duration.ofSeconds(10),
                () -> new ServerDiagnostics(redis).clients().stream().noneMatch(c -> c.id() == id));
        waitUntil("client gone from the table", Duration.ofSeconds(10),
                () -> vm().clients().rows().stream().noneMatch(c -> c.client().id() == id));
        assertThat(new AuditTrail(redis).latest(5)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("client.kill");
            assertThat(e.target()).startsWith("client " + id + " (127.0.0.1:");
            assertThat(e.result()).isEqualTo("ok: Killed client " + id + " (" + e.target().substring(e.target().indexOf('(') + 1,
                    e.target().indexOf(',')) + ")");
        });
        waitUntil("success notice", Duration.ofSeconds(5),
                () -> window.notifier().recent().stream().anyMatch(n -> n.title().equals("Kill client")));
        w.close();
    }

    @Test
    void theDashboardsOwnConnectionCannotBeKilled(FxRobot robot) {
        connectedRedis();
        openServerPanel(robot);
        showTab(Part.CLIENTS);
        waitUntil("own connection listed", Duration.ofSeconds(10), () -> vm().clients().rows().stream().anyMatch(vm()::isOwn));
        onFx(() -> vm().selectedClientProperty().set(vm().clients().rows().stream().filter(vm()::isOwn).findFirst().orElseThrow()));
        Button kill = robot.lookup("#killButton").queryButton();
        assertThat(callFx(kill::isDisabled)).isTrue();
        assertThat(callFx(() -> kill.getTooltip().getText())).endsWith("is this dashboard's own connection: it cannot be killed from here");
    }

    @Test
    void aReadOnlyProfileRefusesAndTheClientStays(FxRobot robot) {
        connectedRedis();
        ConnectionProfile readOnly = ConnectionProfile.of("Local read-only", "redis://127.0.0.1:" + server().port()).withReadOnly(true);
        store.add(readOnly, PasswordChange.save(server().password()));
        onFx(() -> {
            window.viewModel().reloadProfiles(null);
            window.viewModel().selectedProfileProperty().set(store.find("Local read-only").orElseThrow()); // connects
        });
        waitUntil("read-only connection", Duration.ofSeconds(20), () -> window.connection().state() == ConnectionState.CONNECTED
                && window.connection().current() != null && window.connection().current().settings().readOnly());
        StatefulRedisConnection<String, String> w = worker("victim");
        long id = clientId("victim");
        openServerPanel(robot);
        showTab(Part.CLIENTS);
        waitUntil("the victim in the table", Duration.ofSeconds(10),
                () -> vm().clients().filtered().stream().anyMatch(c -> c.client().id() == id));
        choose(robot, "victim", id);
        robot.clickOn("#killButton");

        waitUntil("refusal notice", Duration.ofSeconds(10),
                () -> window.notifier().recent().stream().anyMatch(n -> n.title().equals("Kill client refused")));
        assertThat(robot.lookup("#confirm-button").tryQuery()).as("no confirmation on a read-only connection").isEmpty();
        assertThat(w.sync().ping()).isEqualTo("PONG");
        assertThat(new ServerDiagnostics(redis).clients()).extracting(ClientConnection::id).contains(id);
        w.close();
    }

    @Test
    void anAclUserWithoutSlowlogConfigAndClientSeesNotPermittedNotAnError(FxRobot robot) {
        RedisConnections admin = connectedRedis();
        admin.sync().aclSetuser("watcher", AclSetuserArgs.Builder.on().addPassword("watch-pw").allKeys().allCommands()
                .removeCommand(CommandType.SLOWLOG).removeCommand(CommandType.CONFIG).removeCommand(CommandType.CLIENT)
                .addCommand(CommandType.CLIENT, io.lettuce.core.protocol.CommandKeyword.SETNAME));
        ConnectionProfile watcher = ConnectionProfile.of("Watcher", "redis://127.0.0.1:" + server().port()).withUsername("watcher");
        store.add(watcher, PasswordChange.save("watch-pw"));
        onFx(() -> {
            window.viewModel().reloadProfiles(null);
            window.viewModel().selectedProfileProperty().set(store.find("Watcher").orElseThrow()); // connects
        });
        waitUntil("connected as watcher", Duration.ofSeconds(20), () -> window.connection().state() == ConnectionState.CONNECTED
                && window.connection().current() != null && "watcher".equals(window.connection().current().settings().username()));
        openServerPanel(robot);

        waitUntil("slow log refused", Duration.ofSeconds(10), () -> vm().slowLog().placeholderProperty().get().title()
                .equals("Slow log not permitted for this user"));
        assertThat(callFx(() -> vm().slowLog().placeholderProperty().get().message())).contains("SLOWLOG is not permitted for this user (ACL)");
        showTab(Part.CLIENTS);
        waitUntil("client list refused", Duration.ofSeconds(10), () -> vm().clients().placeholderProperty().get().title()
                .equals("Client list not permitted for this user"));
        showTab(Part.INFO);
        waitUntil("INFO still readable", Duration.ofSeconds(10), () -> vm().infoSections().contains("Memory"));
        showTab(Part.CONFIG);
        waitUntil("config refused", Duration.ofSeconds(10), () -> vm().config().placeholderProperty().get().title()
                .equals("Configuration not permitted for this user"));
        assertThat(robot.lookup("#configTable .empty-title").queryAs(Label.class).getText())
                .isEqualTo("Configuration not permitted for this user");
        screenshot(window.scene(), "server-acl-config");

        assertThat(window.connection().state()).as("a refusal is not an outage").isEqualTo(ConnectionState.CONNECTED);
        assertThat(robot.lookup(".dialog-pane").tryQuery()).as("no error dialog").isEmpty();
        assertThat(List.copyOf(window.notifier().recent())).noneMatch(n -> n.title().contains("failed"));
    }
}
