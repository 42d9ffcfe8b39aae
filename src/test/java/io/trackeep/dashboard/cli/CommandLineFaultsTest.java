package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.local.http.Api;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.testing.Faults;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults under the command line: {@code local --simulate} run as its own process while its
 * redis-server is killed and frozen, and commands run against a server that is stopped, frozen
 * and restarted. Each failure is one line with exit code 3 that tells a stopped server from a
 * frozen one; each recovery is by itself.
 */
@ExtendWith(RedisServerExtension.class)
class CommandLineFaultsTest {

    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final Pattern REDIS_LINE = Pattern.compile("Redis: (redis://:[0-9a-f]+@127\\.0\\.0\\.1:\\d+)");
    private static final Pattern HTTP_LINE = Pattern.compile("HTTP: +(http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void localKeepsServingThroughAKilledAndAFrozenRedis() throws Exception {
        Process local = new ProcessBuilder(javaCommand("local", "--simulate", "--users", "5", "--rps", "10")).start();
        StringBuffer stderr = new StringBuffer();
        Thread pump = pump(local, stderr);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8))) {
            Matcher redisLine = REDIS_LINE.matcher(String.valueOf(out.readLine()));
            Matcher httpLine = HTTP_LINE.matcher(String.valueOf(out.readLine()));
            assertThat(redisLine.matches()).as(stderr.toString()).isTrue();
            assertThat(httpLine.matches()).isTrue();
            String uri = redisLine.group(1);
            Api api = new Api(URI.create(httpLine.group(1)), "192.0.2.9");

            long pid = redisPid(uri);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            WaitFor.condition(RECOVERY, "local to restart its redis-server", () -> redisPid(uri) != pid);
            WaitFor.condition(RECOVERY, "/health 200 again", () -> api.get("/health").statusCode() == 200);
            WaitFor.condition(RECOVERY, "the restart in the log", () -> stderr.toString().contains("redis-server restarted on"));
            assertThat(stderr.toString()).contains("(pid " + pid + ") exited unexpectedly (killed by signal 9 (SIGKILL)); restarting it");

            long running = redisPid(uri);
            Faults.signal("-STOP", running);
            try {
                CliRun frozen = CliRun.of("snapshot", "--redis", uri);
                assertThat(frozen.exit()).isEqualTo(CliErrors.REDIS_UNAVAILABLE);
                assertThat(frozen.err()).hasLineCount(1).contains("stopped answering").doesNotContain("refused");
                assertThat(api.get("/").statusCode()).as("GET / needs no Redis").isEqualTo(200);
            } finally {
                Faults.signal("-CONT", running);
            }
            WaitFor.condition(RECOVERY, "snapshot to work again", () -> CliRun.of("snapshot", "--redis", uri).exit() == 0);

            Faults.signal("-INT", local.pid()); // Ctrl-C
            assertThat(local.waitFor(30, TimeUnit.SECONDS)).as("local ends on Ctrl-C").isTrue();
            WaitFor.condition(RECOVERY, "no redis-server left behind", () -> ProcessHandle.of(running).map(h -> !h.isAlive()).orElse(true));
        } finally {
            local.destroyForcibly();
            pump.join(10_000);
        }
        assertThat(stderr.toString()).as("no stack trace on stderr").doesNotContain("\tat ");
    }

    @Test
    void commandsSayAStoppedServerIsRefusingAndWorkOnceItIsBack(RedisServerProcess server) {
        String uri = CliRun.uri(server);
        server.stop();
        try {
            CliRun stopped = CliRun.of("snapshot", "--redis", uri);
            assertThat(stopped.exit()).isEqualTo(CliErrors.REDIS_UNAVAILABLE);
            assertThat(stopped.err()).hasLineCount(1).contains("connection refused").contains("is Redis running?");
        } finally {
            server.restart();
        }
        assertThat(CliRun.of("snapshot", "--redis", uri).exit()).isZero();
    }

    @Test
    void commandsSayAFrozenServerStoppedAnsweringAndWorkOnceItThaws(RedisServerProcess server) {
        String uri = CliRun.uri(server);
        try (Faults.Stall stall = Faults.stall(server)) {
            CliRun frozen = CliRun.of("sessions", "list", "--redis", uri);
            assertThat(frozen.exit()).isEqualTo(CliErrors.REDIS_UNAVAILABLE);
            assertThat(frozen.err()).hasLineCount(1).contains("stopped answering");
        }
        WaitFor.condition(RECOVERY, "sessions list to work again", () -> CliRun.of("sessions", "list", "--redis", uri).exit() == 0);
    }

    private static long redisPid(String uri) {
        try (RedisConnections redis = RedisConnections.open(RedisSettings.fromUri(uri))) {
            return redis.sync().info("server").lines().filter(l -> l.startsWith("process_id:"))
                    .mapToLong(l -> Long.parseLong(l.substring("process_id:".length()).strip())).findFirst().orElseThrow();
        }
    }

    /** This JVM's java and class path, running the program's main class. */
    private static List<String> javaCommand(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.trackeep.dashboard.Main"));
        command.addAll(List.of(args));
        return command;
    }

    private static Thread pump(Process p, StringBuffer into) {
        Thread t = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    into.append(line).append('\n');
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "local-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
