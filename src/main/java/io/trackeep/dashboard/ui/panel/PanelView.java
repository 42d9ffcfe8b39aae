package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.ui.Fxml;
import javafx.scene.Node;

import java.util.List;
import java.util.Objects;

/**
 * A panel's view: the FXML controller that draws its view model (see {@link LivePanel}). It gives
 * the panel frame two things: the content, and the controls for the right side of the header
 * (filters, the panel's own buttons), which FXML declares in an {@code <fx:define>} block.
 *
 * <p>A view's constructor calls {@link #load} first (its {@code @FXML} fields are set from then
 * on), names its header controls with {@link #headerActions(Node...)} and binds the rest.
 */
public abstract class PanelView {

    private Node root;
    private List<Node> headerActions = List.of();

    /** Loads {@code fxml}, next to the view's class, with this view as its controller; returns its root. */
    protected final <N extends Node> N load(String fxml) {
        N loaded = Fxml.load(this, fxml);
        root = loaded;
        return loaded;
    }

    /** The controls for the header's right side, left to right. */
    protected final void headerActions(Node... controls) {
        headerActions = List.of(controls);
    }

    /** The content under the header. */
    public final Node root() {
        return Objects.requireNonNull(root, "the view has not loaded its FXML");
    }

    /** Controls for the header's right side, left to right. */
    public final List<Node> headerActions() { return headerActions; }
}
