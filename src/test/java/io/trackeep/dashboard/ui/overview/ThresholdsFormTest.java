package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.ui.overview.ThresholdsForm.Field;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdsFormTest {

    @Test
    void showsTheThresholdsInPeoplesUnitsAndReadsThemBack() {
        ThresholdsForm form = new ThresholdsForm(AlertThresholds.DEFAULTS);
        assertThat(form.textProperty(Field.MEMORY_PERCENT).get()).isEqualTo("80");
        assertThat(form.textProperty(Field.MIN_HIT_RATE_PERCENT).get()).isEqualTo("80");
        assertThat(form.textProperty(Field.CLIENTS_PERCENT).get()).isEqualTo("90");
        assertThat(form.textProperty(Field.SLOW_COMMAND_MILLIS).get()).isEqualTo("10");
        assertThat(form.textProperty(Field.REPLICATION_LAG_SECONDS).get()).isEqualTo("1");
        assertThat(form.textProperty(Field.EVICTIONS_PER_MINUTE).get()).isEqualTo("100");
        assertThat(form.checkProperty().get().valid()).isTrue();
        assertThat(form.result()).isEqualTo(AlertThresholds.DEFAULTS);

        form.textProperty(Field.MEMORY_PERCENT).set("72,5");
        form.textProperty(Field.SLOW_COMMAND_MILLIS).set("2.5");
        form.textProperty(Field.REPLICATION_LAG_SECONDS).set("0.5");
        form.textProperty(Field.EVICTIONS_PER_MINUTE).set(" 0 ");
        assertThat(form.result()).isEqualTo(new AlertThresholds(0.725, 0.8, 0.9, Duration.ofNanos(2_500_000), Duration.ofMillis(500), 0));
    }

    @Test
    void namesTheFirstWrongFieldAndRefusesAResult() {
        ThresholdsForm form = new ThresholdsForm(AlertThresholds.DEFAULTS);
        form.textProperty(Field.MEMORY_PERCENT).set("150");
        assertThat(form.checkProperty().get().message()).isEqualTo("Memory: 150 is not between 0 and 100 %");
        assertThat(form.checkProperty().get().valid()).isFalse();
        assertThatThrownBy(form::result).isInstanceOf(IllegalStateException.class);

        form.textProperty(Field.MEMORY_PERCENT).set("80");
        form.textProperty(Field.MIN_HIT_RATE_PERCENT).set("abc");
        assertThat(form.checkProperty().get().message()).isEqualTo("Hit rate: enter a percentage from 0 to 100");
        form.textProperty(Field.MIN_HIT_RATE_PERCENT).set("80");
        form.textProperty(Field.SLOW_COMMAND_MILLIS).set("-1");
        assertThat(form.checkProperty().get().message()).isEqualTo("Slow command: must be 0 or more");
        form.textProperty(Field.SLOW_COMMAND_MILLIS).set("10");
        form.textProperty(Field.EVICTIONS_PER_MINUTE).set("2.5");
        assertThat(form.checkProperty().get().message()).isEqualTo("Evictions per minute: enter a whole number of 0 or more");
        form.textProperty(Field.EVICTIONS_PER_MINUTE).set("");
        assertThat(form.checkProperty().get().valid()).isFalse();

        form.restoreDefaults();
        assertThat(form.checkProperty().get().message()).isEmpty();
        assertThat(form.result()).isEqualTo(AlertThresholds.DEFAULTS);
    }
}
