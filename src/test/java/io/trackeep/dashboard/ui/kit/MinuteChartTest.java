package io.trackeep.dashboard.ui.kit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MinuteChartTest {

    private static final MinuteSeries ONE_MINUTE = new MinuteSeries(List.of(Instant.EPOCH),
            Map.of("allowed", Arrays.asList(3.0)), Instant.EPOCH.plusSeconds(30));

    @Test
    void anAvailableChartHasNothingToSayAndAnUnavailableOneNothingToDraw() {
        MinuteChart drawn = MinuteChart.available(ONE_MINUTE);
        assertThat(drawn.available()).isTrue();
        assertThat(drawn.title()).isEmpty();
        assertThat(drawn.note()).isEmpty();

        MinuteChart refused = MinuteChart.unavailable("No per-minute counters", "The Go backend writes none.");
        assertThat(refused.available()).isFalse();
        assertThat(refused.minutes()).isEqualTo(MinuteSeries.EMPTY);
    }

    @Test
    void forgettingTheMinutesKeepsTheVerdict() {
        assertThat(MinuteChart.available(ONE_MINUTE).withoutMinutes()).isEqualTo(MinuteChart.EMPTY);
        MinuteChart refused = MinuteChart.unavailable("No cache activity", "No lookups counted.");
        assertThat(refused.withoutMinutes()).isEqualTo(refused);
    }
}
