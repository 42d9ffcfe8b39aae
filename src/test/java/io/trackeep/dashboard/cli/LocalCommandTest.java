package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class LocalCommandTest {

    private static final Pattern REDIS_LINE = Pattern.compile("Redis: redis://:([0-9a-f]{48})@127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP_LINE = Pattern.compile("HTTP:  http://127\\.0\\.0\\.1:(\\d+)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CommandLineApp.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void printsTheRedisUriAndHttpAddressRunsForTheDurationAndStopsEverything() {
        int exit = run("local", "--duration", "2s");

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        Matcher redis = REDIS_LINE.matcher(lines.get(0));
        Matcher http = HTTP_LINE.matcher(lines.get(1));
        assertThat(redis.matches()).as(lines.get(0)).isTrue();
        assertThat(http.matches()).as(lines.get(1)).isTrue();
        assertThat(err.toString()).contains("ready in").contains("stopping after 2s");
        // Both are gone once the command has returned.
        int redisPort = Integer.parseInt(redis.group(2));
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), redisPort).close()).isInstanceOf(ConnectException.class);
        int httpPort = Integer.parseInt(http.group(1));
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), httpPort).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void simulatesOnTheChosenPortAndReportsTheTrafficAtTheEnd() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        int exit = run("local", "--port", Integer.toString(port), "--simulate", "--users", "5", "--rps", "20",
                "--abuse", "0.2", "--chat-rate", "1", "--duration", "2s");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines().toList().get(1)).isEqualTo("HTTP:  http://127.0.0.1:" + port);
        assertThat(err.toString()).contains("simulating 5 users, 20.0 req/s, 20 % abusive, 1.0 chat msg/s");
        assertThat(err.toString()).containsPattern("Simulator: [1-9]\\d* sent, [1-9]\\d* 2xx");
    }

    @Test
    void anExternalRedisIsNotEchoedWithItsPassword(RedisServerProcess server) {
        int exit = run("local", "--redis", server.uriWithPassword(), "--prefix", "ext", "--duration", "1s");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Redis: redis://127.0.0.1:" + server.port() + " prefix=ext\n");
        assertThat(out.toString() + err).doesNotContain(server.password());
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    void anUnreachableExternalRedisIsAnErrorOnStandardError() {
        int exit = run("local", "--redis", "redis://127.0.0.1:1", "--duration", "1s");

        assertThat(exit).isEqualTo(CliErrors.REDIS_UNAVAILABLE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("error: ").contains("unreachable");
    }

    @Test
    void optionsThatDoNotGoTogetherOrAreOutOfRangeAreRefused() {
        assertThat(run("local", "--users", "5")).isNotZero();
        assertThat(err.toString()).contains("need --simulate");
        assertThat(run("local", "--simulate", "--abuse", "2")).isNotZero();
        assertThat(err.toString()).contains("abuse share must be from 0 to 1");
        assertThat(run("local", "--data-dir", "/tmp/x", "--redis", "redis://127.0.0.1:6379")).isNotZero();
        assertThat(run("local", "--duration", "soon")).isNotZero();
        assertThat(run("local", "--port", "70000", "--duration", "1s")).as("a usage error").isEqualTo(2);
        assertThat(err.toString()).contains("--port must be from 0 (any free port) to 65535, got 70000", "Usage:");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aDataFolderThatCannotBeCreatedIsNamedAsTheProblem(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");

        int exit = run("local", "--data-dir", file.resolve("data").toString(), "--duration", "1s");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: Cannot create the data folder " + file.resolve("data"))
                .contains("choose a folder this user may write").doesNotContain("Cannot start");
        assertThat(out.toString()).isEmpty();
    }
}
