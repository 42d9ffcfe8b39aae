package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.service.redis.TopologyUri;
import io.trackeep.dashboard.ui.task.InlineUiExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The window's Local instance runs as the topology chosen for it, and a new choice replaces the running one. */
class LocalInstanceTopologyTest {

    @TempDir
    Path config;
    private LocalInstanceStarter local;
    private ConnectionController controller;

    @AfterEach
    void tearDown() {
        if (controller != null) {
            controller.close();
        }
        if (local != null) {
            local.close();
        }
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }

    @Test
    void theLocalInstanceRunsAsTheChosenTopologyAndAnotherChoiceReplacesIt() {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, config.toString());
        ProfileStore store = ProfileStore.open();
        store.saveSettings(store.settings().withLocalTopology(Topology.SENTINEL));
        InlineUiExecutor ui = new InlineUiExecutor();
        LiveConnection live = new LiveConnection(ui);
        local = new LocalInstanceStarter();
        controller = new ConnectionController(store, ui, local, (p, why, stayOn) -> Optional.empty(), live);

        controller.connect(ConnectionProfile.localInstance());

        assertThat(live.state()).as(String.valueOf(live.problemProperty().get())).isEqualTo(ConnectionState.CONNECTED);
        RedisConnections sentinel = live.current();
        assertThat(sentinel.topology()).isEqualTo(Topology.SENTINEL);
        assertThat(sentinel.settings().sentinelPassword()).as("the Sentinels' own password comes with it").isNotNull();
        assertThat(sentinel.deployment().nodes()).hasSize(2);
        List<TopologyUri.Node> sentinels = sentinel.settings().nodes();

        store.saveSettings(store.settings().withLocalTopology(Topology.STANDALONE));
        controller.connect(ConnectionProfile.localInstance());

        assertThat(live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(live.current().topology()).isEqualTo(Topology.STANDALONE);
        assertThat(live.current().sync().ping()).isEqualTo("PONG");
        for (TopologyUri.Node n : sentinels) {
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), n.port()).close())
                    .as("Sentinel " + n + " stopped with the instance it belonged to").isInstanceOf(IOException.class);
        }
    }
}
