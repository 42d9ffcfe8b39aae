package io.trackeep.dashboard.ui.panel;

import javafx.scene.Node;

import java.util.List;

/**
 * A panel's view: the FXML controller that draws its view model (see {@link LivePanel}). It gives
 * the panel frame two things: the content, and the controls for the right side of the header
 * (filters, the panel's own buttons), which FXML declares in an {@code <fx:define>} block.
 */
public interface PanelView {

    /** The content under the header. */
    Node root();

    /** Controls for the header's right side, left to right. */
    default List<Node> headerActions() {
        return List.of();
    }
}
