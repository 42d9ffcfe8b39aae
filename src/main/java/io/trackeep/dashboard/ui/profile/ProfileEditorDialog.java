package io.trackeep.dashboard.ui.profile;

import io.trackeep.dashboard.ui.kit.Dialogs;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.ui.Fxml;
import io.trackeep.dashboard.ui.theme.Glyph;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import javafx.util.StringConverter;

import java.io.File;
import java.util.List;

/**
 * "Manage connection profiles": the list on the left, the form on the right, Test connection,
 * Save, New, Delete. Bound to a {@link ProfileEditorViewModel}; closing returns the name of the
 * profile last shown so the window can select it.
 */
public final class ProfileEditorDialog {

    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    @FXML
    private ListView<ConnectionProfile> profileList;
    @FXML
    private Button newButton;
    @FXML
    private Button deleteButton;
    @FXML
    private Label formTitle;
    @FXML
    private Label builtInNote;
    @FXML
    private GridPane form;
    @FXML
    private TextField nameField;
    @FXML
    private Label localLabel;
    @FXML
    private ChoiceBox<Topology> localTopologyChoice;
    @FXML
    private Label kindLabel;
    @FXML
    private ChoiceBox<Topology> kindChoice;
    @FXML
    private Label addressLabel;
    @FXML
    private TextField uriField;
    @FXML
    private javafx.scene.layout.VBox nodesBox;
    @FXML
    private TextField nodesField;
    @FXML
    private TextField masterField;
    @FXML
    private CheckBox tlsBox;
    @FXML
    private Label sentinelUserLabel;
    @FXML
    private TextField sentinelUserField;
    @FXML
    private Label sentinelPasswordLabel;
    @FXML
    private javafx.scene.layout.VBox sentinelPasswordBox;
    @FXML
    private PasswordField sentinelPasswordField;
    @FXML
    private Label sentinelPasswordNote;
    @FXML
    private TextField usernameField;
    @FXML
    private PasswordField passwordField;
    @FXML
    private Label passwordNote;
    @FXML
    private CheckBox savePasswordBox;
    @FXML
    private TextField databaseField;
    @FXML
    private TextField prefixField;
    @FXML
    private TextField caField;
    @FXML
    private Button browseCaButton;
    @FXML
    private CheckBox readOnlyBox;
    @FXML
    private Label problemLabel;
    @FXML
    private Button testButton;
    @FXML
    private Label testLabel;
    @FXML
    private Button saveButton;

    private final ProfileEditorViewModel vm;
    private final Dialog<String> dialog;

    public ProfileEditorDialog(Window owner, ThemeManager theme, ProfileEditorViewModel vm) {
        this.vm = vm;
        Node content = Fxml.load(this, "profile-editor.fxml");
        dialog = Dialogs.create(owner, theme, "Connection profiles", "profile-dialog", content);
        dialog.setResizable(true);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.setResultConverter(b -> vm.selectedProperty().get() == null ? null : vm.selectedProperty().get().name());
        bind();
    }

    public Dialog<String> dialog() { return dialog; }

    /** Shows the editor on {@code profileName} and returns the profile shown last (to select in the window). */
    public String showAndWait(String profileName) {
        vm.open(profileName);
        return dialog.showAndWait().orElse(null);
    }

    private void bind() {
        profileList.setItems(vm.profiles());
        profileList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name());
                setGraphic(empty || p == null ? null
                        : (p.isLocalInstance() ? Glyph.DATABASE : p.readOnly() ? Glyph.LOCK : Glyph.SERVER).view());
            }
        });
        vm.selectedProperty().addListener((obs, o, p) -> {
            if (p == null) {
                profileList.getSelectionModel().clearSelection();
            } else {
                profileList.getSelectionModel().select(p);
            }
        });
        profileList.getSelectionModel().selectedItemProperty().addListener((obs, o, p) -> {
            if (p != null && !p.equals(vm.selectedProperty().get())) {
                vm.select(p);
            }
        });

        newButton.setGraphic(Glyph.ADD.view());
        newButton.setOnAction(e -> {
            vm.newProfile();
            nameField.requestFocus();
        });
        deleteButton.setGraphic(Glyph.DELETE.view());
        deleteButton.setOnAction(e -> vm.delete());
        deleteButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.selectedProperty().get() == null || vm.selectedProperty().get().isLocalInstance(), vm.selectedProperty()));

        formTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? "New profile" : vm.selectedProperty().get().name(), vm.selectedProperty()));
        builtInNote.visibleProperty().bind(vm.editableProperty().not());
        builtInNote.managedProperty().bind(builtInNote.visibleProperty());
        // node by node, not the whole grid: the Local instance's "Runs as" is in it and stays enabled
        for (Node n : form.getChildren()) {
            if (n != localLabel && n != localTopologyChoice && n != databaseField) {
                n.disableProperty().bind(vm.editableProperty().not());
            }
        }

        nameField.textProperty().bindBidirectional(vm.nameProperty());
        kinds();
        uriField.textProperty().bindBidirectional(vm.uriProperty());
        usernameField.textProperty().bindBidirectional(vm.usernameProperty());
        passwordField.textProperty().bindBidirectional(vm.passwordProperty());
        passwordNote.textProperty().bind(vm.passwordNoteProperty());
        savePasswordBox.selectedProperty().bindBidirectional(vm.savePasswordProperty());
        databaseField.textProperty().bindBidirectional(vm.databaseProperty());
        prefixField.textProperty().bindBidirectional(vm.keyPrefixProperty());
        caField.textProperty().bindBidirectional(vm.caFileProperty());
        readOnlyBox.selectedProperty().bindBidirectional(vm.readOnlyProperty());
        browseCaButton.setOnAction(e -> chooseCaFile());

        Dialogs.bindProblem(problemLabel, Bindings.createStringBinding(
                () -> vm.errorProperty().get() != null ? vm.errorProperty().get() : vm.validationProperty().get(),
                vm.errorProperty(), vm.validationProperty()));

        testButton.setOnAction(e -> vm.testConnection());
        testButton.disableProperty().bind(vm.editableProperty().not());
        vm.testResultProperty().addListener((obs, o, r) -> {
            testLabel.setText(r == null ? "" : r.message());
            testLabel.pseudoClassStateChanged(OK, r != null && r.status() == ProfileEditorViewModel.TestResult.Status.OK);
            testLabel.pseudoClassStateChanged(FAILED, r != null && r.status() == ProfileEditorViewModel.TestResult.Status.FAILED);
        });
        saveButton.setOnAction(e -> vm.save());
        saveButton.disableProperty().bind(vm.editableProperty().not().and(vm.localInstanceProperty().not())
                .or(vm.validationProperty().isNotNull()));
    }

    /** The kind of deployment decides which address fields show; the Local instance chooses what it runs as. */
    private void kinds() {
        StringConverter<Topology> names = new StringConverter<>() {
            @Override
            public String toString(Topology t) {
                return t == null ? "" : switch (t) {
                    case STANDALONE -> "One server";
                    case SENTINEL -> "Sentinel set";
                    case CLUSTER -> "Cluster";
                };
            }

            @Override
            public Topology fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
        kindChoice.getItems().setAll(Topology.values());
        kindChoice.setConverter(names);
        kindChoice.valueProperty().bindBidirectional(vm.kindProperty());
        localTopologyChoice.getItems().setAll(Topology.values());
        localTopologyChoice.setConverter(names);
        localTopologyChoice.valueProperty().bindBidirectional(vm.localTopologyProperty());
        for (Node n : List.of(localLabel, localTopologyChoice)) {
            n.visibleProperty().bind(vm.localInstanceProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        for (Node n : List.of(kindLabel, kindChoice)) {
            n.visibleProperty().bind(vm.localInstanceProperty().not());
            n.managedProperty().bind(n.visibleProperty());
        }

        var standalone = vm.kindProperty().isEqualTo(Topology.STANDALONE);
        var sentinel = vm.kindProperty().isEqualTo(Topology.SENTINEL);
        addressLabel.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.kindProperty().get()) {
            case SENTINEL -> "Sentinels";
            case CLUSTER -> "Seed nodes";
            default -> "Redis URI";
        }, vm.kindProperty()));
        uriField.visibleProperty().bind(standalone);
        uriField.managedProperty().bind(uriField.visibleProperty());
        nodesBox.visibleProperty().bind(standalone.not());
        nodesBox.managedProperty().bind(nodesBox.visibleProperty());
        nodesField.promptTextProperty().bind(Bindings.when(sentinel).then("host1:26379, host2:26379, host3:26379")
                .otherwise("host1:6379, host2:6379 (any reachable node is enough)"));
        masterField.visibleProperty().bind(sentinel);
        masterField.managedProperty().bind(masterField.visibleProperty());
        nodesField.textProperty().bindBidirectional(vm.nodesProperty());
        masterField.textProperty().bindBidirectional(vm.masterNameProperty());
        tlsBox.selectedProperty().bindBidirectional(vm.tlsProperty());
        databaseField.disableProperty().bind(vm.editableProperty().not()
                .or(vm.kindProperty().isEqualTo(Topology.CLUSTER))); // a Cluster has database 0

        for (Node n : List.of(sentinelUserLabel, sentinelUserField, sentinelPasswordLabel, sentinelPasswordBox)) {
            n.visibleProperty().bind(sentinel);
            n.managedProperty().bind(n.visibleProperty());
        }
        sentinelUserField.textProperty().bindBidirectional(vm.sentinelUsernameProperty());
        sentinelPasswordField.textProperty().bindBidirectional(vm.sentinelPasswordProperty());
        sentinelPasswordNote.textProperty().bind(vm.sentinelPasswordNoteProperty());
    }

    private void chooseCaFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("CA certificate (PEM)");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PEM certificates", "*.pem", "*.crt", "*.cer"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
        if (f != null) {
            caField.setText(f.getAbsolutePath());
        }
    }
}
