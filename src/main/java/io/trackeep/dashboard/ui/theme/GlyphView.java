package io.trackeep.dashboard.ui.theme;

import javafx.scene.layout.Region;
import javafx.scene.shape.SVGPath;
import javafx.scene.transform.Scale;

import java.util.Locale;

/**
 * A {@link Glyph} drawn at the size the stylesheet gives this region ({@code -fx-pref-width} /
 * {@code -fx-pref-height} on {@code .glyph}), keeping the 24×24 design box so all icons share
 * proportions. Fill comes from CSS on {@code .glyph-shape}.
 */
public final class GlyphView extends Region {

    private static final double BOX = 24;
    private static final double FALLBACK_SIZE = 16;

    private final Glyph glyph;
    private final SVGPath shape = new SVGPath();
    private final Scale scale = new Scale(1, 1, 0, 0);

    GlyphView(Glyph glyph) {
        this.glyph = glyph;
        shape.setContent(glyph.path());
        shape.getStyleClass().add("glyph-shape");
        shape.getTransforms().add(scale);
        shape.setManaged(false);
        getChildren().add(shape);
        getStyleClass().addAll("glyph", "glyph-" + glyph.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        setMouseTransparent(true);
        // the stylesheet's size is the size: no layout squeezes or stretches an icon
        setMinSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
    }

    public Glyph glyph() { return glyph; }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double size = Math.max(0, Math.min(w, h));
        double s = size / BOX;
        scale.setX(s);
        scale.setY(s);
        shape.setLayoutX(snappedLeftInset() + (w - size) / 2);
        shape.setLayoutY(snappedTopInset() + (h - size) / 2);
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + FALLBACK_SIZE + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + FALLBACK_SIZE + snappedBottomInset();
    }
}
