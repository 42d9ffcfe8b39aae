package io.trackeep.dashboard.ui.shell;

import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.local.sim.SimulatorSettings;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing an admin needs is cut at the sizes admins use: every panel of the real window on the
 * local instance with its simulator, at 1280×800 and 1024×640, in both themes, has no label or
 * button whose text is shortened with an ellipsis. Table cells may be cut (their whole text is
 * in the tooltip, and the Audit entry's detail shows it whole), and so may the purpose line
 * under a panel's title (it gives way by design). Writes {@code target/screenshots/tour-*.png}.
 */
class NothingCutTest extends FxTestSupport {

    private static final List<double[]> SIZES = List.of(new double[]{1280, 800}, new double[]{1024, 640});

    private FxUiExecutor executor;
    private LocalInstanceStarter local;
    private DashboardWindow window;

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        executor = new FxUiExecutor();
        local = new LocalInstanceStarter(LocalInstance.Options.defaults().withSimulator(SimulatorSettings.defaults()));
        window = new DashboardWindow(stage, ProfileStore.open(), executor, local);
        window.show(true);
    }

    @AfterEach
    void closeWindow() {
        onFx(() -> {
            window.close();
            window.stage().hide();
        });
        local.close();
        executor.close();
    }

    @AfterAll
    static void restoreConfig() {
        clearTemporaryConfig();
    }

    @Test
    void everyPanelAtBothSizesAndInBothThemesShowsItsTextsWhole() {
        waitUntil("connected to the local instance", Duration.ofSeconds(60),
                () -> window.connection().state() == ConnectionState.CONNECTED);
        List<String> cut = new ArrayList<>();
        for (ThemeMode theme : List.of(ThemeMode.LIGHT, ThemeMode.DARK)) {
            onFx(() -> window.theme().setMode(theme));
            for (double[] size : SIZES) {
                onFx(() -> {
                    window.stage().setWidth(size[0]);
                    window.stage().setHeight(size[1]);
                });
                for (var spec : StandardPanels.ALL) {
                    LivePanel<?, ?, ?, ?> panel = (LivePanel<?, ?, ?, ?>) window.panels().find(spec.id()).orElseThrow();
                    long before = callFx(panel::appliedCount);
                    onFx(() -> window.shell().navigate(spec.id()));
                    waitUntil(spec.id() + " shown with fresh data", Duration.ofSeconds(30),
                            () -> window.view().visiblePanel() == panel && panel.appliedCount() > before + 1);
                    String name = "tour-" + spec.id() + "-" + (int) size[0] + "x" + (int) size[1]
                            + (theme == ThemeMode.DARK ? "-dark" : "");
                    screenshot(window.scene(), name);
                    for (String c : callFx(() -> cutTexts(window.scene().getRoot()))) {
                        cut.add(name + ": " + c);
                    }
                }
            }
        }
        assertThat(cut).as("labels and buttons shortened with an ellipsis").isEmpty();
    }

    /** Visible labels and buttons whose drawn text is shorter than their text. */
    private static List<String> cutTexts(Parent root) {
        // laid out first, in the same FX turn as the reading: a label whose text changed since the
        // last pulse (the Pub/Sub note "Opening a pub/sub connection…" becoming "Own pub/sub
        // connection; …") still draws the old text until the next layout
        root.applyCss();
        root.layout();
        List<String> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node node, List<String> found) {
        if (!node.isVisible() || node instanceof VirtualFlow<?> || node instanceof Cell<?>
                || node.getStyleClass().contains("panel-purpose")) {
            return; // rows and cells carry their whole text in a tooltip; the purpose line gives way by design
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            String drawn = drawnText(labeled);
            // only an ellipsis the text does not have counts: a live label may change between reading its text and its drawing
            if (drawn != null && endsWithEllipsis(drawn.replace("\n", " ").strip()) && !endsWithEllipsis(labeled.getText().strip())) {
                found.add("'" + labeled.getText() + "' drawn as '" + drawn.replace("\n", "⏎") + "' (" + labeled.getClass().getSimpleName()
                        + (labeled.getId() == null ? "" : " #" + labeled.getId()) + ")");
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, found);
            }
        }
    }

    private static boolean endsWithEllipsis(String s) {
        return s.endsWith("…") || s.endsWith("...");
    }

    /** The text the skin draws (LabeledText), or null when there is none yet. */
    private static String drawnText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.getStyleClass().contains("text")) {
                return text.getText();
            }
        }
        return null;
    }
}
