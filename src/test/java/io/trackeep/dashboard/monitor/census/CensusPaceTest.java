package io.trackeep.dashboard.monitor.census;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pace is driven here by round trips handed to it: no Redis, no clock, no sleeping. */
class CensusPaceTest {

    private static final long US = 1_000;
    private static final CensusPace.Batch SETS = new CensusPace.Batch("sets", 1, 50, 200);

    @Test
    void quickRoundTripsGrowTheBatchStepByStepUpToItsTopAndLeaveAGapAsLongAsThemselves() {
        CensusPace pace = CensusPace.adaptive();
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(250);
        pace.took("SCAN", CensusPace.SCAN, 200 * US);
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(275);
        assertThat(pace.gapNanos()).as("half the server's time at most").isEqualTo(200 * US);
        for (int i = 0; i < 100; i++) {
            pace.took("SCAN", CensusPace.SCAN, 300 * US);
        }
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(1_000);
        assertThat(pace.gapNanos()).isEqualTo(300 * US);
    }

    @Test
    void aRoundTripWithinTheTargetButOverThreeQuartersOfItHoldsItsBatch() {
        CensusPace pace = CensusPace.adaptive();
        pace.took("SCAN", CensusPace.SCAN, 400 * US);
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(250);
        pace.took("SCAN", CensusPace.SCAN, 375 * US);
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(275);
        CensusPace.Batch sets = new CensusPace.Batch("sets", 1, 1, 200);
        pace.took("SSCAN", sets, 300 * US);
        assertThat(pace.size(sets)).as("a batch of one grows whatever the round trip's fixed part").isEqualTo(6);
    }

    @Test
    void twoRoundTripsInARowOverTheTargetShrinkTheBatchByAQuarterAndOverTheCeilingByHalf() {
        CensusPace pace = CensusPace.adaptive();
        pace.took("SCAN", CensusPace.SCAN, 800 * US);
        assertThat(pace.size(CensusPace.SCAN)).as("one slow answer alone may be the client's machine").isEqualTo(250);
        pace.took("SCAN", CensusPace.SCAN, 800 * US);
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(187);
        pace.took("SCAN", CensusPace.SCAN, 4_000 * US);
        assertThat(pace.size(CensusPace.SCAN)).as("the shorter of the two was under the ceiling").isEqualTo(140);
        pace.took("SCAN", CensusPace.SCAN, 4_000 * US);
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(70);
        for (int i = 0; i < 20; i++) {
            pace.took("SCAN", CensusPace.SCAN, 4_000 * US);
        }
        assertThat(pace.size(CensusPace.SCAN)).as("never below its least").isEqualTo(10);
    }

    @Test
    void aSingleStallBetweenQuickRoundTripsChangesNoBatch() {
        CensusPace pace = CensusPace.adaptive();
        pace.took("SCAN", CensusPace.SCAN, 200 * US);
        pace.took("SCAN", CensusPace.SCAN, 40_000 * US);
        pace.took("SCAN", CensusPace.SCAN, 200 * US);
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(300);
        assertThat(pace.gapNanos()).isEqualTo(200 * US);
    }

    @Test
    void slowReadsOfEachPageShrinkScanCountThoughTheScansBetweenThemAreQuick() {
        CensusPace pace = CensusPace.adaptive();
        for (int page = 0; page < 4; page++) {
            pace.took("SCAN", CensusPace.SCAN, 200 * US);
            pace.took("MGET+ZMSCORE", CensusPace.SCAN, 3_000 * US);
        }
        // 250 +25 (the reads' first slow one: hold) +25 /2 +25 /2 +25 /2
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(56);
        assertThat(pace.gapNanos()).as("the reads' gap").isGreaterThanOrEqualTo(3_000 * US);
    }

    @Test
    void slowAnswersInARowDoubleTheGapUpToItsMostAndQuickOnesHalveItBackToTheShareFloor() {
        CensusPace pace = CensusPace.adaptive();
        pace.took("SCAN", CensusPace.SCAN, 2_000 * US);
        assertThat(pace.gapNanos()).isZero();
        pace.took("SCAN", CensusPace.SCAN, 1_500 * US);
        assertThat(pace.gapNanos()).as("at least the shorter slow round trip").isEqualTo(1_500 * US);
        pace.took("SCAN", CensusPace.SCAN, 1_500 * US);
        assertThat(pace.gapNanos()).isEqualTo(3_000 * US);
        for (int i = 0; i < 20; i++) {
            pace.took("SCAN", CensusPace.SCAN, 1_500 * US);
        }
        assertThat(pace.gapNanos()).isEqualTo(Duration.ofMillis(200).toNanos());

        pace.took("SCAN", CensusPace.SCAN, 100 * US);
        assertThat(pace.gapNanos()).isEqualTo(100_000 * US);
        List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pace.took("SCAN", CensusPace.SCAN, 100 * US);
            gaps.add(pace.gapNanos());
        }
        assertThat(gaps).isSortedAccordingTo((a, b) -> Long.compare(b, a)).endsWith(100 * US);
    }

    @Test
    void betweenTargetAndCeilingTheGapHoldsAndNeverFallsUnderTheRoundTrip() {
        CensusPace pace = CensusPace.adaptive();
        pace.took("SCAN", CensusPace.SCAN, 3_000 * US);
        pace.took("SCAN", CensusPace.SCAN, 3_000 * US);
        pace.took("SCAN", CensusPace.SCAN, 700 * US);
        assertThat(pace.gapNanos()).isEqualTo(3_000 * US);
        pace.took("SCAN", CensusPace.SCAN, 700 * US);
        pace.took("SCAN", CensusPace.SCAN, 100 * US);
        pace.took("SCAN", CensusPace.SCAN, 700 * US);
        assertThat(pace.gapNanos()).isEqualTo(1_500 * US);
        CensusPace fresh = CensusPace.adaptive();
        fresh.took("SCAN", CensusPace.SCAN, 400 * US);
        fresh.took("SCAN", CensusPace.SCAN, 700 * US);
        fresh.took("SCAN", CensusPace.SCAN, 700 * US);
        assertThat(fresh.gapNanos()).isEqualTo(700 * US);
    }

    @Test
    void eachKindOfBatchIsSizedByItsOwnRoundTripsAndUnsizedOnesMoveOnlyTheGap() {
        CensusPace pace = CensusPace.adaptive();
        pace.took("SSCAN", SETS, 3_000 * US);
        pace.took("SSCAN", SETS, 3_000 * US);
        assertThat(pace.size(SETS)).isEqualTo(25);
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(250);
        pace.took("SCAN", CensusPace.SCAN, 3_000 * US);
        assertThat(pace.size(SETS)).isEqualTo(25);
        assertThat(pace.size(CensusPace.SCAN)).as("its first slow one").isEqualTo(250);
        assertThat(pace.gapNanos()).as("held").isEqualTo(3_000 * US);

        pace.took("DBSIZE", null, 5_000 * US);
        pace.took("DBSIZE", null, 5_000 * US);
        assertThat(pace.size(SETS)).isEqualTo(25);
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(250);
        assertThat(pace.gapNanos()).isEqualTo(6_000 * US);
    }

    @Test
    void aShareOfOneLeavesNoGapWhileRoundTripsAreQuick() {
        CensusPace pace = CensusPace.adaptive(new CensusPace.Settings(Duration.ofNanos(500 * US), Duration.ofMillis(1), 1.0,
                Duration.ofMillis(200)), CensusPace.Listener.NONE);
        pace.took("SCAN", CensusPace.SCAN, 400 * US);
        assertThat(pace.gapNanos()).isZero();
    }

    @Test
    void aFixedPaceKeepsItsCountAndNoGapAndStillReportsEveryRoundTrip() {
        List<String> heard = new ArrayList<>();
        CensusPace pace = CensusPace.fixed(100, (commands, size, nanos) -> heard.add(commands + " " + size + " " + nanos));
        pace.took("SCAN", CensusPace.SCAN, 9_000 * US);
        pace.took("DBSIZE", null, 7);
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(100);
        assertThat(pace.gapNanos()).isZero();
        assertThat(heard).containsExactly("SCAN 100 9000000", "DBSIZE 0 7");
    }
}
