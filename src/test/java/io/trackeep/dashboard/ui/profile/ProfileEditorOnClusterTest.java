package io.trackeep.dashboard.ui.profile;

import io.trackeep.dashboard.local.redis.ClusterTopology;
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

/** A Cluster profile made in the editor from one seed node: tested (the whole Cluster is found) and saved. */
@OnTopology(Topology.CLUSTER)
@ExtendWith(RedisServerExtension.class)
class ProfileEditorOnClusterTest {

    @TempDir
    Path temp;

    @AfterEach
    void clear() {
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }

    @Test
    void aClusterProfileNeedsOneSeedAndDatabaseZero(ClusterTopology cluster) {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, temp.resolve("config").toString());
        ProfileStore store = ProfileStore.open();
        ProfileEditorViewModel vm = new ProfileEditorViewModel(store, new InlineUiExecutor(), c -> true);
        vm.newProfile();
        vm.nameProperty().set("Big");
        vm.kindProperty().set(Topology.CLUSTER);
        assertThat(vm.validationProperty().get()).startsWith("Name at least one node");
        vm.nodesProperty().set(cluster.seeds().get(0));
        vm.databaseProperty().set("2");
        assertThat(vm.validationProperty().get()).contains("database 0 only");
        vm.databaseProperty().set("0");
        vm.passwordProperty().set(cluster.password());

        vm.testConnection();
        TestResult ok = vm.testResultProperty().get();
        assertThat(ok.status()).as(ok.message()).isEqualTo(TestResult.Status.OK);
        assertThat(ok.message()).matches("Connected: Redis 6\\.2\\.\\d+ \\(cluster: 3 masters, 3 replicas\\), PING [0-9.]+ ms");

        ConnectionProfile saved = vm.save().orElseThrow();
        assertThat(saved.uri()).isEqualTo("redis-cluster://" + cluster.seeds().get(0));
        assertThat(saved.topology()).isEqualTo(Topology.CLUSTER);
    }
}
