package io.trackeep.dashboard;

import io.trackeep.dashboard.cli.CommandLineApp;
import io.trackeep.dashboard.ui.DashboardApp;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of the jar and the installed launcher. Deliberately not a JavaFX
 * {@code Application}: with JavaFX on the classpath the JVM refuses to start a main class that
 * extends it ("JavaFX runtime components are missing").
 *
 * <p>No arguments opens the window; anything else is a command of the command line.
 */
public final class Main {

    private static final String JAVAFX_CACHE_DIR = "javafx.cachedir";
    private static final List<String> FLIGHT_RECORDER_SWITCHES = List.of("io.lettuce.core.jfr", "io.netty.jfr.enabled");

    private Main() {
    }

    public static void main(String[] args) {
        useUserCacheForJavaFx();
        withoutFlightRecorderEvents();
        if (args.length == 0) {
            DashboardApp.launchWindow();
            return;
        }
        System.exit(CommandLineApp.run(args));
    }

    /**
     * JavaFX unpacks its native libraries on first start, by default into {@code ~/.openjfx}; the
     * installed program keeps them in the user's cache folder instead. jpackage's
     * {@code --java-options} know {@code $APPDIR} but not the home folder, hence here, before
     * JavaFX loads. An explicit {@code -Djavafx.cachedir} wins.
     */
    private static void useUserCacheForJavaFx() {
        if (System.getProperty(JAVAFX_CACHE_DIR) == null) {
            Path dir = userCacheDir(System.getProperty("os.name"), System.getenv(), System.getProperty("user.home"));
            System.setProperty(JAVAFX_CACHE_DIR, dir.resolve("trackeep-redis-dashboard").resolve("openjfx").toString());
        }
    }

    /**
     * Lettuce and Netty's buffer allocator emit events for the JDK Flight Recorder whenever the
     * JDK has it, recording or not: that registers and instruments their event classes (with
     * the recorder's own, some 150 classes that class-data sharing cannot archive) on every
     * start. Nobody here reads those events; {@code -Dio.lettuce.core.jfr=true} or
     * {@code -Dio.netty.jfr.enabled=true} bring them back.
     */
    static void withoutFlightRecorderEvents() {
        for (String property : FLIGHT_RECORDER_SWITCHES) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "false");
            }
        }
    }

    /** The per-user cache folder of the platform: XDG on Linux, Library/Caches on macOS, LocalAppData on Windows. */
    static Path userCacheDir(String osName, Map<String, String> env, String home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return local != null && !local.isBlank() ? Path.of(local) : Path.of(home, "AppData", "Local");
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return Path.of(home, "Library", "Caches");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        // The XDG spec says to ignore a relative XDG_CACHE_HOME.
        return xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(home, ".cache");
    }
}
