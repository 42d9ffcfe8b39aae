package io.trackeep.dashboard.monitor.census;

import io.trackeep.dashboard.service.health.CommandStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pace is driven here by round trips handed to it: no Redis, no clock, no sleeping. */
class CensusPaceTest {

    private static final long US = 1_000;
    /** The rules at a round number: batches of half a millisecond, half the server's time. */
    private static final CensusPace.Settings SETTINGS = new CensusPace.Settings(Duration.ofNanos(500 * US), Duration.ofMillis(1),
            0.5, Duration.ofMillis(200), true);

    private static CensusPace pace() {
        return CensusPace.adaptive(SETTINGS, CensusPace.Listener.NONE);
    }

    private static final CensusPace.Batch SETS = new CensusPace.Batch("sets", 1, 50, 200);

    @Test
    void quickRoundTripsGrowTheBatchStepByStepUpToItsTopAndLeaveAGapAsLongAsThemselves() {
        CensusPace pace = pace();
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
        CensusPace pace = pace();
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
        CensusPace pace = pace();
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
        CensusPace pace = pace();
        pace.took("SCAN", CensusPace.SCAN, 200 * US);
        pace.took("SCAN", CensusPace.SCAN, 40_000 * US);
        pace.took("SCAN", CensusPace.SCAN, 200 * US);
        assertThat(pace.size(CensusPace.SCAN)).isEqualTo(300);
        assertThat(pace.gapNanos()).isEqualTo(200 * US);
    }

    @Test
    void slowReadsOfEachPageShrinkScanCountThoughTheScansBetweenThemAreQuick() {
        CensusPace pace = pace();
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
        CensusPace pace = pace();
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
        CensusPace pace = pace();
        pace.took("SCAN", CensusPace.SCAN, 3_000 * US);
        pace.took("SCAN", CensusPace.SCAN, 3_000 * US);
        pace.took("SCAN", CensusPace.SCAN, 700 * US);
        assertThat(pace.gapNanos()).isEqualTo(3_000 * US);
        pace.took("SCAN", CensusPace.SCAN, 700 * US);
        pace.took("SCAN", CensusPace.SCAN, 100 * US);
        pace.took("SCAN", CensusPace.SCAN, 700 * US);
        assertThat(pace.gapNanos()).isEqualTo(1_500 * US);
        CensusPace fresh = pace();
        fresh.took("SCAN", CensusPace.SCAN, 400 * US);
        fresh.took("SCAN", CensusPace.SCAN, 700 * US);
        fresh.took("SCAN", CensusPace.SCAN, 700 * US);
        assertThat(fresh.gapNanos()).isEqualTo(700 * US);
    }

    @Test
    void eachKindOfBatchIsSizedByItsOwnRoundTripsAndUnsizedOnesMoveOnlyTheGap() {
        CensusPace pace = pace();
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
                Duration.ofMillis(200), true), CensusPace.Listener.NONE);
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

    private static Map<String, CommandStats.Totals> account(String command, long calls, long micros) {
        return Map.of(command, new CommandStats.Totals(calls, micros));
    }

    @Test
    void theServersAccountSizesBatchesAndGapsByItsPartOfTheRoundTrips() {
        CensusPace pace = pace();
        pace.took("SCAN", CensusPace.SCAN, 800 * US);
        pace.took("SCAN", CensusPace.SCAN, 800 * US);
        assertThat(pace.size(CensusPace.SCAN)).as("by the round trips alone: two over the target").isEqualTo(187);
        assertThat(pace.gapNanos()).isEqualTo(800 * US);

        pace.serverAccount(List.of(account("scan", 2, 640)));

        assertThat(pace.serverPart("SCAN")).isEqualTo(0.4);
        pace.took("SCAN", CensusPace.SCAN, 800 * US);
        assertThat(pace.size(CensusPace.SCAN)).as("320 µs of the server's time: room to grow").isEqualTo(212);
        pace.took("SCAN", CensusPace.SCAN, 800 * US);
        pace.took("SCAN", CensusPace.SCAN, 800 * US);
        assertThat(pace.gapNanos()).as("as long as the server's part, not the round trip").isEqualTo(320 * US);
    }

    @Test
    void theAccountIsTheHostThatSpentTheMostAndAKindsCommandsAddUp() {
        CensusPace pace = pace();
        pace.took("SCAN", CensusPace.SCAN, 1_000 * US);
        pace.took("MGET+ZMSCORE", CensusPace.SCAN, 1_000 * US);

        pace.serverAccount(List.of(
                Map.of("scan", new CommandStats.Totals(1, 200), "mget", new CommandStats.Totals(1, 100),
                        "zmscore", new CommandStats.Totals(1, 50)),
                Map.of("scan", new CommandStats.Totals(1, 300), "mget", new CommandStats.Totals(1, 400),
                        "zmscore", new CommandStats.Totals(1, 100))));

        assertThat(pace.serverPart("SCAN")).isEqualTo(0.3);
        assertThat(pace.serverPart("MGET+ZMSCORE")).isEqualTo(0.5);
    }

    @Test
    void anAccountThatDoesNotCountTheCommandsOrCountsMoreThanTheRoundTripsNeverMakesThePaceBolder() {
        CensusPace pace = pace();
        pace.took("SCAN", CensusPace.SCAN, 400 * US);
        pace.took("EXISTS", CensusPace.SCAN, 400 * US);

        // SCAN renamed on this server: not counted; others' EXISTS calls count beside the census's own
        pace.serverAccount(List.of(account("exists", 900, 5_000)));

        assertThat(pace.serverPart("SCAN")).as("not counted: the round trip stands in").isEqualTo(1.0);
        assertThat(pace.serverPart("EXISTS")).as("at most the whole round trip").isEqualTo(1.0);
    }

    @Test
    void aPaceWithRoundTripsOnlyDoesNotWantTheAccountAndAFixedOneNeither() {
        assertThat(CensusPace.adaptive().wantsServerAccount()).isTrue();
        assertThat(CensusPace.adaptive(CensusPace.DEFAULTS.roundTripsOnly(), CensusPace.Listener.NONE).wantsServerAccount()).isFalse();
        assertThat(CensusPace.fixed(100, CensusPace.Listener.NONE).wantsServerAccount()).isFalse();
    }
}
