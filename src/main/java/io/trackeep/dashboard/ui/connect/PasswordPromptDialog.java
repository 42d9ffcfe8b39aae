package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.ui.kit.Dialogs;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.ui.Fxml;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.stage.Window;

import java.util.Optional;
import java.util.function.Supplier;

/** The password prompt at connect time, for a profile without a usable saved password. */
public final class PasswordPromptDialog {

    @FXML
    private Label target;
    @FXML
    private Label problem;
    @FXML
    private Label staying;
    @FXML
    private PasswordField password;
    @FXML
    private CheckBox remember;

    private final Dialog<PasswordEntry> dialog;

    /** @param stayOn the profile the window stays on until Connect (and after Cancel), or null: the prompt says so */
    public PasswordPromptDialog(Window owner, ThemeManager theme, ConnectionProfile profile, String problemText,
                                ConnectionProfile stayOn) {
        Node content = Fxml.load(this, "password-prompt.fxml");
        dialog = Dialogs.create(owner, theme, "Connect to " + profile.name(), "password-dialog", content);
        dialog.setHeaderText("Password for " + profile.name());
        target.setText(profile.describe());
        problem.setText(problemText);
        problem.setVisible(problemText != null);
        problem.setManaged(problemText != null);
        staying.setText(stayOn == null ? null
                : "The window stays on " + stayOn.name() + " until you press Connect; Cancel keeps it there.");
        staying.setVisible(stayOn != null);
        staying.setManaged(stayOn != null);
        remember.setSelected(problemText != null); // it was saved before: offer to save it again
        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, connect);
        Dialogs.primaryButton(dialog, connect, "passwordConnect", null);
        dialog.setResultConverter(b -> b == connect ? new PasswordEntry(password.getText(), remember.isSelected()) : null);
        Dialogs.focusOnShown(dialog, password);
    }

    /** A {@link PasswordSource} that shows this dialog over the given window. */
    public static PasswordSource source(Supplier<Window> owner, ThemeManager theme) {
        return (profile, problemText, stayOn) -> new PasswordPromptDialog(owner.get(), theme, profile, problemText, stayOn).showAndWait();
    }

    public Dialog<PasswordEntry> dialog() { return dialog; }

    public Optional<PasswordEntry> showAndWait() {
        return dialog.showAndWait();
    }
}
