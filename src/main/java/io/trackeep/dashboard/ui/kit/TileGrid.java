package io.trackeep.dashboard.ui.kit;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.layout.TilePane;

import java.util.List;

/**
 * Equal tiles in whole rows: as many columns as fit tiles at least {@link #minTileEmProperty()}
 * wide, chosen among the divisors of the number of tiles (twelve tiles go 6, 4, 3, 2 or 1 a row;
 * four go 4, 2 or 1), the tiles stretched to the full width. Every tile is as tall as the tallest
 * one needs at that width, so a detail line that wraps is shown whole (a plain {@link TilePane}
 * measures a wrapping tile at its one-line width and cuts it). A tile pane for its gaps
 * ({@code -fx-hgap}, {@code -fx-vgap}); the layout is its own.
 *
 * <p>Usable from FXML: {@code <TileGrid minTileEm="11" styleClass="figure-grid"/>}.
 */
public class TileGrid extends TilePane {

    private final DoubleProperty minTileEm = new SimpleDoubleProperty(this, "minTileEm", 11) {
        @Override
        protected void invalidated() {
            requestLayout();
        }
    };

    public TileGrid() {
        getStyleClass().add("tile-grid");
    }

    /** The narrowest a tile may be, in em ({@link Css#EM}). */
    public final DoubleProperty minTileEmProperty() { return minTileEm; }

    public final double getMinTileEm() {
        return minTileEm.get();
    }

    public final void setMinTileEm(double em) {
        minTileEm.set(em);
    }

    @Override
    protected double computeMinWidth(double height) {
        return horizontalInsets() + minTile();
    }

    @Override
    protected double computePrefWidth(double height) {
        int n = Math.max(1, getManagedChildren().size());
        return horizontalInsets() + n * minTile() + (n - 1) * snapSpaceX(getHgap());
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width); // never cut a tile's text: the panel scrolls instead
    }

    @Override
    protected double computePrefHeight(double width) {
        List<Node> tiles = getManagedChildren();
        if (tiles.isEmpty()) {
            return verticalInsets();
        }
        Fit fit = fit(width < 0 ? computePrefWidth(-1) : width);
        int rows = (tiles.size() + fit.columns - 1) / fit.columns;
        return verticalInsets() + rows * fit.tileHeight + (rows - 1) * snapSpaceY(getVgap());
    }

    /** Lays the tiles out itself: a tile pane's tiles are all one whole number of pixels wide and leave a gap at the right. */
    @Override
    protected void layoutChildren() {
        List<Node> tiles = getManagedChildren();
        if (tiles.isEmpty()) {
            return;
        }
        Fit fit = fit(getWidth());
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double inside = Math.max(0, getWidth() - horizontalInsets());
        double gap = snapSpaceX(getHgap());
        double vgap = snapSpaceY(getVgap());
        for (int i = 0; i < tiles.size(); i++) {
            int column = i % fit.columns;
            int row = i / fit.columns;
            // the columns' edges rounded, not their widths: the last tile ends at the right edge
            double x0 = Math.round(column * (inside + gap) / fit.columns);
            double x1 = Math.round((column + 1) * (inside + gap) / fit.columns) - gap;
            tiles.get(i).resizeRelocate(left + x0, top + row * (fit.tileHeight + vgap), Math.max(0, x1 - x0), fit.tileHeight);
        }
    }

    private record Fit(int columns, double tileHeight) {
    }

    private Fit fit(double width) {
        List<Node> tiles = getManagedChildren();
        double inside = Math.max(0, width - horizontalInsets());
        double gap = snapSpaceX(getHgap());
        int fits = (int) ((inside + gap) / (minTile() + gap));
        int columns = 1;
        for (int c = Math.min(fits, tiles.size()); c > 1; c--) {
            if (tiles.size() % c == 0) {
                columns = c;
                break;
            }
        }
        double narrowest = Math.max(1, Math.floor((inside - gap * (columns - 1)) / columns)); // a narrower tile is no shorter
        double tileHeight = 0;
        for (Node tile : tiles) {
            tileHeight = Math.max(tileHeight, Math.max(tile.minHeight(narrowest), tile.prefHeight(narrowest)));
        }
        return new Fit(columns, snapSizeY(Math.ceil(tileHeight)));
    }

    private double minTile() {
        return Math.ceil(Css.EM * getMinTileEm());
    }

    private double horizontalInsets() {
        Insets in = getInsets();
        return snapSpaceX(in.getLeft()) + snapSpaceX(in.getRight());
    }

    private double verticalInsets() {
        Insets in = getInsets();
        return snapSpaceY(in.getTop()) + snapSpaceY(in.getBottom());
    }
}
