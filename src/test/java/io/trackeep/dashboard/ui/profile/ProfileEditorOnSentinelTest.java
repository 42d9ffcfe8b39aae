package io.trackeep.dashboard.ui.profile;

import io.trackeep.dashboard.local.redis.SentinelTopology;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.ui.profile.ProfileEditorViewModel.TestResult;
import io.trackeep.dashboard.ui.task.InlineUiExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A Sentinel profile made in the editor: the Sentinels, the master's name and the Sentinels' own password, tested and saved. */
@OnTopology(Topology.SENTINEL)
@ExtendWith(RedisServerExtension.class)
class ProfileEditorOnSentinelTest {

    @TempDir
    Path temp;

    @AfterEach
    void clear() {
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }

    @Test
    void aSentinelProfileIsTestedSavedAndShownAgain(SentinelTopology set) {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, temp.resolve("config").toString());
        ProfileStore store = ProfileStore.open();
        ProfileEditorViewModel vm = new ProfileEditorViewModel(store, new InlineUiExecutor(), c -> true);
        vm.newProfile();
        vm.nameProperty().set("HA");
        vm.kindProperty().set(Topology.SENTINEL);
        vm.nodesProperty().set(String.join(", ", set.sentinelAddresses()));
        assertThat(vm.validationProperty().get()).startsWith("Name the master");
        vm.masterNameProperty().set(set.masterName());
        vm.passwordProperty().set(set.password());
        vm.savePasswordProperty().set(true);

        vm.testConnection();
        assertThat(vm.testResultProperty().get().status()).as("the Sentinels refuse without their password").isEqualTo(TestResult.Status.FAILED);
        assertThat(vm.testResultProperty().get().message()).contains("Sentinels");

        vm.sentinelPasswordProperty().set(set.sentinelPassword());
        vm.testConnection();
        TestResult ok = vm.testResultProperty().get();
        assertThat(ok.status()).as(ok.message()).isEqualTo(TestResult.Status.OK);
        assertThat(ok.message()).matches("Connected: Redis 6\\.2\\.\\d+ \\(standalone, master '" + set.masterName()
                + "' at 127\\.0\\.0\\.1:\\d+, 1 replica\\), PING [0-9.]+ ms");

        ConnectionProfile saved = vm.save().orElseThrow();
        assertThat(saved.uri()).isEqualTo("redis-sentinel://" + String.join(",", set.sentinelAddresses()) + "#" + set.masterName());
        assertThat(saved.sentinelPasswordSaved()).isTrue();
        assertThat(store.sentinelPassword("HA").value()).contains(set.sentinelPassword());
        assertThat(vm.sentinelPasswordProperty().get()).as("the typed password leaves the form").isEmpty();

        vm.select(store.list().get(0));
        vm.select(store.find("HA").orElseThrow());
        assertThat(vm.kindProperty().get()).isEqualTo(Topology.SENTINEL);
        assertThat(vm.nodesProperty().get()).isEqualTo(String.join(", ", set.sentinelAddresses()));
        assertThat(vm.masterNameProperty().get()).isEqualTo(set.masterName());
        assertThat(vm.sentinelPasswordNoteProperty().get()).startsWith("A Sentinel password is saved");
        vm.testConnection(); // empty fields: both saved passwords are used
        assertThat(vm.testResultProperty().get().status()).isEqualTo(TestResult.Status.OK);
    }
}
