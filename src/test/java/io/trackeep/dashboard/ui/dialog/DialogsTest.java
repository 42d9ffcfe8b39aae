package io.trackeep.dashboard.ui.dialog;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.testing.DialogTestSupport;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.ui.connect.PasswordEntry;
import io.trackeep.dashboard.ui.connect.PasswordPromptDialog;
import io.trackeep.dashboard.ui.profile.ProfileEditorDialog;
import io.trackeep.dashboard.ui.profile.ProfileEditorViewModel;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The dialogs as a user meets them: keys, focus, buttons, and a picture of each. */
@ExtendWith(RedisServerExtension.class)
class DialogsTest extends DialogTestSupport {

    @Start
    void start(Stage stage) {
        showOwner(stage);
    }

    private static final Confirmation KILL = Confirmation.destructive("Kill this session?",
            "Ends the session of alice (user 42) on every backend; she has to log in again.", "Kill session",
            "Delete the session key tk:session:3f9a…c21e", "Remove it from tk:user:sessions:42",
            "Announce session.killed on tk:admin:events", "Record the action in the audit trail");

    private static <T> CompletableFuture<T> showLater(Supplier<T> dialog) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(dialog.get()));
        return answer;
    }

    private CompletableFuture<Boolean> askToKill() {
        return showLater(() -> new ConfirmDialog(() -> stage, theme).confirm(KILL));
    }

    private Button awaitButton(FxRobot robot, String id) {
        waitUntil(id + " shown", Duration.ofSeconds(5), () -> robot.lookup(id).tryQuery().isPresent());
        return robot.lookup(id).queryButton();
    }

    @Test
    void cancelIsTheFocusedDefaultSoEnterAndEscapeDoNothing(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = askToKill();
        Button cancel = awaitButton(robot, "#cancel-button");
        Button confirm = robot.lookup("#confirm-button").queryButton();
        waitUntil("cancel focused", Duration.ofSeconds(5), cancel::isFocused);
        assertThat(cancel.isDefaultButton()).isTrue();
        assertThat(confirm.isDefaultButton()).isFalse();
        assertThat(confirm.getText()).isEqualTo("Kill session");
        assertThat(confirm.getStyleClass()).contains("danger");
        // the content is as far from the left edge as the buttons from the right one, not flush with the border
        Region content = (Region) ((DialogPane) cancel.getScene().getRoot()).getContent();
        assertThat(content.getPadding().getLeft()).isEqualTo(content.getPadding().getRight()).isPositive();
        screenshot(cancel.getScene(), "dialog-confirm");
        robot.push(KeyCode.ENTER);
        assertThat(answer.get(5, TimeUnit.SECONDS)).isFalse();

        answer = askToKill();
        awaitButton(robot, "#cancel-button");
        robot.push(KeyCode.ESCAPE);
        assertThat(answer.get(5, TimeUnit.SECONDS)).isFalse();
    }

    /**
     * A confirmation quoting a limiter named with an escape sequence, a newline and a backslash
     * reads as the command line prints it (Printable.message): escaped, on one line each, the
     * backslash single; the action's notice title likewise (its text keeps its line breaks: Shown.lines).
     */
    @Test
    void aConfirmationQuotingANameFromRedisReadsAsTheCommandLinePrintsIt() {
        String name = "gen\\eral\u001b]0;pwned\u0007\nnext";
        Confirmation c = Confirmation.destructive("Reset limiter '" + name + "' for every client?", "Limiter '" + name + "'",
                "Reset", "Delete the keys of '" + name + "'");
        String shown = "gen\\eral\\x1b]0;pwned\\x07\\nnext";
        List<String> labels = callFx(() -> {
            var dialog = ConfirmDialog.create(stage, c, theme);
            assertThat(dialog.getTitle()).isEqualTo("Reset limiter '" + shown + "' for every client?");
            return dialog.getDialogPane().lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList();
        });
        assertThat(labels).contains("Reset limiter '" + shown + "' for every client?", "Limiter '" + shown + "'",
                "Delete the keys of '" + shown + "'");
        assertThat(String.join("", labels)).doesNotContain("\u001b", "\u0007", "\n");

        ControlsFxNotifier notifier = new ControlsFxNotifier(() -> stage);
        onFx(() -> notifier.show(Notifier.Kind.SUCCESS, "Reset limiter '" + name + "'", "Reset 3 clients of '" + name + "'"));
        assertThat(notifier.recent()).last().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Reset limiter '" + shown + "'");
            assertThat(n.text()).startsWith("Reset 3 clients of 'gen\\eral\\x1b]0;pwned\\x07").doesNotContain("\u001b", "\u0007");
        });
    }

    @Test
    void onlyTheNamedButtonConfirms(FxRobot robot) throws Exception {
        onFx(() -> theme.setMode(ThemeMode.DARK));
        try {
            CompletableFuture<Boolean> answer = askToKill();
            Button confirm = awaitButton(robot, "#confirm-button");
            screenshot(confirm.getScene(), "dialog-confirm-dark");
            robot.clickOn(confirm);
            assertThat(answer.get(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            onFx(() -> theme.setMode(ThemeMode.LIGHT));
        }
    }

    @Test
    void passwordPromptReturnsWhatWasTypedAndTheSaveChoice(FxRobot robot) throws Exception {
        ConnectionProfile prod = new ConnectionProfile("Production", "rediss://redis.example.com:6380", "admin", 0, "tk",
                true, null, true);
        CompletableFuture<Optional<PasswordEntry>> answer = showLater(() -> new PasswordPromptDialog(stage, theme, prod,
                "The saved password of \"Production\" cannot be used: the key file is missing. Enter it again.", null).showAndWait());
        waitUntil("prompt", Duration.ofSeconds(5), () -> robot.lookup(".password-field").tryQuery().map(n -> n.isFocused()).orElse(false));
        robot.clickOn(".password-field").write("s3cret");
        screenshot(robot.lookup(".password-field").query().getScene(), "dialog-password");
        robot.clickOn("Connect");
        PasswordEntry entry = answer.get(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(entry.password()).isEqualTo("s3cret");
        assertThat(entry.remember()).isTrue(); // offered again because it had been saved before
        assertThat(entry.toString()).doesNotContain("s3cret");
    }

    @Test
    void profileEditorTestsAConnectionOffTheFxThreadAndSaves(FxRobot robot, RedisServerProcess server) throws Exception {
        useTemporaryConfig();
        ProfileStore store = ProfileStore.open();
        store.add(new ConnectionProfile("Production", "rediss://redis.example.com:6380", "admin", 0, "tk", true, null, false),
                PasswordChange.keep());
        FxUiExecutor executor = new FxUiExecutor();
        try {
            ProfileEditorViewModel vm = new ProfileEditorViewModel(store, executor, new ConfirmDialog(() -> stage, theme));
            CompletableFuture<String> closed = showLater(() -> new ProfileEditorDialog(stage, theme, vm).showAndWait(null));
            awaitButton(robot, "#newButton");
            robot.clickOn("#newButton");
            robot.clickOn("#nameField").write("Staging");
            robot.doubleClickOn("#uriField").eraseText(40).write("redis://127.0.0.1:" + server.port());
            robot.clickOn("#passwordField").write(server.password());
            robot.clickOn("#testButton");
            Label result = robot.lookup("#testLabel").queryAs(Label.class);
            waitUntil("test result", Duration.ofSeconds(15), () -> result.getText().startsWith("Connected: Redis"));
            screenshot(result.getScene(), "dialog-profiles");
            robot.clickOn("#saveButton");
            waitUntil("saved", Duration.ofSeconds(5), () -> store.find("Staging").isPresent());
            assertThat(store.password("Staging").status()).hasToString("NOT_SAVED");
            robot.clickOn("Close");
            assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo("Staging");
        } finally {
            executor.close();
        }
    }

    @Test
    void notificationsShowTheResultOfAnAction() {
        ControlsFxNotifier notifier = new ControlsFxNotifier(() -> stage);
        notifier.success("Session killed", "alice (user 42) was logged out on every backend.");
        waitUntil("notification popup", Duration.ofSeconds(5),
                () -> Window.getWindows().stream().anyMatch(w -> w instanceof PopupWindow && w.isShowing()));
        sleep(600); // let the fade-in finish
        Window popup = callFx(() -> Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing())
                .findFirst().orElseThrow());
        screenshot(popup.getScene(), "notification-success");
        assertThat(notifier.recent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notifier.Kind.SUCCESS);
            assertThat(n.title()).isEqualTo("Session killed");
        });
    }
}
