package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.service.profile.ConfigFolders;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Base for TestFX tests. Headless by the surefire configuration (Monocle, software rendering);
 * the toolkit is started by {@link ApplicationExtension}, which calls the subclass's
 * {@code @Start} method with a fresh stage before each test.
 *
 * <p>Helpers: run on the FX thread and wait, wait for a condition, write a screenshot to
 * {@code target/screenshots}, and point the dashboard's configuration at a temporary folder
 * (never the user's) through the {@code trackeep.config.dir} property.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class FxTestSupport {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Sets {@code trackeep.config.dir} (and so the key folder beside it) to a new temporary folder and returns it. */
    protected static Path useTemporaryConfig() {
        try {
            Path dir = Files.createTempDirectory("trackeep-ui-test-").resolve("config");
            System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, dir.toString());
            System.clearProperty(ConfigFolders.DATA_DIR_PROPERTY);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static void clearTemporaryConfig() {
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }

    /** Runs on the FX thread and waits for it (and for the events it caused) to finish. */
    protected static void onFx(Runnable action) {
        callFx(() -> {
            action.run();
            return null;
        });
    }

    protected static <T> T callFx(Callable<T> action) {
        try {
            // generous: the first window of a JVM loads hundreds of classes, slow on a busy machine; only failures wait this long
            T result = WaitForAsyncUtils.asyncFx(action).get(60, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("FX action failed: " + e, e);
        }
    }

    /**
     * Clicks the node that {@code query} finds ("Publish", "#cancel-button") once it is shown: a
     * confirmation opens only after the action was planned off the FX thread, later on a busy machine.
     */
    protected static void clickWhenShown(FxRobot robot, String query) {
        waitUntil(query + " shown", Duration.ofSeconds(30), () -> robot.lookup(query).tryQuery().filter(Node::isVisible).isPresent());
        robot.clickOn(query);
    }

    /** Polls {@code condition} on the FX thread until it holds; fails with {@code what} after {@code timeout}. */
    protected static void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (callFx(condition::getAsBoolean)) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
    }

    /** Writes {@code target/screenshots/<name>.png} of a scene after pending layout and CSS. */
    protected static Path screenshot(Scene scene, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        return callFx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return Screenshots.write(scene, SCREENSHOTS.resolve(name + ".png"));
        });
    }

    protected static Path screenshot(Node node, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        return callFx(() -> Screenshots.write(node, SCREENSHOTS.resolve(name + ".png")));
    }

    /** The values of the series {@code series} as the chart {@code query} finds draws them, oldest first. */
    protected static List<Number> chartValues(FxRobot robot, String query, String series) {
        return callFx(() -> robot.lookup(query).<XYChart<Number, Number>>query().getData().stream()
                .filter(s -> series.equals(s.getName()))
                .flatMap(s -> s.getData().stream())
                .map(XYChart.Data::getYValue)
                .toList());
    }

    protected static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static boolean isFxThread() {
        return Platform.isFxApplicationThread();
    }
}
