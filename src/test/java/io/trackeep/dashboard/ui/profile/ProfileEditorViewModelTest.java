package io.trackeep.dashboard.ui.profile;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.profile.SavedPassword;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.ui.dialog.Confirmation;
import io.trackeep.dashboard.ui.profile.ProfileEditorViewModel.TestResult;
import io.trackeep.dashboard.ui.task.InlineUiExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class ProfileEditorViewModelTest {

    @TempDir
    Path temp;
    private ProfileStore store;
    private final List<Confirmation> asked = new ArrayList<>();
    private boolean confirm;
    private ProfileEditorViewModel vm;

    @BeforeEach
    void setUp() {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, temp.resolve("config").toString());
        store = ProfileStore.open();
        vm = new ProfileEditorViewModel(store, new InlineUiExecutor(), c -> {
            asked.add(c);
            return confirm;
        });
    }

    @AfterEach
    void clear() {
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }

    private void fill(String name, String uri, String password, boolean save) {
        vm.newProfile();
        vm.nameProperty().set(name);
        vm.uriProperty().set(uri);
        vm.passwordProperty().set(password);
        vm.savePasswordProperty().set(save);
    }

    @Test
    void addsAProfileAndTestsItsConnection(RedisServerProcess server) {
        fill("Test", "redis://127.0.0.1:" + server.port(), server.password(), true);
        vm.keyPrefixProperty().set("trk");
        vm.readOnlyProperty().set(true);

        vm.testConnection();
        TestResult result = vm.testResultProperty().get();
        assertThat(result.status()).isEqualTo(TestResult.Status.OK);
        assertThat(result.message()).matches("Connected: Redis 6\\.2\\.\\d+ \\(standalone\\), PING [0-9.]+ ms");

        ConnectionProfile saved = vm.save().orElseThrow();
        assertThat(saved.passwordSaved()).isTrue();
        assertThat(saved.readOnly()).isTrue();
        assertThat(store.find("Test").orElseThrow().keyPrefix()).isEqualTo("trk");
        assertThat(store.password("Test").value()).contains(server.password());
        assertThat(vm.selectedProperty().get()).isEqualTo(saved);
        assertThat(vm.passwordProperty().get()).as("the typed password leaves the form").isEmpty();

        vm.testConnection(); // empty field: the saved password is used
        assertThat(vm.testResultProperty().get().status()).isEqualTo(TestResult.Status.OK);
    }

    @Test
    void testReportsWrongPasswordAndUnreachableServerInPlainWords(RedisServerProcess server) {
        fill("Test", "redis://127.0.0.1:" + server.port(), "not-the-password", false);
        vm.testConnection();
        assertThat(vm.testResultProperty().get().status()).isEqualTo(TestResult.Status.FAILED);
        assertThat(vm.testResultProperty().get().message()).startsWith("Authentication failed:").doesNotContain("not-the-password");

        vm.uriProperty().set("redis://127.0.0.1:1");
        vm.testConnection();
        assertThat(vm.testResultProperty().get().message()).startsWith("Redis is unreachable:");
    }

    @Test
    void invalidFormsAreExplainedAndNotSaved() {
        fill("", "redis://localhost", "", false);
        assertThat(vm.validationProperty().get()).isEqualTo("Give the profile a name.");
        vm.nameProperty().set("X");
        vm.uriProperty().set("http://localhost");
        assertThat(vm.validationProperty().get()).contains("redis://");
        vm.uriProperty().set("redis://localhost");
        vm.databaseProperty().set("two");
        assertThat(vm.validationProperty().get()).isEqualTo("Database must be a number (0 for the default)");
        assertThat(vm.save()).isEmpty();
        assertThat(vm.errorProperty().get()).isNotNull();
        vm.databaseProperty().set("2");
        assertThat(vm.validationProperty().get()).isNull();
        vm.nameProperty().set("Local Instance");
        assertThat(vm.save()).isEmpty();
        assertThat(vm.errorProperty().get()).contains("built in");
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void editingKeepsTheSavedPasswordUnlessTheBoxIsUnticked(RedisServerProcess server) {
        fill("Test", "redis://127.0.0.1:" + server.port(), server.password(), true);
        vm.save();
        vm.open("Test");
        assertThat(vm.passwordNoteProperty().get()).contains("is saved");
        vm.databaseProperty().set("3");
        vm.save();
        assertThat(store.find("Test").orElseThrow().database()).isEqualTo(3);
        assertThat(store.password("Test").status()).isEqualTo(SavedPassword.Status.SAVED);

        vm.savePasswordProperty().set(false);
        vm.save();
        assertThat(store.password("Test").status()).isEqualTo(SavedPassword.Status.NOT_SAVED);
    }

    @Test
    void deleteSaysWhatItDeletesAndDoesNothingWhenDeclined(RedisServerProcess server) {
        fill("Test", "redis://127.0.0.1:" + server.port(), "pw", true);
        vm.save();

        confirm = false;
        assertThat(vm.delete()).isFalse();
        assertThat(store.find("Test")).isPresent();
        Confirmation c = asked.get(0);
        assertThat(c.destructive()).isTrue();
        assertThat(c.confirmLabel()).isEqualTo("Delete profile");
        assertThat(c.effects()).anySatisfy(e -> assertThat(e).contains("\"Test\"").contains("profiles.json"))
                .anySatisfy(e -> assertThat(e).contains("saved, encrypted password"));

        confirm = true;
        assertThat(vm.delete()).isTrue();
        assertThat(store.find("Test")).isEmpty();
        assertThat(vm.selectedProperty().get()).isEqualTo(ConnectionProfile.localInstance());
    }

    @Test
    void theLocalInstanceIsShownButNotEditable() {
        vm.open("Local instance");
        assertThat(vm.editableProperty().get()).isFalse();
        assertThat(vm.validationProperty().get()).isNull();
        assertThat(vm.delete()).isFalse();
        assertThat(asked).isEmpty();
    }

    @Test
    void theLocalInstanceChoosesOnlyWhatItRunsAs() {
        vm.open(ConnectionProfile.LOCAL_INSTANCE_NAME);
        assertThat(vm.localInstanceProperty().get()).isTrue();
        assertThat(vm.editableProperty().get()).isFalse();
        assertThat(vm.localTopologyProperty().get()).isEqualTo(io.trackeep.dashboard.service.redis.Topology.STANDALONE);

        vm.localTopologyProperty().set(io.trackeep.dashboard.service.redis.Topology.CLUSTER);
        assertThat(vm.save()).contains(ConnectionProfile.localInstance());

        assertThat(ProfileStore.open().settings().localInstanceTopology()).isEqualTo(io.trackeep.dashboard.service.redis.Topology.CLUSTER);
        assertThat(store.list()).containsExactly(ConnectionProfile.localInstance());
    }
}
