package io.trackeep.dashboard.monitor.overview;

import io.trackeep.dashboard.service.health.HealthReport;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.health.InfoParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private static HealthReport up(long second, String runId, long hits, long misses, long evicted, long expired) {
        String info = "# Server\nrun_id:" + runId + "\n# Stats\nkeyspace_hits:" + hits + "\nkeyspace_misses:" + misses
                + "\nevicted_keys:" + evicted + "\nexpired_keys:" + expired + "\n";
        return new HealthReport(HealthStatus.UP, T0.plusSeconds(second), 100L, InfoParser.parse(info), List.of(), null);
    }

    private static HealthReport up(long second) {
        return up(second, "run-a", second, 0, 0, 0);
    }

    @Test
    void baselineIsAboutAMinuteOldOnceTheHistoryIsLongEnough() {
        ReportHistory<HealthReport> h = ReportHistory.ofReports();
        assertThat(h.baseline(up(0))).isNull();
        h.add(up(0));
        assertThat(h.baseline(up(1))).as("short history: the oldest").extracting(HealthReport::checkedAt).isEqualTo(T0);
        for (long s = 1; s <= 200; s++) {
            HealthReport now = up(s);
            HealthReport base = h.baseline(now);
            assertThat(Duration.between(base.checkedAt(), now.checkedAt()))
                    .isLessThanOrEqualTo(ReportHistory.SPAN.plus(ReportHistory.STEP).plusSeconds(1));
            if (s > 70) {
                assertThat(Duration.between(base.checkedAt(), now.checkedAt())).isGreaterThanOrEqualTo(ReportHistory.SPAN);
            }
            h.add(now);
        }
        assertThat(h.size()).as("bounded by span / step").isLessThanOrEqualTo(14);
    }

    @Test
    void aNewServerRunOrADownReportIsNeverABaseline() {
        ReportHistory<HealthReport> h = ReportHistory.ofReports();
        h.add(up(0, "run-a", 0, 0, 0, 0));
        assertThat(h.baseline(up(10, "run-b", 0, 0, 0, 0))).isNull();
        HealthReport down = new HealthReport(HealthStatus.DOWN, T0.plusSeconds(11), null, null, List.of(), null);
        assertThat(h.baseline(down)).isNull();
        h.add(down);
        assertThat(h.size()).isEqualTo(1);
        h.add(up(12, "run-b", 0, 0, 0, 0));
        assertThat(h.size()).as("restart: history starts again").isEqualTo(1);
        assertThat(h.baseline(up(20, "run-b", 0, 0, 0, 0)).checkedAt()).isEqualTo(T0.plusSeconds(12));
    }

    @Test
    void recentRatesBetweenTwoReports() {
        RecentRates r = RecentRates.between(up(0, "a", 100, 100, 10, 0), up(30, "a", 190, 110, 40, 60));
        assertThat(r.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.hitRate()).isEqualTo(0.9);
        assertThat(r.evictedPerMinute()).isEqualTo(60.0);
        assertThat(r.expiredPerSecond()).isEqualTo(2.0);

        assertThat(RecentRates.between(up(0, "a", 5, 5, 0, 0), up(30, "a", 5, 5, 0, 0)).hitRate())
                .as("no lookups is no hit rate").isNull();
        assertThat(RecentRates.between(up(0, "a", 100, 0, 0, 0), up(30, "a", 10, 0, 0, 0)).hitRate())
                .as("counters reset").isNull();
        assertThat(RecentRates.between(up(0, "a", 0, 0, 0, 0), up(30, "b", 10, 0, 0, 0))).isEqualTo(RecentRates.NONE);
        assertThat(RecentRates.between(null, up(30))).isEqualTo(RecentRates.NONE);
    }
}
