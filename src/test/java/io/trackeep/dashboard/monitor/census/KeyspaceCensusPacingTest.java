package io.trackeep.dashboard.monitor.census;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.SteppingTicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The census paces itself by the round trips it measures (the server's account of them is left out
 * here: it is real time, and these round trips are made up). Time here is a fake ticker: every reading
 * of it moves it on by a set step (so every round trip measures that step) and a wait moves it by
 * the wait; the census runs against a real Redis, and nothing sleeps.
 */
@ExtendWith(RedisServerExtension.class)
class KeyspaceCensusPacingTest {

    private static final long MS = 1_000_000;

    /** A round trip as the pace's listener heard it, with the fake time it ended and the gap the pace set after it. */
    record Heard(String commands, int size, long nanos, long end, long gapAfter) {
    }

    private static void fill(RedisConnections redis, int sessions) {
        Map<String, String> data = new HashMap<>();
        for (int i = 0; i < sessions; i++) {
            data.put(redis.keys().session("s" + i), "{}");
        }
        redis.sync().mset(data);
    }

    private static KeyspaceCensus census(RedisConnections redis, SteppingTicker ticker, Duration budget, List<Heard> heard) {
        CensusPace[] pace = new CensusPace[1];
        pace[0] = CensusPace.adaptive(CensusPace.DEFAULTS.roundTripsOnly(),
                (commands, size, nanos) -> heard.add(new Heard(commands, size, nanos, ticker.now(), pace[0].gapNanos())));
        return new KeyspaceCensus(redis, pace[0], 1_000, budget, Clock.systemUTC(), ticker);
    }

    private static CensusSnapshot complete(KeyspaceCensus census) {
        CensusSnapshot s = census.advance();
        for (int ticks = 0; !s.complete() && ticks < 10_000; ticks++) {
            s = census.advance();
        }
        return s;
    }

    @Test
    void slowRoundTripsHalveScanCountDownToItsLeastAndTheCensusWaitsTheGrowingGapBeforeEachNextOne(RedisConnections redis) {
        fill(redis, 3000);
        SteppingTicker ticker = new SteppingTicker(2 * MS); // every round trip measures 2 ms: over the ceiling
        List<Heard> heard = new ArrayList<>();

        CensusSnapshot done = complete(census(redis, ticker, Duration.ofSeconds(1_000), heard));

        assertThat(done.count(KeyKind.SESSION)).as("pacing changes when and how much, never what").isEqualTo(3000);
        List<Integer> counts = heard.stream().filter(h -> h.commands().equals("SCAN")).map(Heard::size).toList();
        assertThat(counts).as("the first slow one alone changes nothing").startsWith(250, 250, 125, 62, 31, 15, 10, 10);
        assertThat(heard).allMatch(h -> h.nanos() == 2 * MS);
        for (int i = 1; i < heard.size(); i++) {
            Heard before = heard.get(i - 1);
            long start = heard.get(i).end() - heard.get(i).nanos();
            assertThat(start - before.end()).as("round trip %d starts after the gap", i).isGreaterThanOrEqualTo(before.gapAfter());
        }
        assertThat(heard.get(heard.size() - 1).gapAfter()).as("backed off to the most").isEqualTo(200 * MS);
    }

    @Test
    void quickRoundTripsGrowScanCountByASteadyStepAndKeepTheCensusToHalfTheServersTime(RedisConnections redis) {
        fill(redis, 3000);
        SteppingTicker ticker = new SteppingTicker(MS / 10); // 100 µs round trips
        List<Heard> heard = new ArrayList<>();

        CensusSnapshot done = complete(census(redis, ticker, Duration.ofSeconds(1_000), heard));

        assertThat(done.count(KeyKind.SESSION)).isEqualTo(3000);
        List<Integer> counts = heard.stream().filter(h -> h.commands().equals("SCAN")).map(Heard::size).toList();
        assertThat(counts).hasSizeGreaterThan(3).startsWith(250, 275, 300);
        for (int i = 1; i < heard.size(); i++) {
            long start = heard.get(i).end() - heard.get(i).nanos();
            assertThat(start - heard.get(i - 1).end()).isGreaterThanOrEqualTo(heard.get(i - 1).nanos());
        }
    }

    @Test
    void aGapLongerThanTheTicksBudgetIsWaitedOnlyToTheBudgetsEndAndEveryTickStillMakesProgress(RedisConnections redis) {
        fill(redis, 3000);
        SteppingTicker ticker = new SteppingTicker(2 * MS);
        List<Heard> heard = new ArrayList<>();
        KeyspaceCensus census = census(redis, ticker, Duration.ofMillis(10), heard);

        CensusSnapshot s = census.advance();
        for (int tick = 0; tick < 30 && !s.complete(); tick++) {
            int before = heard.size();
            s = census.advance();
            assertThat(heard.size()).as("tick %d made a round trip", tick).isGreaterThan(before);
        }
        assertThat(ticker.waits()).isNotEmpty().allMatch(w -> w <= 10 * MS);
        assertThat(heard.get(heard.size() - 1).gapAfter()).isGreaterThan(10 * MS);
    }
}
