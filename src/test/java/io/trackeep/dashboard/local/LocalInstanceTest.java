package io.trackeep.dashboard.local;

import io.trackeep.dashboard.local.http.Api;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.sim.SimulatorSettings;
import io.trackeep.dashboard.local.sim.TrafficSimulator;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class LocalInstanceTest {

    @Test
    void closingLeavesNoRedisProcessAndFreesBothPorts() throws Exception {
        LocalInstance local = LocalInstance.start(LocalInstance.Options.defaults());
        long pid;
        try (RedisConnections redis = RedisConnections.open(local.redisSettings())) {
            pid = Long.parseLong(redis.sync().info("server").lines().filter(l -> l.startsWith("process_id:"))
                    .findFirst().orElseThrow().substring("process_id:".length()).strip());
        }
        int httpPort = local.httpBaseUrl().getPort();
        int redisPort = local.redisSettings().port();
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(new Api(local.httpBaseUrl(), "192.0.2.1").get("/health").statusCode()).isEqualTo(200);

        local.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        try (ServerSocket again = new ServerSocket(httpPort, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(httpPort);
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), redisPort).close()).isInstanceOf(ConnectException.class);
        assertThat(local.awaitClosed(Duration.ZERO)).isTrue();
        local.close(); // idempotent
    }

    @Test
    void theRedisUriCarriesThePasswordAndConnects() {
        try (LocalInstance local = LocalInstance.start(LocalInstance.Options.defaults())) {
            RedisSettings settings = local.redisSettings();
            assertThat(local.redisUriWithPassword())
                    .isEqualTo("redis://:" + settings.password() + "@127.0.0.1:" + settings.port());
            assertThat(settings.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(local.httpBaseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            try (RedisConnections redis = RedisConnections.open(RedisSettings.fromUri(local.redisUriWithPassword()))) {
                assertThat(redis.sync().ping()).isEqualTo("PONG");
                assertThat(redis.sync().configGet("bind")).containsEntry("bind", "127.0.0.1");
            }
            assertThat(local.usesExternalRedis()).isFalse();
            assertThat(local.startupTime()).isPositive();
        }
    }

    @Test
    void aFailedStartStopsWhatItStarted() throws Exception {
        Set<Long> before = childPids();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalInstance.Options options = LocalInstance.Options.defaults().withHttpPort(taken.getLocalPort());
            assertThatThrownBy(() -> LocalInstance.start(options))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(childPids()).isSubsetOf(before);
    }

    @Test
    void anExternalRedisIsUsedWithItsPrefixAndLeftRunning(RedisServerProcess server, RedisConnections redis) {
        try (LocalInstance local = LocalInstance.start(LocalInstance.Options.defaults()
                .withExternalRedis(server.settings()).withKeyPrefix("ext"))) {
            assertThat(local.usesExternalRedis()).isTrue();
            assertThat(local.embeddedRedis()).isEmpty();
            assertThat(local.redisSettings().keyPrefix()).isEqualTo("ext");
            String sid = new Api(local.httpBaseUrl(), "192.0.2.2").login(7, "eve");
            assertThat(redis.sync().exists("ext:session:" + sid)).isEqualTo(1);
            assertThat(redis.sync().exists("tk:session:" + sid)).isZero();
        }
        assertThat(server.isRunning()).isTrue();
        assertThat(redis.sync().ping()).isEqualTo("PONG");
    }

    @Test
    void aDataFolderKeepsTheDataAcrossRuns(@TempDir Path data) {
        LocalInstance.Options options = LocalInstance.Options.defaults().withDataDir(data);
        try (LocalInstance local = LocalInstance.start(options)) {
            new Api(local.httpBaseUrl(), "192.0.2.3").post("/api/challenges/9/score", "{\"user_id\":5,\"points\":77}");
        }
        try (LocalInstance local = LocalInstance.start(options)) {
            assertThat(new Api(local.httpBaseUrl(), "192.0.2.3").get("/api/challenges/9/rank/5").body())
                    .isEqualTo("{\"user_id\":5,\"score\":77,\"rank\":1}");
        }
    }

    @Test
    void theSimulatorCanBeStartedReplacedAndStopped() {
        try (LocalInstance local = LocalInstance.start(LocalInstance.Options.defaults()
                .withSimulator(SimulatorSettings.defaults().withRequestsPerSecond(5)))) {
            TrafficSimulator first = local.simulator().orElseThrow();
            assertThat(first.baseUrl()).isEqualTo(local.httpBaseUrl());
            TrafficSimulator second = local.startSimulator(SimulatorSettings.defaults().withRequestsPerSecond(1));
            assertThat(first.isRunning()).isFalse();
            assertThat(local.simulator()).containsSame(second);
            local.stopSimulator();
            assertThat(second.isRunning()).isFalse();
            assertThat(local.simulator()).isEmpty();
            TrafficSimulator third = local.startSimulator(SimulatorSettings.defaults());
            local.close();
            assertThat(third.isRunning()).isFalse();
            assertThatThrownBy(() -> local.startSimulator(SimulatorSettings.defaults())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void optionsRefuseADataFolderForAnExternalRedis(@TempDir Path data) {
        assertThatThrownBy(() -> LocalInstance.Options.defaults().withDataDir(data).withExternalRedis(RedisSettings.fromUri("redis://127.0.0.1:1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalInstance.Options.defaults().withHttpPort(70_000)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
