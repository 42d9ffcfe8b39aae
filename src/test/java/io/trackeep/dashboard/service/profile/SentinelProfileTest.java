package io.trackeep.dashboard.service.profile;

import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profiles of every kind of deployment: a Sentinel profile keeps the Sentinels' own user and
 * password (encrypted like the data password, bound to the profile, apart from it), a Cluster
 * profile its seed nodes; the Local instance's choice of topology is a setting.
 */
class SentinelProfileTest {

    private static final String DATA_SECRET = "data-Pa55/w+rd=";
    private static final String SENTINEL_SECRET = "sentinel-S3cret/+=";
    private static final String SENTINEL_URI = "redis-sentinel://10.0.0.1:26379,10.0.0.2:26379#trackeep";

    @TempDir
    Path temp;

    @BeforeEach
    void useTempFolders() {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, temp.resolve("config").toString());
        System.clearProperty(ConfigFolders.DATA_DIR_PROPERTY);
    }

    @AfterEach
    void restoreProperties() {
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }

    private static ConnectionProfile sentinel() {
        return new ConnectionProfile("HA", SENTINEL_URI, "app", 0, "tk", false, null, false, "watcher", false);
    }

    @Test
    void theSentinelsPasswordIsSavedEncryptedApartFromTheDataPassword() throws Exception {
        ProfileStore store = ProfileStore.open();
        ConnectionProfile stored = store.add(sentinel(), PasswordChange.save(DATA_SECRET), PasswordChange.save(SENTINEL_SECRET));

        assertThat(stored.sentinelPasswordSaved()).isTrue();
        assertThat(stored.topology()).isEqualTo(Topology.SENTINEL);
        String json = Files.readString(store.file());
        assertThat(json).contains("watcher").doesNotContain(SENTINEL_SECRET).doesNotContain(DATA_SECRET);

        ProfileStore reopened = ProfileStore.open();
        ConnectionProfile p = reopened.find("HA").orElseThrow();
        assertThat(p.sentinelUsername()).isEqualTo("watcher");
        assertThat(p.sentinelPasswordSaved()).isTrue();
        assertThat(reopened.password("HA").value()).contains(DATA_SECRET);
        assertThat(reopened.sentinelPassword("HA").value()).contains(SENTINEL_SECRET);
        RedisSettings settings = p.toSettings(DATA_SECRET, SENTINEL_SECRET);
        assertThat(settings.sentinelUsername()).isEqualTo("watcher");
        assertThat(settings.sentinelPassword()).isEqualTo(SENTINEL_SECRET);
        assertThat(settings.password()).isEqualTo(DATA_SECRET);
        assertThat(p.toString()).doesNotContain(SENTINEL_SECRET);
    }

    @Test
    void bothPasswordsFollowARenameAndEachCanBeForgottenAlone() {
        ProfileStore store = ProfileStore.open();
        store.add(sentinel(), PasswordChange.save(DATA_SECRET), PasswordChange.save(SENTINEL_SECRET));

        store.update("HA", sentinel().withName("HA prod"), PasswordChange.keep(), PasswordChange.keep());
        assertThat(store.password("HA prod").value()).contains(DATA_SECRET);
        assertThat(store.sentinelPassword("HA prod").value()).contains(SENTINEL_SECRET);

        ConnectionProfile withoutSentinelPassword = store.update("HA prod", sentinel().withName("HA prod"), PasswordChange.keep(),
                PasswordChange.forget());
        assertThat(withoutSentinelPassword.sentinelPasswordSaved()).isFalse();
        assertThat(store.sentinelPassword("HA prod").status()).isEqualTo(SavedPassword.Status.NOT_SAVED);
        assertThat(store.password("HA prod").value()).contains(DATA_SECRET);
    }

    @Test
    void onlyASentinelProfileKeepsSentinelCredentials() {
        ProfileStore store = ProfileStore.open();
        ConnectionProfile cluster = store.add(new ConnectionProfile("Big", "redis-cluster://10.0.0.1:7000,10.0.0.2:7000", null, 0,
                "tk", false, null, false, "watcher", false), PasswordChange.save(DATA_SECRET), PasswordChange.save(SENTINEL_SECRET));

        assertThat(cluster.topology()).isEqualTo(Topology.CLUSTER);
        assertThat(cluster.sentinelUsername()).isNull();
        assertThat(cluster.sentinelPasswordSaved()).isFalse();
        assertThat(ProfileStore.open().sentinelPassword("Big").status()).isEqualTo(SavedPassword.Status.NOT_SAVED);
        assertThat(ProfileStore.open().find("Big").orElseThrow().uri()).isEqualTo("redis-cluster://10.0.0.1:7000,10.0.0.2:7000");
    }

    @Test
    void theLocalInstanceRunsAsOneServerUnlessTheUserChoseOtherwise() throws Exception {
        ProfileStore store = ProfileStore.open();
        assertThat(store.settings().localInstanceTopology()).isEqualTo(Topology.STANDALONE);

        store.saveSettings(store.settings().withLocalTopology(Topology.CLUSTER));
        assertThat(ProfileStore.open().settings().localInstanceTopology()).isEqualTo(Topology.CLUSTER);

        Files.writeString(store.file(), Files.readString(store.file()).replace("\"cluster\"", "\"mesh\""));
        ProfileStore handEdited = ProfileStore.open();
        assertThat(handEdited.loadProblem()).isEmpty();
        assertThat(handEdited.settings().localInstanceTopology()).as("an unknown value").isEqualTo(Topology.STANDALONE);
    }
}
