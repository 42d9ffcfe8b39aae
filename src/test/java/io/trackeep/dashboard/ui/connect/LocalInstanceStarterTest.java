package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.sim.SimulatorSettings;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.LogCapture;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalInstanceStarter#prepare()}: the window's connection first, the rest of the local
 * instance after it (for the window: once it is live), and the simulator once the window has
 * connected.
 */
class LocalInstanceStarterTest {

    @Test
    void thePreparedConnectionComesFirstAndTheRestOfTheInstanceAndTheSimulatorFollow() throws Exception {
        try (LocalInstanceStarter local = new LocalInstanceStarter(LocalInstance.Options.defaults()
                .withSimulator(SimulatorSettings.defaults()));
             RedisConnections window = prepareAndConnect(local)) {
            assertThat(window.sync().ping()).isEqualTo("PONG");
            assertThat(window.accounting()).as("a monitoring connection").isNotNull();

            WaitFor.condition(Duration.ofSeconds(30), "the local instance and its simulator",
                    () -> local.instance().flatMap(LocalInstance::simulator).isPresent());
            LocalInstance instance = local.instance().orElseThrow();
            assertThat(instance.redisSettings().port()).isEqualTo(window.settings().port());
            assertThat(local.server()).containsSame(instance.embeddedRedis().orElseThrow());
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(instance.httpBaseUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theWindowWatchesRedisEvenWhenTheRestOfTheInstanceCannotStart() throws Exception {
        RedisServerProcess server;
        try (LogCapture log = new LogCapture();
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LocalInstanceStarter local = new LocalInstanceStarter(LocalInstance.Options.defaults().withHttpPort(taken.getLocalPort()));
             RedisConnections window = prepareAndConnect(local)) {
            assertThat(window.sync().ping()).isEqualTo("PONG");
            server = local.server().orElseThrow();
            assertThat(server.port()).isEqualTo(window.settings().port());
            WaitFor.condition(Duration.ofSeconds(30), "the rest of the instance to fail", () -> log.events().stream()
                    .anyMatch(e -> e.getFormattedMessage().startsWith("The local instance could not be started")));
            assertThat(local.instance()).as("no HTTP API on a taken port").isEmpty();
            assertThat(window.sync().ping()).as("the server stays up for the window").isEqualTo("PONG");
        }
        assertThat(server.isRunning()).as("stopped with the starter").isFalse();
    }

    @Test
    void forTheWindowTheRestWaitsUntilTheWindowIsLive() {
        try (LocalInstanceStarter local = new LocalInstanceStarter(LocalInstance.Options.defaults()
                .withSimulator(SimulatorSettings.defaults()), Duration.ofMinutes(10))) {
            local.prepareForWindow();
            try (RedisConnections window = local.connect()) {
                assertThat(window.sync().ping()).isEqualTo("PONG");
                assertThat(local.instance()).as("no HTTP API nor simulator before the first figures").isEmpty();
                assertThat(local.server()).get().matches(RedisServerProcess::isRunning);

                local.windowLive();

                WaitFor.condition(Duration.ofSeconds(30), "the local instance and its simulator",
                        () -> local.instance().flatMap(LocalInstance::simulator).isPresent());
            }
        }
    }

    @Test
    void aWindowThatNeverGoesLiveGetsTheRestAfterAWhile() {
        try (LocalInstanceStarter local = new LocalInstanceStarter(LocalInstance.Options.defaults(), Duration.ZERO)) {
            local.prepareForWindow();
            try (RedisConnections window = local.connect()) {
                WaitFor.condition(Duration.ofSeconds(30), "the local instance", () -> local.instance().isPresent());
                assertThat(window.sync().ping()).isEqualTo("PONG");
            }
        }
    }

    private static RedisConnections prepareAndConnect(LocalInstanceStarter local) {
        local.prepare();
        return local.connect();
    }
}
