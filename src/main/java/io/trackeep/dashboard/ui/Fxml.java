package io.trackeep.dashboard.ui;

import javafx.fxml.FXMLLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * Loads an FXML file for a controller that already exists (Scene Builder's controller-first
 * style): the file has no {@code fx:controller}, the view object is constructed in code with its
 * dependencies and passes itself here. The file sits next to the class in the resources
 * ({@code io/trackeep/dashboard/ui/shell/shell.fxml} for {@code ui.shell.ShellView}).
 */
public final class Fxml {

    private Fxml() {
    }

    /** Loads {@code name} relative to the controller's class, injects its {@code @FXML} fields and returns the root. */
    public static <T> T load(Object controller, String name) {
        URL url = controller.getClass().getResource(name);
        if (url == null) {
            throw new IllegalStateException("Missing FXML " + name + " next to " + controller.getClass().getName());
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + url + ": " + e.getMessage(), e);
        }
    }
}
