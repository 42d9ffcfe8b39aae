package io.trackeep.dashboard.local.redis;

import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.Faults;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisServerProcessTest {

    @Test
    void startsOnLoopbackWithPasswordAndStopsWithoutLeftovers() throws Exception {
        Path binary;
        ProcessHandle handle;
        try (RedisServerProcess server = RedisServerProcess.start()) {
            assertThat(server.isRunning()).isTrue();
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.password()).hasSizeGreaterThanOrEqualTo(32);
            binary = server.binary();
            try (RedisConnections redis = RedisConnections.open(server.settings())) {
                assertThat(redis.sync().ping()).isEqualTo("PONG");
                assertThat(redis.sync().configGet("bind")).containsEntry("bind", "127.0.0.1");
                handle = ProcessHandle.of(pidOf(redis)).orElseThrow();
            }
            assertThatThrownBy(() -> RedisConnections.open(server.settings().withPassword("wrong")))
                    .isInstanceOf(RedisAccessException.class)
                    .satisfies(e -> assertThat(((RedisAccessException) e).kind()).isEqualTo(RedisAccessException.Kind.AUTH_FAILED));
        }
        assertThat(handle.isAlive()).isFalse();
        assertThat(Files.exists(binary)).isFalse();
        assertThat(Files.exists(binary.getParent())).isFalse();
    }

    /** The readiness check sent AUTH with the password's length in characters: a non-ASCII one never got its PONG. */
    @Test
    void aGivenNonAsciiPasswordStartsTheServer() {
        try (RedisServerProcess server = RedisServerProcess.start(RedisServerProcess.Options.defaults().withPassword("pässwörd-€"))) {
            try (RedisConnections redis = RedisConnections.open(server.settings())) {
                assertThat(redis.sync().ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void restartKeepsPortAndPasswordAndDataDirKeepsData(@TempDir Path data) {
        try (RedisServerProcess server = RedisServerProcess.start(RedisServerProcess.Options.defaults().withDataDir(data))) {
            int port = server.port();
            try (RedisConnections redis = RedisConnections.open(server.settings())) {
                redis.sync().set("k", "v");
            }
            server.restart();
            assertThat(server.port()).isEqualTo(port);
            try (RedisConnections redis = RedisConnections.open(server.settings())) {
                assertThat(redis.sync().get("k")).isEqualTo("v");
            }
        }
        assertThat(data).isDirectoryContaining(p -> p.getFileName().toString().startsWith("appendonly"));
    }

    /** It was never restarted: the window said "retrying…" and {@code local} answered 503 for ever. */
    @Test
    void aKilledServerIsRestartedOnItsPortWithItsPasswordAndWhatItsAppendOnlyFileKept(@TempDir Path data) {
        List<RedisServerProcess.Event> events = new CopyOnWriteArrayList<>();
        try (RedisServerProcess server = RedisServerProcess.start(RedisServerProcess.Options.defaults().withDataDir(data)
                .withConfig("appendfsync always"))) {
            server.onEvent(events::add);
            int port = server.port();
            long firstPid = server.pid();
            try (RedisConnections redis = RedisConnections.open(server.settings())) {
                redis.sync().set("k", "kept");

                Faults.kill9(server);

                WaitFor.condition(Duration.ofSeconds(30), "the same connection to answer again", () -> "kept".equals(redis.sync().get("k")));
            }
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.pid()).isNotEqualTo(firstPid);
            WaitFor.condition(Duration.ofSeconds(10), "the restart to be told", () -> events.size() >= 2);
            assertThat(events).extracting(RedisServerProcess.Event::type)
                    .containsExactly(RedisServerProcess.Event.Type.EXITED, RedisServerProcess.Event.Type.RESTARTED);
            assertThat(events.get(0).message()).contains("stopped unexpectedly (killed by signal 9 (SIGKILL))");
            assertThat(events.get(1).message()).contains("restarted").contains(data.toString());
        }
    }

    @Test
    void aServerStoppedOnPurposeIsNotRestarted() {
        List<RedisServerProcess.Event> events = new CopyOnWriteArrayList<>();
        try (RedisServerProcess server = RedisServerProcess.start()) {
            server.onEvent(events::add);
            server.stop();
            assertThat(server.isRunning()).isFalse();
            // A later crash is restarted, and is the only one told: the stop was none.
            server.restart();
            Faults.kill9(server);
            WaitFor.condition(Duration.ofSeconds(30), "the restart after the kill", () -> events.size() >= 2 && server.isRunning());
            assertThat(events).extracting(RedisServerProcess.Event::type)
                    .containsExactly(RedisServerProcess.Event.Type.EXITED, RedisServerProcess.Event.Type.RESTARTED);
        }
    }

    @Test
    void explicitBinaryThatIsNotExecutableIsAClearError(@TempDir Path dir) {
        Path notABinary = dir.resolve("redis-server");
        assertThatThrownBy(() -> RedisServerProcess.start(RedisServerProcess.Options.defaults().withBinary(notABinary)))
                .hasMessageContaining("not an executable file");
    }

    private static long pidOf(RedisConnections redis) {
        String info = redis.sync().info("server");
        return info.lines().filter(l -> l.startsWith("process_id:")).mapToLong(l -> Long.parseLong(l.substring(11).trim()))
                .findFirst().orElseThrow();
    }
}
