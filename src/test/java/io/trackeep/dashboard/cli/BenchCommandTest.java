package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.service.json.Json;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Smoke run of the benchmark: it runs and reports every scenario; no timing is asserted. */
class BenchCommandTest {

    @Test
    void rateLimitBenchReportsEveryScenarioAgainstTheBaseline() {
        CommandLine cl = CommandLineApp.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("bench", "ratelimit", "--seconds", "0.3", "--rounds", "1", "--concurrency", "4", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode result = Json.tree(out.toString());
        assertThat(result.get("concurrency").asInt()).isEqualTo(4);
        assertThat(result.get("results")).hasSize(7); // baseline + (raw script, limiter) for three algorithms
        assertThat(result.get("results").get(0).get("scenario").asText()).contains("baseline");
        assertThat(result.get("results").get(0).get("ratio_to_baseline").asDouble()).isEqualTo(1.0);
        for (JsonNode row : result.get("results")) {
            assertThat(row.get("per_second").asLong()).as(row.toString()).isPositive();
            assertThat(row.get("errors").asLong()).isZero();
        }
        assertThat(result.get("results").get(1).get("scenario").asText()).startsWith("raw EVALSHA, same script: sliding-window");
        JsonNode sliding = result.get("results").get(2);
        assertThat(sliding.get("scenario").asText()).isEqualTo("sliding-window (general)");
        assertThat(sliding.get("allowed_share").asDouble()).isPositive();
        assertThat(sliding.get("ratio_to_raw_script").asDouble()).isPositive();
    }

    @Test
    void censusBenchCountsEverySessionThroughTheIndexAndTheScan() {
        CommandLine cl = CommandLineApp.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("bench", "census", "--sessions", "3000", "--other", "2000", "--probe-seconds", "1",
                "--pace-ms", "0", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode result = Json.tree(out.toString());
        assertThat(result.get("index_count").asLong()).isEqualTo(3000);
        assertThat(result.get("census_sessions").asLong()).isEqualTo(3000);
        assertThat(result.get("first_refresh_top_users_from").asText()).as("3,000 live sessions are read whole").isEqualTo("ALL_LIVE_SESSIONS");
        assertThat(result.get("first_refresh_sessions_read").asLong()).isEqualTo(3000);
        assertThat(result.get("first_refresh_top_users").asLong()).isEqualTo(10);
        assertThat(result.get("census_scanned").asLong()).isGreaterThanOrEqualTo(3000 + 2000);
        assertThat(result.get("latency_census_p99_us").asLong()).isPositive();
    }

    @Test
    void rejectsNonsenseOptions() {
        CommandLine cl = CommandLineApp.newCommandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("bench", "ratelimit", "--concurrency", "0")).isNotZero();
    }
}
