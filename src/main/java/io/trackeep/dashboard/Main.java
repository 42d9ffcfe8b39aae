package io.trackeep.dashboard;

import io.trackeep.dashboard.cli.CommandLineApp;
import io.trackeep.dashboard.ui.DashboardApp;

/**
 * Entry point of the jar and the installed launcher. Deliberately not a JavaFX
 * {@code Application}: with JavaFX on the classpath the JVM refuses to start a main class that
 * extends it ("JavaFX runtime components are missing").
 *
 * <p>No arguments opens the window; anything else is a command of the command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            DashboardApp.launchWindow();
            return;
        }
        System.exit(CommandLineApp.run(args));
    }
}
