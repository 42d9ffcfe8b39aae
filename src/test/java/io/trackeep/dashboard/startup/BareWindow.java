package io.trackeep.dashboard.startup;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;

/**
 * Baseline of {@code bench startup}: a bare JavaFX window (one label, the default theme) that
 * prints when its first pulse ran and exits. It runs on the JavaFX jars only. Like the program's
 * own {@code Main}, the main class is not the {@code Application} (on the class path the JVM
 * refuses to start one that is).
 *
 * <p>{@code java -cp <test-classes>:<javafx jars> io.trackeep.dashboard.startup.BareWindow}
 */
public final class BareWindow {

    /** What {@code bench startup} waits for on standard output. */
    public static final String FIRST_PULSE = "First pulse";

    private BareWindow() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The window itself. */
    public static final class Window extends Application {

        @Override
        public void start(Stage stage) {
            Scene scene = new Scene(new Label("Bare JavaFX window"), 640, 400);
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                // The clock is read before java.management loads, so that loading it is not counted.
                long now = System.currentTimeMillis();
                scene.removePostLayoutPulseListener(once[0]);
                System.out.println(FIRST_PULSE + " " + (now - ManagementFactory.getRuntimeMXBean().getStartTime())
                        + " ms after the JVM started");
                Platform.exit();
            };
            scene.addPostLayoutPulseListener(once[0]);
            stage.setScene(scene);
            stage.setTitle("Bare JavaFX window");
            stage.show();
        }
    }
}
