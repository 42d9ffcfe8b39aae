package io.trackeep.dashboard.ui.panel;

import javafx.scene.Node;

/**
 * A panel whose live view is not built yet: the standard frame with an honest empty state, so
 * navigation, shortcuts and connection states can be used and tested before the content exists.
 */
public final class PlaceholderPanel extends AbstractPanel {

    public PlaceholderPanel(PanelSpec spec, PanelContext context) {
        super(spec, context);
    }

    @Override
    protected Node createContent() {
        EmptyState empty = new EmptyState(spec.glyph(), spec.title() + " will appear here",
                "This build shows no live data in this panel yet.");
        empty.getStyleClass().add("placeholder-state");
        return empty;
    }
}
