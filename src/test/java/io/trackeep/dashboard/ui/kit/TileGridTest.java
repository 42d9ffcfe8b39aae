package io.trackeep.dashboard.ui.kit;

import io.trackeep.dashboard.testing.FxTestSupport;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twelve tiles with a detail line that wraps, as on the Overview: whole rows of equal tiles
 * filling the width, each as tall as the tallest needs, so no detail line is cut.
 */
class TileGridTest extends FxTestSupport {

    private static final String DETAIL = "in 57.7 KiB/s · out 21.2 KiB/s · 7/s from this dashboard";
    private static final double GAP = 10;

    private final TileGrid grid = new TileGrid();
    private final List<Label> details = new ArrayList<>();

    @Start
    void start(Stage stage) {
        grid.setMinTileEm(11);
        grid.setHgap(GAP);
        grid.setVgap(GAP);
        for (int i = 0; i < 12; i++) {
            Label detail = new Label(i == 4 ? DETAIL : "of 10,000 max");
            detail.setWrapText(true);
            details.add(detail);
            grid.getChildren().add(new VBox(new Label("CLIENTS"), new Label("3"), detail));
        }
        grid.setManaged(false); // sized by the test
        stage.setScene(new Scene(new Pane(grid), 1200, 800));
        stage.show();
    }

    @Test
    void choosesWholeRowsOfTheWidestTilesThatFit() {
        double tile = 11 * Css.EM;
        assertThat(columnsAt(6 * tile + 5 * GAP + 20)).isEqualTo(6);
        assertThat(columnsAt(6 * tile + 5 * GAP - 1)).as("five would fit, but twelve tiles go in rows of 4").isEqualTo(4);
        assertThat(columnsAt(4 * tile + 3 * GAP - 1)).isEqualTo(3);
        assertThat(columnsAt(2 * tile + GAP - 1)).isEqualTo(1);
    }

    @Test
    void theTilesFillTheWidthToThePixelAndShowTheirWrappedTextsWhole() {
        for (double width : new double[]{1001, 1027, 777, 650}) {
            layOut(width);
            List<Node> tiles = grid.getChildren();
            double right = tiles.stream().mapToDouble(t -> t.getBoundsInParent().getMaxX()).max().orElseThrow();
            assertThat(right).as("last column ends at the edge at %s px", width).isEqualTo(width);
            assertThat(tiles.stream().mapToDouble(t -> t.getLayoutBounds().getHeight()).distinct().count())
                    .as("one height for all tiles").isEqualTo(1);
            for (Label detail : details) {
                assertThat(drawn(detail)).as("detail at %s px", width).isEqualTo(detail.getText());
            }
            assertThat(callFx(() -> grid.minHeight(width))).as("never squeezed below what the tiles need")
                    .isEqualTo(callFx(() -> grid.getHeight()));
        }
    }

    private int columnsAt(double width) {
        layOut(width);
        return (int) grid.getChildren().stream().mapToDouble(Node::getLayoutX).distinct().count();
    }

    private void layOut(double width) {
        onFx(() -> {
            grid.applyCss();
            grid.resize(width, grid.prefHeight(width));
            grid.layout();
        });
    }

    /** What the label's skin draws: its text, or that text cut with an ellipsis. */
    private String drawn(Label label) {
        return callFx(() -> label.getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                .map(n -> ((Text) n).getText().replace("\n", " ")).findFirst().orElse(null));
    }
}
