package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.service.health.AlertThresholds;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdsFormTest {

    @Test
    void showsTheThresholdsInPeoplesUnitsAndReadsThemBack() {
        ThresholdsForm form = new ThresholdsForm(AlertThresholds.DEFAULTS);
        assertThat(form.memoryPercentProperty().get()).isEqualTo("80");
        assertThat(form.minHitRatePercentProperty().get()).isEqualTo("80");
        assertThat(form.clientsPercentProperty().get()).isEqualTo("90");
        assertThat(form.slowCommandMillisProperty().get()).isEqualTo("10");
        assertThat(form.replicationLagSecondsProperty().get()).isEqualTo("1");
        assertThat(form.evictionsPerMinuteProperty().get()).isEqualTo("100");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.result()).isEqualTo(AlertThresholds.DEFAULTS);

        form.memoryPercentProperty().set("72,5");
        form.slowCommandMillisProperty().set("2.5");
        form.replicationLagSecondsProperty().set("0.5");
        form.evictionsPerMinuteProperty().set(" 0 ");
        assertThat(form.result()).isEqualTo(new AlertThresholds(0.725, 0.8, 0.9, Duration.ofNanos(2_500_000), Duration.ofMillis(500), 0));
    }

    @Test
    void namesTheFirstWrongFieldAndRefusesAResult() {
        ThresholdsForm form = new ThresholdsForm(AlertThresholds.DEFAULTS);
        form.memoryPercentProperty().set("150");
        assertThat(form.problemProperty().get()).isEqualTo("Memory: 150 is not between 0 and 100 %");
        assertThat(form.validProperty().get()).isFalse();
        assertThatThrownBy(form::result).isInstanceOf(IllegalStateException.class);

        form.memoryPercentProperty().set("80");
        form.minHitRatePercentProperty().set("abc");
        assertThat(form.problemProperty().get()).isEqualTo("Hit rate: enter a percentage from 0 to 100");
        form.minHitRatePercentProperty().set("80");
        form.slowCommandMillisProperty().set("-1");
        assertThat(form.problemProperty().get()).isEqualTo("Slow command: must be 0 or more");
        form.slowCommandMillisProperty().set("10");
        form.evictionsPerMinuteProperty().set("2.5");
        assertThat(form.problemProperty().get()).isEqualTo("Evictions per minute: enter a whole number of 0 or more");
        form.evictionsPerMinuteProperty().set("");
        assertThat(form.validProperty().get()).isFalse();

        form.restoreDefaults();
        assertThat(form.problemProperty().get()).isEmpty();
        assertThat(form.result()).isEqualTo(AlertThresholds.DEFAULTS);
    }
}
