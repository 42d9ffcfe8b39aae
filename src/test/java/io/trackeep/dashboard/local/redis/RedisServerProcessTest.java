package io.trackeep.dashboard.local.redis;

import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
