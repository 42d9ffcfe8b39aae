package io.trackeep.dashboard.service.profile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigFoldersTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxFollowsXdgOrFallsBackToDotFolders() {
        assertThat(ConfigFolders.resolve(new Properties(), Map.of(), "Linux", HOME)).isEqualTo(new ConfigFolders(
                Path.of("/home/ada/.config/trackeep-redis-dashboard"),
                Path.of("/home/ada/.local/share/trackeep-redis-dashboard")));
        assertThat(ConfigFolders.resolve(new Properties(), Map.of("XDG_CONFIG_HOME", "/x/conf", "XDG_DATA_HOME", "/x/data"), "Linux", HOME))
                .isEqualTo(new ConfigFolders(Path.of("/x/conf/trackeep-redis-dashboard"), Path.of("/x/data/trackeep-redis-dashboard")));
    }

    @Test
    void windowsUsesRoamingForConfigAndLocalForTheKey() {
        ConfigFolders f = ConfigFolders.resolve(new Properties(),
                Map.of("APPDATA", "/c/Users/ada/AppData/Roaming", "LOCALAPPDATA", "/c/Users/ada/AppData/Local"), "Windows 11", HOME);
        assertThat(f.config()).isEqualTo(Path.of("/c/Users/ada/AppData/Roaming/TrackeepRedisDashboard"));
        assertThat(f.data()).isEqualTo(Path.of("/c/Users/ada/AppData/Local/TrackeepRedisDashboard"));
    }

    @Test
    void macUsesApplicationSupportWithASeparateKeyFolder() {
        ConfigFolders f = ConfigFolders.resolve(new Properties(), Map.of(), "Mac OS X", HOME);
        assertThat(f.config()).isEqualTo(Path.of("/home/ada/Library/Application Support/TrackeepRedisDashboard"));
        assertThat(f.data()).isEqualTo(Path.of("/home/ada/Library/Application Support/TrackeepRedisDashboard-Data"));
        assertThat(ConfigFolders.resolve(new Properties(), Map.of(), "Darwin", HOME)).isEqualTo(f);
    }

    @Test
    void propertiesOverrideAndAConfigOverrideAloneKeepsTheKeyBesideIt() {
        Properties p = new Properties();
        p.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, "/tmp/t1/conf");
        assertThat(ConfigFolders.resolve(p, Map.of(), "Linux", HOME))
                .isEqualTo(new ConfigFolders(Path.of("/tmp/t1/conf"), Path.of("/tmp/t1/conf-data")));
        p.setProperty(ConfigFolders.DATA_DIR_PROPERTY, "/tmp/t1/keys");
        assertThat(ConfigFolders.resolve(p, Map.of(), "Linux", HOME).data()).isEqualTo(Path.of("/tmp/t1/keys"));
    }
}
