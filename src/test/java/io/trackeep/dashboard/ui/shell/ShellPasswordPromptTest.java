package io.trackeep.dashboard.ui.shell;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching to a profile whose password is not saved, in the real window: while the prompt asks
 * for it, the top bar still tells the truth (the window is on the first server, connected) and
 * the prompt says which profile and server it is for and that the window stays where it is;
 * Cancel leaves the window connected where it was, Connect switches.
 */
@ExtendWith(RedisServerExtension.class)
class ShellPasswordPromptTest extends FxTestSupport {

    private DashboardWindow window;
    private FxUiExecutor executor;
    private LocalInstanceStarter local;

    @AfterEach
    void closeWindow() {
        if (window != null) {
            onFx(() -> {
                window.close();
                window.stage().hide();
            });
        }
        if (local != null) {
            local.close();
        }
        if (executor != null) {
            executor.close();
        }
        clearTemporaryConfig();
    }

    @Test
    void whileThePasswordIsAskedTheTopBarShowsTheServerTheWindowIsOnAndCancelKeepsIt(FxRobot robot, RedisServerProcess server) {
        useTemporaryConfig();
        ProfileStore store = ProfileStore.open();
        store.add(ConnectionProfile.of("Test", "redis://127.0.0.1:" + server.port()), PasswordChange.save(server.password()));
        store.add(new ConnectionProfile("Staging", "redis://127.0.0.1:" + server.port(), null, 0, "stg", false, null, false), PasswordChange.keep());
        store.saveSettings(store.settings().withLastProfile("Test"));
        executor = new FxUiExecutor();
        local = new LocalInstanceStarter(); // never started: no profile here is the local instance
        onFx(() -> {
            Stage stage = new Stage();
            window = new DashboardWindow(stage, store, executor, local);
            stage.setWidth(DashboardWindow.DEFAULT_WIDTH);
            stage.setHeight(DashboardWindow.DEFAULT_HEIGHT);
            window.show(true);
        });
        waitUntil("connected to Test", Duration.ofSeconds(20), () -> window.connection().state() == ConnectionState.CONNECTED);
        RedisConnections first = callFx(() -> window.connection().current());

        chooseInSelector(robot, "Staging");
        waitUntil("the password prompt", Duration.ofSeconds(10), () -> prompt(robot) != null);
        screenshot(prompt(robot).getScene(), "shell-password-prompt");
        assertTopBarOn(robot, "Test", server);
        assertThat(promptTexts(robot)).as("the prompt names the profile, its server, and where the window stays")
                .contains("Password for Staging", "redis://127.0.0.1:" + server.port() + " prefix=stg",
                        "The window stays on Test until you press Connect; Cancel keeps it there.");

        robot.clickOn("Cancel");
        waitUntil("the prompt closed", Duration.ofSeconds(5), () -> prompt(robot) == null);
        assertTopBarOn(robot, "Test", server);
        assertThat(callFx(() -> window.connection().current())).as("the same connection, never closed").isSameAs(first);
        assertThat(callFx(() -> window.viewModel().selectedProfileProperty().get().name())).isEqualTo("Test");

        chooseInSelector(robot, "Staging");
        waitUntil("the password prompt again", Duration.ofSeconds(10), () -> prompt(robot) != null);
        robot.clickOn(prompt(robot)).write(server.password());
        robot.clickOn("Connect");
        waitUntil("connected to Staging", Duration.ofSeconds(20), () -> window.connection().state() == ConnectionState.CONNECTED
                && "Staging".equals(window.connection().profileProperty().get().name()));
        assertThat(callFx(() -> shownInSelector(robot))).isEqualTo("Staging");
        assertThat(callFx(() -> text(robot, "#statusTarget"))).startsWith("Staging · redis://127.0.0.1:" + server.port() + " prefix=stg");
    }

    /** Opens the selector and clicks the profile in its list, as an admin does. */
    private void chooseInSelector(FxRobot robot, String name) {
        robot.clickOn("#profileBox");
        waitUntil(name + " listed", Duration.ofSeconds(5), () -> listed(robot, name).isPresent());
        robot.clickOn(listed(robot, name).orElseThrow());
    }

    /** The cell of {@code name} in the selector's open list (a popup: not the window's scene). */
    private Optional<Node> listed(FxRobot robot, String name) {
        return robot.lookup((Node n) -> n instanceof ListCell<?> c && name.equals(c.getText()) && c.getScene() != window.scene())
                .tryQuery();
    }

    private void assertTopBarOn(FxRobot robot, String name, RedisServerProcess server) {
        callFx(() -> {
            assertThat(shownInSelector(robot)).as("the selector").isEqualTo(name);
            assertThat(text(robot, "#stateLabel")).as("the state").startsWith("Connected");
            assertThat(text(robot, "#statusTarget")).as("the status line").startsWith(name + " · redis://127.0.0.1:" + server.port());
            return null;
        });
    }

    /** What the selector's button shows (not its value: the text an admin reads). */
    private static String shownInSelector(FxRobot robot) {
        ComboBox<?> box = robot.lookup("#profileBox").queryAs(ComboBox.class);
        return ((ListCell<?>) box.lookup(".list-cell")).getText();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static PasswordField prompt(FxRobot robot) {
        return robot.lookup(".password-dialog .password-field").tryQuery().filter(n -> n.getScene() != null
                && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()).map(n -> (PasswordField) n).orElse(null);
    }

    private List<String> promptTexts(FxRobot robot) {
        return callFx(() -> {
            DialogPane pane = (DialogPane) prompt(robot).getScene().getRoot();
            List<String> texts = new ArrayList<>(pane.lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList());
            texts.add(pane.getHeaderText());
            return texts;
        });
    }
}
