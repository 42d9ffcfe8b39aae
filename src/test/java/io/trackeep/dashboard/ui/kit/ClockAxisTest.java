package io.trackeep.dashboard.ui.kit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClockAxisTest {

    @Test
    void ticksFallOnWholeMultiplesOfTheUnitWhereverTheWindowStarts() {
        // 18:42:00 to 18:56:00 in 5-minute ticks: 18:45, 18:50, 18:55, not 18:42, 18:47, 18:52
        assertThat(ClockAxis.ticks(67_320, 68_160, 300)).containsExactly(67_500.0, 67_800.0, 68_100.0);
        assertThat(ClockAxis.ticks(17, 63, 10)).containsExactly(20.0, 30.0, 40.0, 50.0, 60.0);
        assertThat(ClockAxis.ticks(20, 40, 10)).as("bounds on a multiple are ticks").containsExactly(20.0, 30.0, 40.0);
    }

    @Test
    void aDegenerateRangeGetsOneTickNotAnEndlessLoop() {
        assertThat(ClockAxis.ticks(5, 5, 10)).containsExactly(5.0);
        assertThat(ClockAxis.ticks(0, 10, 0)).containsExactly(0.0);
        assertThat(ClockAxis.ticks(0, 1e9, 1)).containsExactly(0.0);
    }
}
