package io.trackeep.dashboard.ui.kit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A trend keeps a bounded history and draws a gap as a gap. */
class TrendTest {

    @Test
    void aStallInTheDataStartsANewSegmentInsteadOfALineAcrossIt() {
        Trend t = new Trend("ops", "Ops", "ops/s", 100);
        for (int s = 0; s < 10; s++) {
            t.add(s, 5, 0); // one point a second
        }
        t.add(40, 7, 0); // Redis did not answer for half a minute
        t.add(41, 7, 0);
        assertThat(t.segments()).hasSize(2);
        assertThat(t.segments().get(0).getData()).hasSize(10);
        assertThat(t.segments().get(1).getData()).hasSize(2);
    }

    @Test
    void aReportWithoutFiguresBreaksTheLineAtOnce() {
        Trend t = new Trend("ops", "Ops", "ops/s", 100);
        t.add(0, 1, 0);
        t.add(1, 1, 0);
        t.gap(); // Redis down at the next check
        t.add(2, 1, 0);
        assertThat(t.segments()).hasSize(2);
    }

    @Test
    void aSlowerRefreshIsNotAGapButPointsBeyondTheWindowOrTheCapGo() {
        Trend t = new Trend("ops", "Ops", "ops/s", 5);
        for (int s = 0; s < 20; s += 2) {
            t.add(s, s, 0);
        }
        assertThat(t.segments()).hasSize(1);
        assertThat(t.points()).hasSize(5);
        t.trim(15);
        assertThat(t.points()).extracting(p -> p.getXValue().intValue()).containsExactly(16, 18);
        t.trim(100);
        assertThat(t.segments()).isEmpty();
    }
}
