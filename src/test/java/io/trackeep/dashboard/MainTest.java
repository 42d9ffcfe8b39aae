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

    @Test
    void lettuceAndNettyEmitNoFlightRecorderEventsUnlessTheUserAsks() {
        String lettuce = System.getProperty("io.lettuce.core.jfr");
        String netty = System.getProperty("io.netty.jfr.enabled");
        try {
            System.clearProperty("io.lettuce.core.jfr");
            System.setProperty("io.netty.jfr.enabled", "true");

            Main.withoutFlightRecorderEvents();

            assertThat(System.getProperty("io.lettuce.core.jfr")).isEqualTo("false");
            assertThat(System.getProperty("io.netty.jfr.enabled")).as("asked for on the command line").isEqualTo("true");
        } finally {
            restore("io.lettuce.core.jfr", lettuce);
            restore("io.netty.jfr.enabled", netty);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
