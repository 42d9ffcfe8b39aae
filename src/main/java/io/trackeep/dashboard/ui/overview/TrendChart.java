package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.ui.kit.Css;
import io.trackeep.dashboard.ui.kit.TimeChart;
import io.trackeep.dashboard.ui.kit.Trend;
import javafx.beans.value.ObservableDoubleValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One Overview chart card: the title and the current value above a {@link TimeChart} of a
 * {@link Trend} over the last 15 minutes.
 */
final class TrendChart extends VBox {

    TrendChart(Trend trend, ObservableStringValue current, ObservableDoubleValue from, ObservableDoubleValue to) {
        getStyleClass().addAll(Css.CARD, "trend-card", "trend-" + trend.id());
        setId("trend-" + trend.id());
        Label title = new Label(trend.title());
        title.getStyleClass().add(Css.CARD_TITLE);
        Label value = new Label();
        value.getStyleClass().add("trend-value");
        value.textProperty().bind(current);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(title, grow, value);
        header.getStyleClass().add("trend-header");

        TimeChart chart = new TimeChart("trend-chart", null);
        chart.node().getStyleClass().add(Css.CARD_CHART);
        if (trend.unit().equals("%")) {
            chart.fixValueRange(100, 25);
        }
        chart.bindWindow(from, to);
        chart.show(trend);
        Tooltip.install(chart.node(), new Tooltip(trend.title() + " (" + trend.unit() + "), one point per refresh, last 15 minutes;"
                + " a break in the line is a time without figures (Redis down or not answering)"));
        VBox.setVgrow(chart.node(), Priority.ALWAYS);
        getChildren().addAll(header, chart.node());
    }
}
