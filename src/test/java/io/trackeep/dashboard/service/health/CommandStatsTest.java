package io.trackeep.dashboard.service.health;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandStatsTest {

    @Test
    void readsRedis6And7LinesByCommandInLowerCaseAndSkipsWhatIsNotACommandLine() {
        String raw = "# Commandstats\r\n"
                + "cmdstat_scan:calls=12087,usec=3057000,usec_per_call=252.92\r\n"
                + "cmdstat_client|list:calls=3,usec=45,usec_per_call=15.00,rejected_calls=0,failed_calls=0\r\n"
                + "cmdstat_GET:calls=2,usec=3\r\n"
                + "cmdstat_broken:calls=x,usec=4\r\n"
                + "used_memory:1000\r\n"
                + "garbage\r\n";

        Map<String, CommandStats.Totals> stats = CommandStats.parse(raw);

        assertThat(stats).containsOnly(
                Map.entry("scan", new CommandStats.Totals(12087, 3_057_000)),
                Map.entry("client|list", new CommandStats.Totals(3, 45)),
                Map.entry("get", new CommandStats.Totals(2, 3)));
        assertThat(CommandStats.parse(null)).isEmpty();
    }

    @Test
    void whatCommandsCostBetweenTwoReadingsCountsANewCommandWholeAndAResetAsTheLaterTotals() {
        Map<String, CommandStats.Totals> before = Map.of(
                "scan", new CommandStats.Totals(10, 1_000), "get", new CommandStats.Totals(500, 900));
        Map<String, CommandStats.Totals> after = Map.of(
                "scan", new CommandStats.Totals(14, 1_800), "get", new CommandStats.Totals(2, 5),
                "mget", new CommandStats.Totals(1, 40));

        assertThat(CommandStats.since(before, after)).containsOnly(
                Map.entry("scan", new CommandStats.Totals(4, 800)),
                Map.entry("get", new CommandStats.Totals(2, 5)),
                Map.entry("mget", new CommandStats.Totals(1, 40)));
    }
}
