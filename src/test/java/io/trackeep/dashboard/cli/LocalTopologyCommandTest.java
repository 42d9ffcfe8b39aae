package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.Main;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code local --topology sentinel|cluster}: the local instance on a real multi-process Redis, and nothing left after it. */
class LocalTopologyCommandTest {

    private static final Pattern CLUSTER_LINE = Pattern.compile("Redis: (redis-cluster://:[0-9a-f]{48}@((127\\.0\\.0\\.1:\\d+,?){6}))");
    private static final Pattern SENTINEL_LINE = Pattern.compile("Redis: (redis-sentinel://:[0-9a-f]{48}@((127\\.0\\.0\\.1:\\d+,?){3})#trackeep)");
    private static final Pattern SENTINEL_PASSWORD_LINE = Pattern.compile("Sentinel password: ([0-9a-f]{48})");
    private static final Pattern PORT = Pattern.compile(":(\\d+)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CommandLineApp.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void aClusterWithTheSimulatorOnTopRunsAndStopsEveryNode() {
        int exit = run("local", "--topology", "cluster", "--simulate", "--rps", "40", "--duration", "2s");

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        Matcher redis = CLUSTER_LINE.matcher(lines.get(0));
        assertThat(redis.matches()).as(lines.get(0)).isTrue();
        assertThat(lines.get(1)).startsWith("HTTP:  http://127.0.0.1:");
        assertThat(err.toString()).containsPattern("Simulator: [1-9]\\d* sent, [1-9]\\d* 2xx");
        for (int port : ports(redis.group(2))) {
            assertClosed(port);
            assertClosed(port + 10_000); // the cluster bus
        }
    }

    @Test
    void aTopologyIsForTheEmbeddedRedisOnly() {
        assertThat(run("local", "--topology", "ring")).isNotZero();
        assertThat(err.toString()).contains("standalone, sentinel or cluster");
        assertThat(run("local", "--topology", "cluster", "--redis", "redis://127.0.0.1:1")).isNotZero();
        assertThat(err.toString()).contains("--topology is for the embedded Redis");
        assertThat(run("local", "--topology", "sentinel", "--data-dir", "x")).isNotZero();
        assertThat(err.toString()).contains("keeps its data in memory");
    }

    /**
     * The JVM's shutdown hook (Ctrl-C, kill) stops every process of the topology: a separate JVM
     * runs {@code local --topology sentinel}, is sent SIGTERM, and none of its redis-servers (two
     * data nodes, three Sentinels) survives it. Its output names the Sentinels' password apart.
     */
    @Test
    void ctrlCStopsEveryProcessOfTheSentinelSet() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "local", "--topology", "sentinel").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(output::add);
            } catch (java.io.IOException ignored) {
                // the child ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            WaitFor.condition(Duration.ofSeconds(60), "the local Sentinel set to be ready",
                    () -> output.stream().anyMatch(l -> l.startsWith("HTTP:")));
            List<String> lines = output.stream().filter(l -> l.startsWith("Redis:") || l.startsWith("Sentinel password:")
                    || l.startsWith("HTTP:")).toList();
            assertThat(lines).hasSize(3);
            Matcher redis = SENTINEL_LINE.matcher(lines.get(0));
            assertThat(redis.matches()).as(lines.get(0)).isTrue();
            Matcher sentinelPassword = SENTINEL_PASSWORD_LINE.matcher(lines.get(1));
            assertThat(sentinelPassword.matches()).as(lines.get(1)).isTrue();
            RedisSettings settings = RedisSettings.fromUri(redis.group(1)).withSentinelCredentials(null, sentinelPassword.group(1));
            try (RedisConnections c = RedisConnections.open(settings)) {
                assertThat(c.topology()).isEqualTo(Topology.SENTINEL);
                assertThat(c.sync().set("reachable", "yes")).isEqualTo("OK");
            }
            List<ProcessHandle> servers = child.descendants().toList();
            assertThat(servers).hasSizeGreaterThanOrEqualTo(5);

            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            WaitFor.condition(Duration.ofSeconds(10), "every redis-server of the child to be gone",
                    () -> servers.stream().noneMatch(ProcessHandle::isAlive));
            for (int port : ports(redis.group(2))) {
                assertClosed(port);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static List<Integer> ports(String hostPorts) {
        Matcher m = PORT.matcher(hostPorts);
        List<Integer> ports = new java.util.ArrayList<>();
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    private static void assertClosed(int port) {
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(ConnectException.class);
    }
}
