package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Smoke run of the benchmark: it runs and reports every scenario; no timing is asserted. */
class BenchCommandTest {

    @Test
    void rateLimitBenchRunsEveryRowInEveryModeBesideThePeers() {
        StringWriter err = new StringWriter();
        JsonNode result = rateLimitBench(List.of(new IncrPeer()), err);

        assertThat(result.get("peers_missing").isNull()).isTrue();
        assertThat(result.get("modes")).hasSize(3);
        assertThat(result.get("modes").get(0).get("mode").asText()).isEqualTo("1 thread");
        assertThat(result.get("modes").get(1).get("mode").asText()).isEqualTo("2 threads");
        assertThat(result.get("modes").get(2).get("mode").asText()).isEqualTo("async 4");
        for (JsonNode mode : result.get("modes")) {
            List<String> rows = new ArrayList<>();
            mode.get("rows").forEach(r -> rows.add(r.get("row").asText()));
            assertThat(rows).containsExactly("PING", "EVALSHA 'return 1'", "sliding-window (this project)",
                    "token-bucket (this project)", "fixed-window (this project)", "INCR (test peer)");
            for (JsonNode row : mode.get("rows")) {
                assertThat(row.get("per_second").asLong()).as(row.toString()).isPositive();
                assertThat(row.get("errors").asLong()).as(row.toString()).isZero();
                assertThat(row.get("allowed_share").asDouble()).as("allowed path: " + row).isEqualTo(1.0);
                assertThat(row.get("ratio_to").get("PING").asDouble()).as(row.toString()).isPositive();
                assertThat(row.get("ratio_to").get("Incr").asDouble()).as(row.toString()).isPositive();
                assertThat(row.get("client_cpu_us_per_op").isNumber()).as(row.toString()).isTrue();
                assertThat(row.get("server_cpu_us_per_op").isNumber()).as(row.toString()).isTrue();
            }
            assertThat(mode.get("rows").get(0).get("ratio_to").get("PING").asDouble()).isEqualTo(1.0);
            assertThat(mode.get("rows").get(2).get("script_us_per_op").asDouble()).as("the limiters run a script").isPositive();
        }
        // the goals are ratios to named baselines; those of absent peers are left out, not failed
        JsonNode firstGoals = result.get("modes").get(0).get("goals");
        assertThat(firstGoals).hasSize(3); // ≥ 0.9 × PING for each of the three limiters
        assertThat(firstGoals.get(0).get("baseline").asText()).isEqualTo("PING");
        assertThat(firstGoals.get(0).get("goal").asDouble()).isEqualTo(0.9);
    }

    @Test
    void rateLimitBenchSaysHowToGetThePeersWhenTheyAreNotInstalled() {
        StringWriter err = new StringWriter();
        JsonNode result = rateLimitBench(List.of(), err);

        assertThat(err.toString()).contains("peers not installed: run ./mvnw -Pbench");
        assertThat(result.get("peers_missing").asText()).contains("-Pbench");
        assertThat(result.get("modes").get(0).get("rows")).hasSize(5);
    }

    @Test
    void rateLimitBenchRunsTheInstalledPeers() {
        List<BenchPeer> installed = BenchPeer.installed(getClass().getClassLoader());
        assumeFalse(installed.isEmpty(), "peers are installed by the bench profile (./mvnw -Pbench)");
        JsonNode result = rateLimitBench(installed, new StringWriter());

        for (JsonNode mode : result.get("modes")) {
            for (BenchPeer peer : installed) {
                JsonNode row = null;
                for (JsonNode r : mode.get("rows")) {
                    row = r.get("label").asText().equals(peer.label()) ? r : row;
                }
                assertThat(row).as(peer.label()).isNotNull();
                assertThat(row.get("per_second").asLong()).as(row.toString()).isPositive();
                assertThat(row.get("errors").asLong()).as(row.toString()).isZero();
                assertThat(row.get("allowed_share").asDouble()).as(row.toString()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void aPeerWhoseClassesAreMissingCountsAsNotInstalled(@TempDir Path dir) throws Exception {
        // as after a -Pbench build: the services file stays in target/test-classes, the libraries do not
        Path services = dir.resolve("META-INF/services/" + BenchPeer.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, "io.trackeep.dashboard.bench.NoSuchPeer\n");
        ClassLoader parent = getClass().getClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, parent)) {
            assertThat(BenchPeer.installed(loader)).hasSameSizeAs(BenchPeer.installed(parent));
        }
    }

    /** A short run of every mode on 2 threads / 4 in flight, with the given peers. */
    private static JsonNode rateLimitBench(List<BenchPeer> peers, StringWriter err) {
        RateLimitBench bench = new RateLimitBench();
        bench.peers = peers;
        CommandLine cl = new CommandLine(bench);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("--seconds", "0.1", "--rounds", "1", "--threads", "2", "--in-flight", "4", "--clients", "50", "--json");
        assertThat(exit).as(err.toString()).isZero();
        return Json.tree(out.toString());
    }

    /** A stand-in peer: one INCR per decision on a connection of its own, always admitted. */
    private static final class IncrPeer implements BenchPeer {
        @Override
        public String label() {
            return "Incr";
        }

        @Override
        public String description() {
            return "INCR (test peer)";
        }

        @Override
        public Limiters open(RedisSettings server, List<String> keys, long limit, Duration window) {
            RedisConnections redis = RedisConnections.open(server);
            return new Limiters() {
                @Override
                public boolean tryAcquire(int client) {
                    return redis.sync().incr(keys.get(client)) <= limit;
                }

                @Override
                public CompletionStage<Boolean> tryAcquireAsync(int client) {
                    return redis.async().incr(keys.get(client)).thenApply(n -> n <= limit);
                }

                @Override
                public void close() {
                    redis.close();
                }
            };
        }
    }

    @Test
    void censusBenchCountsEverySessionThroughTheIndexAndTheScanAloneAndOnACluster() {
        CommandLine cl = CommandLineApp.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("bench", "census", "--sessions", "3000", "--other", "2000", "--probe-seconds", "1",
                "--pace-ms", "0", "--cluster", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode result = Json.tree(out.toString());
        assertThat(result.get("index_count").asLong()).isEqualTo(3000);
        assertThat(result.get("census_sessions").asLong()).isEqualTo(3000);
        assertThat(result.get("first_refresh_top_users").asLong()).isEqualTo(10);
        assertThat(result.get("census_scanned").asLong()).isGreaterThanOrEqualTo(3000 + 2000);
        assertThat(result.get("latency").get("census").get("p99_us").asLong()).isPositive();
        assertThat(result.get("latency").get("idle").get("p50_us").asLong()).isPositive();
        assertThat(result.get("census_round_trips").get("SCAN").get("calls").asInt()).isPositive();
        assertThat(result.get("scan_baseline_keys").asLong()).as("the back-to-back SCAN of the same run").isGreaterThanOrEqualTo(3000 + 2000);
        assertThat(result.get("ratios").get("census_to_scan_baseline_time").asDouble()).isPositive();
        assertThat(result.get("session_census_sessions").asLong()).isEqualTo(3000);
        assertThat(result.get("session_census_users").asLong()).isEqualTo(1000);
        assertThat(result.get("session_census_index_complete").asBoolean()).isTrue();
        assertThat(result.get("latency").get("session_census").get("p99_us").asLong()).isPositive();
        assertThat(result.get("session_census_round_trips").get("MGET+ZMSCORE").get("calls").asInt()).isPositive();
        assertThat(result.get("latency").get("session_census").has("p99_after_first_second_us"))
                .as("the p99 once the JIT is past the census's first second").isTrue();
        assertThat(result.get("session_census_cpu").get("jvm_cpu_s").asDouble()).as("the client's CPU beside the server's").isPositive();
        assertThat(result.get("session_census_cpu").get("census_thread_cpu_s").asDouble()).isPositive();
        assertThat(result.get("session_census_cpu").get("redis_server_cpu_s").asDouble()).isPositive();

        JsonNode cluster = result.get("cluster");
        assertThat(cluster.get("masters").asInt()).isEqualTo(3);
        assertThat(cluster.get("index_count").asLong()).isEqualTo(3000);
        assertThat(cluster.get("census_sessions").asLong()).isEqualTo(3000);
        assertThat(cluster.get("census_keys_per_master").size()).isEqualTo(3);
        assertThat(cluster.get("session_census_sessions").asLong()).as("the sessions detail on every master").isEqualTo(3000);
        assertThat(cluster.get("session_census_users").asLong()).isEqualTo(1000);
        assertThat(cluster.get("session_census_index_complete").asBoolean()).isTrue();
        assertThat(cluster.get("scan_baseline_keys").asLong()).as("every master scanned").isGreaterThanOrEqualTo(3000 + 2000);
        assertThat(result.get("cluster_to_standalone").get("census").asDouble()).isPositive();
    }

    @Test
    void everyBenchTakesTheRedisServerToRun() {
        for (String bench : List.of("ratelimit", "census", "startup")) {
            CommandLine.ParseResult parsed = CommandLineApp.newCommandLine()
                    .parseArgs("bench", bench, "--redis-server", "/usr/bin/redis-server");
            Object command = parsed.subcommand().subcommand().commandSpec().userObject();
            assertThat(((Benchmark) command).redisServer.options().binary()).as(bench).isEqualTo(Path.of("/usr/bin/redis-server"));
        }
    }

    @Test
    void rejectsNonsenseOptions() {
        CommandLine cl = CommandLineApp.newCommandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("bench", "ratelimit", "--in-flight", "0")).isNotZero();
    }
}
