package io.trackeep.dashboard.testing;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritablePixelFormat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * PNG pictures of what the window shows, for tests and documentation. Works headless (Monocle)
 * and without {@code javafx.swing}: the snapshot's pixels are copied into a
 * {@link BufferedImage} and written with {@link ImageIO}. Call on the FX thread.
 */
public final class Screenshots {

    private Screenshots() {
    }

    /** Writes the whole scene as it is drawn now. */
    public static Path write(Scene scene, Path file) {
        return write(scene.snapshot(null), file);
    }

    /** Writes one node (a dialog pane, a panel) with the scene's background. */
    public static Path write(Node node, Path file) {
        SnapshotParameters params = new SnapshotParameters();
        if (node.getScene() != null && node.getScene().getFill() != null) {
            params.setFill(node.getScene().getFill());
        }
        return write(node.snapshot(params, null), file);
    }

    public static Path write(Image image, Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!ImageIO.write(toBufferedImage(image), "png", file.toFile())) {
                throw new IllegalStateException("No PNG writer available");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The image's pixels as ARGB, as {@code SwingFXUtils.fromFXImage} would give them. */
    public static BufferedImage toBufferedImage(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        PixelReader reader = image.getPixelReader();
        int[] pixels = new int[w * h];
        WritablePixelFormat<IntBuffer> format = WritablePixelFormat.getIntArgbInstance();
        reader.getPixels(0, 0, w, h, format, pixels, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, pixels, 0, w);
        return out;
    }
}
