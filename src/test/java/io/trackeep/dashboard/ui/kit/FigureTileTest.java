package io.trackeep.dashboard.ui.kit;

import atlantafx.base.theme.PrimerLight;
import io.trackeep.dashboard.testing.FxTestSupport;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tile's value is never cut: one too wide for the tile in the big type ("1 min 23 s" on the
 * Overview's 1280 px row of six) is drawn in smaller type, and a short one keeps the big type.
 */
class FigureTileTest extends FxTestSupport {

    private static final double WIDTH = 11 * Css.EM + 8; // a tile of the Overview's row of six at 1280x800

    private final Figure figure = new Figure("uptime", "Uptime", "How long the server has been running.");
    private FigureTile tile; // made in start(): a control needs the toolkit, which a class run alone has not yet

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        tile = new FigureTile(figure);
        tile.setManaged(false); // sized by the test
        Scene scene = new Scene(new Pane(tile), 400, 300);
        scene.getStylesheets().add(Css.stylesheet(FigureTile.class, "/io/trackeep/dashboard/ui/dashboard.css"));
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aValueTooWideForItsTileIsDrawnSmallerNotCut() {
        for (String shown : new String[]{"1 min 23 s", "23 h 59 min", "123,456 ops/s"}) {
            show(shown);
            assertThat(drawn(".figure-value")).as(shown).isEqualTo(callFx(() -> value().getText()));
            assertThat(compact()).as("%s in smaller type", shown).isTrue();
        }
    }

    @Test
    void aShortValueKeepsTheBigType() {
        show("1 min 23 s");
        show("42 s");
        assertThat(compact()).isFalse();
        assertThat(drawn(".figure-value")).isEqualTo("42");
        double big = callFx(() -> value().getFont().getSize());
        show("23 h 59 min");
        assertThat(callFx(() -> value().getFont().getSize())).isLessThan(big);
    }

    /** "13 min 34 s" was drawn "13 min 3…" in the big type on the Overview at 1024x640: no width may cut it. */
    @Test
    void noWidthCutsTheValue() {
        for (String shown : new String[]{"13 min 34 s", "23 h 59 min"}) {
            for (double width = 11 * Css.EM; width <= 16 * Css.EM; width += 1) { // 11em: the narrowest tile of a TileGrid
                double w = width;
                onFx(() -> figure.show(shown, "since 7:42 PM", Figure.Level.NORMAL));
                for (int pass = 0; pass < 3; pass++) {
                    onFx(() -> {
                        tile.applyCss();
                        tile.resize(w, tile.prefHeight(w));
                        tile.layout();
                    });
                }
                assertThat(drawn(".figure-value")).as("%s at %.0f px", shown, w).isEqualTo(shown);
            }
        }
    }

    private void show(String formatted) {
        onFx(() -> figure.show(formatted, "since 7:42 PM", Figure.Level.NORMAL));
        for (int pass = 0; pass < 3; pass++) { // the type changes through CSS, after the layout that chose it
            onFx(() -> {
                tile.applyCss();
                tile.resize(WIDTH, tile.prefHeight(WIDTH));
                tile.layout();
            });
        }
    }

    private Label value() {
        return (Label) tile.lookup(".figure-value");
    }

    private boolean compact() {
        return callFx(() -> tile.getPseudoClassStates().contains(PseudoClass.getPseudoClass("compact")));
    }

    private String drawn(String query) {
        return callFx(() -> ((Label) tile.lookup(query)).getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                .map(n -> ((Text) n).getText()).findFirst().orElse(null));
    }
}
