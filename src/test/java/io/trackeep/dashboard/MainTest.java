package io.trackeep.dashboard;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void linuxUsesXdgCacheHomeWhenAbsoluteElseDotCache() {
        assertThat(Main.userCacheDir("Linux", Map.of("XDG_CACHE_HOME", "/var/cache/alice"), "/home/alice"))
                .isEqualTo(Path.of("/var/cache/alice"));
        assertThat(Main.userCacheDir("Linux", Map.of("XDG_CACHE_HOME", "relative/cache"), "/home/alice"))
                .isEqualTo(Path.of("/home/alice/.cache"));
        assertThat(Main.userCacheDir("Linux", Map.of(), "/home/alice"))
                .isEqualTo(Path.of("/home/alice/.cache"));
    }

    @Test
    void macUsesLibraryCaches() {
        assertThat(Main.userCacheDir("Mac OS X", Map.of("XDG_CACHE_HOME", "/ignored"), "/Users/alice"))
                .isEqualTo(Path.of("/Users/alice/Library/Caches"));
    }

    @Test
    void windowsUsesLocalAppDataElseItsDefaultPlace() {
        assertThat(Main.userCacheDir("Windows 11", Map.of("LOCALAPPDATA", "/c/Users/alice/AppData/Local"), "/c/Users/alice"))
                .isEqualTo(Path.of("/c/Users/alice/AppData/Local"));
        assertThat(Main.userCacheDir("Windows 11", Map.of(), "/c/Users/alice"))
                .isEqualTo(Path.of("/c/Users/alice/AppData/Local"));
    }
}
