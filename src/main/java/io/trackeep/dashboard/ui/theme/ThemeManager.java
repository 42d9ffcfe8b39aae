package io.trackeep.dashboard.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.trackeep.dashboard.service.profile.ThemeMode;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.Parent;
import javafx.scene.Scene;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Light and dark look from one source: AtlantaFX Primer as the user-agent stylesheet (switched
 * whole), plus the dashboard's own {@value #STYLESHEET_NAME}, which uses only AtlantaFX's
 * looked-up colours ({@code -color-fg-default}, {@code -color-accent-emphasis}, ...) and so
 * follows the switch by itself. The few dark-only tweaks hang off the {@code :dark}
 * pseudo-class that this class sets on every styled root. Call on the FX thread.
 */
public final class ThemeManager {

    public static final String STYLESHEET_NAME = "dashboard.css";
    public static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private final ObjectProperty<ThemeMode> mode = new SimpleObjectProperty<>(ThemeMode.LIGHT);
    private final List<WeakReference<Parent>> roots = new ArrayList<>();

    public ThemeManager(ThemeMode initial) {
        mode.set(Objects.requireNonNull(initial));
        mode.addListener((obs, old, now) -> applyToAll());
        applyToAll();
    }

    /** The dashboard stylesheet's URL, for scenes and dialogs. */
    public static String stylesheet() {
        return Objects.requireNonNull(ThemeManager.class.getResource("/io/trackeep/dashboard/ui/" + STYLESHEET_NAME),
                STYLESHEET_NAME + " missing").toExternalForm();
    }

    public ThemeMode mode() {
        return mode.get();
    }

    public void setMode(ThemeMode m) {
        mode.set(Objects.requireNonNull(m));
    }

    /** Adds the dashboard stylesheet to a scene and keeps its root's {@code :dark} state current. */
    public void style(Scene scene) {
        if (!scene.getStylesheets().contains(stylesheet())) {
            scene.getStylesheets().add(stylesheet());
        }
        scene.rootProperty().addListener((obs, old, root) -> track(root));
        track(scene.getRoot());
    }

    /** Same for a root that brings its own scene later (a dialog pane, a popup's content). */
    public void style(Parent root) {
        if (!root.getStylesheets().contains(stylesheet())) {
            root.getStylesheets().add(stylesheet());
        }
        track(root);
    }

    private void track(Parent root) {
        if (root == null) {
            return;
        }
        roots.removeIf(r -> r.get() == null);
        roots.add(new WeakReference<>(root));
        root.pseudoClassStateChanged(DARK, mode() == ThemeMode.DARK);
    }

    private void applyToAll() {
        ThemeMode m = mode();
        Application.setUserAgentStylesheet(m == ThemeMode.DARK
                ? new PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS());
        roots.removeIf(r -> r.get() == null);
        for (WeakReference<Parent> r : roots) {
            Parent p = r.get();
            if (p != null) {
                p.pseudoClassStateChanged(DARK, m == ThemeMode.DARK);
            }
        }
    }
}
