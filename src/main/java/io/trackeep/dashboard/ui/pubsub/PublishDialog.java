package io.trackeep.dashboard.ui.pubsub;

import io.trackeep.dashboard.ui.kit.Dialogs;
import io.trackeep.dashboard.service.admin.PubSubActions;
import io.trackeep.dashboard.service.pubsub.JsonPayload;
import io.trackeep.dashboard.ui.kit.Css;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Optional;

/**
 * Composes a test message: a channel and a JSON payload, checked as they are typed with the same
 * rules the admin plan applies ({@link PubSubActions#requireChannel}, {@link JsonPayload#require}),
 * so "Continue" is enabled only for a message that can be sent. Sending is not done here: the
 * panel hands the message to the audited publish action, which asks for confirmation.
 */
final class PublishDialog {

    /** What to publish. */
    record Message(String channel, String payload) {
    }

    private PublishDialog() {
    }

    /** Shows the dialog and waits; empty when cancelled. FX thread. */
    static Optional<Message> ask(Window owner, ThemeManager theme, String channel, String payload) {
        return create(owner, theme, channel, payload).showAndWait();
    }

    static Dialog<Message> create(Window owner, ThemeManager theme, String channel, String payload) {
        TextField channelField = new TextField(channel);
        channelField.setId("publishChannel");
        channelField.setPromptText("Channel, e.g. tk:messages:test");
        TextArea payloadArea = new TextArea(payload);
        payloadArea.setId("publishPayload");
        payloadArea.getStyleClass().add("payload-editor");
        payloadArea.setPrefRowCount(9);
        StringBinding check = Bindings.createStringBinding(() -> problem(channelField.getText(), payloadArea.getText()),
                channelField.textProperty(), payloadArea.textProperty());
        Label problem = Dialogs.problemLine("publishProblem", check);

        Label channelLabel = new Label("Channel");
        channelLabel.setLabelFor(channelField);
        Label payloadLabel = new Label("Payload (JSON)");
        payloadLabel.setLabelFor(payloadArea);
        Label note = new Label("Subscribers of the channel, including real users, receive it. You are asked to confirm next.");
        note.getStyleClass().add("field-note");
        note.setWrapText(true);
        VBox body = new VBox(new VBox(channelLabel, channelField), new VBox(payloadLabel, payloadArea), problem, note);
        body.getStyleClass().add("publish-form");
        Dialog<Message> dialog = Dialogs.create(owner, theme, "Publish a test message", "publish-dialog", body,
                Css.stylesheet(PublishDialog.class, "pubsub.css"));

        ButtonType next = new ButtonType("Continue…", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, next);
        Dialogs.primaryButton(dialog, next, "publishContinue", check.isNotEmpty());
        dialog.setResultConverter(b -> b == next ? new Message(channelField.getText(), payloadArea.getText()) : null);
        Dialogs.focusOnShown(dialog, payloadArea);
        return dialog;
    }

    /** Why the message cannot be sent, or "" when it can. */
    static String problem(String channel, String payload) {
        try {
            PubSubActions.requireChannel(channel);
            JsonPayload.require(payload);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
