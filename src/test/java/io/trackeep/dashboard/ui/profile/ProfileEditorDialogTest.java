package io.trackeep.dashboard.ui.profile;

import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.testing.DialogTestSupport;
import io.trackeep.dashboard.ui.task.InlineUiExecutor;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The profile editor's form as an admin sees it: every row's label and field in the same two columns. */
class ProfileEditorDialogTest extends DialogTestSupport {

    @Start
    void start(Stage stage) {
        showOwner(stage);
    }

    private static Bounds inScene(Node n) {
        return n.localToScene(n.getBoundsInLocal());
    }

    @Test
    void theLocalInstancesRunsAsRowLinesUpWithTheFormAndStaysEnabled(FxRobot robot) throws Exception {
        useTemporaryConfig();
        ProfileStore store = ProfileStore.open();
        store.add(new ConnectionProfile("Production", "rediss://redis.example.com:6380", "admin", 0, "tk", true, null, false),
                PasswordChange.keep());
        ProfileEditorViewModel vm = new ProfileEditorViewModel(store, new InlineUiExecutor(), c -> true);
        CompletableFuture<String> closed = new CompletableFuture<>();
        Platform.runLater(() -> closed.complete(new ProfileEditorDialog(stage, theme, vm)
                .showAndWait(ConnectionProfile.LOCAL_INSTANCE_NAME)));
        waitUntil("the editor on the Local instance", Duration.ofSeconds(10),
                () -> robot.lookup("#localTopology").tryQuery().filter(Node::isVisible).isPresent());

        Node runsAs = robot.lookup(n -> n instanceof Label l && "Runs as".equals(l.getText())).query();
        Node runsAsChoice = robot.lookup("#localTopology").query();
        Node nameLabel = robot.lookup(n -> n instanceof Label l && "Name".equals(l.getText())).query();
        Node nameField = robot.lookup("#nameField").query();
        screenshot(runsAs.getScene(), "dialog-profiles-local");
        callFx(() -> {
            // the label column is right-aligned: "Runs as" ends where "Name" ends; the choice starts where the fields start
            assertThat(inScene(runsAs).getMaxX()).isCloseTo(inScene(nameLabel).getMaxX(), within(0.5));
            assertThat(inScene(runsAsChoice).getMinX()).isCloseTo(inScene(nameField).getMinX(), within(0.5));
            // and the label is level with its choice, as "Name" is with its field
            assertThat(inScene(runsAs).getCenterY()).isCloseTo(inScene(runsAsChoice).getCenterY(), within(1.0));
            // in the Kind row, in place of a fixed kind that would contradict it
            assertThat(inScene(runsAsChoice).getMinY()).as("below the Name row").isGreaterThan(inScene(nameField).getMaxY());
            assertThat(robot.lookup("#profileKind").query().isVisible()).isFalse();
            // the Local instance cannot be edited, except what it runs as
            assertThat(runsAsChoice.isDisabled()).isFalse();
            assertThat(nameField.isDisabled()).isTrue();
            return null;
        });
        double runsAsBelowName = callFx(() -> inScene(runsAsChoice).getMinY() - inScene(nameField).getMaxY());

        onFx(() -> vm.select(store.find("Production").orElseThrow()));
        callFx(() -> {
            assertThat(runsAs.isVisible()).isFalse();
            assertThat(runsAsChoice.isVisible()).isFalse();
            assertThat(nameField.isDisabled()).isFalse();
            Node kind = robot.lookup("#profileKind").query();
            assertThat(kind.isVisible()).isTrue();
            assertThat(inScene(kind).getMinY() - inScene(nameField).getMaxY()).isCloseTo(runsAsBelowName, within(0.5));
            return null;
        });
        robot.clickOn("Close");
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo("Production");
    }
}
