package io.trackeep.dashboard.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.http.Api;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.sim.SimulatorSettings;
import io.trackeep.dashboard.local.sim.SimulatorStats;
import io.trackeep.dashboard.local.sim.TrafficSimulator;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.Faults;
import io.trackeep.dashboard.testing.LogCapture;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults under a running local instance with its traffic simulator: its redis-server killed with
 * {@code kill -9}, frozen with SIGSTOP and thawed, stopped and restarted. Each time the HTTP API
 * keeps answering (503 for what needs Redis, never a 500 or a stack trace), the service layer's
 * connection and the simulator's traffic recover by themselves, and a killed server is restarted
 * by the instance. Every wait is for a condition, with deadlines far above what it takes.
 */
class LocalInstanceFaultsTest {

    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private LocalInstance local;
    private RedisServerProcess redis;
    private RedisConnections service;
    private Api api;
    private LogCapture log;

    @BeforeEach
    void start() {
        local = LocalInstance.start(LocalInstance.Options.defaults()
                .withSimulator(SimulatorSettings.defaults().withUsers(10).withRequestsPerSecond(30).withChatPerSecond(1)));
        redis = local.embeddedRedis().orElseThrow();
        service = RedisConnections.open(local.redisSettings());
        api = new Api(local.httpBaseUrl(), "192.0.2.77");
        awaitSimulatorSucceeding();
        log = new LogCapture();
    }

    @AfterEach
    void stop() {
        log.close();
        service.close();
        local.close();
    }

    @Test
    void aKilledRedisIsRestartedAndEverythingComesBack() {
        long pid = redis.pid();

        Faults.kill9(redis);

        WaitFor.condition(RECOVERY, "the supervisor to restart redis-server", () -> redis.isRunning() && redis.pid() != pid);
        awaitRecovered();
        assertThat(log.events()).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("exited unexpectedly (killed by signal 9 (SIGKILL)); restarting it"));
        assertNoServerError();
    }

    @Test
    void aFrozenRedisIsSaidAsSuchAndEverythingComesBackWhenItThaws() {
        try (Faults.Stall stall = Faults.stall(redis)) {
            HttpResponse<String> index = api.get("/");
            assertThat(index.statusCode()).as("GET / needs no Redis").isEqualTo(200);

            HttpResponse<String> health = api.get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(Api.json(health).get("redis").get("problem").asText()).contains("stopped answering");

            HttpResponse<String> login = api.post("/api/login", "{\"user_id\":1,\"username\":\"ann\"}");
            assertThat(login.statusCode()).isEqualTo(503);
        }
        awaitRecovered();
        assertNoServerError();
    }

    @Test
    void aStoppedAndRestartedRedisIsRefusedMeanwhileAndUsedAgainAfter() {
        redis.stop();
        assertThat(api.get("/health").statusCode()).isEqualTo(503);
        assertThat(api.post("/api/login", "{\"user_id\":1,\"username\":\"ann\"}").statusCode()).isEqualTo(503);
        WaitFor.condition(RECOVERY, "the connection to say the server refuses it", () -> {
            try {
                service.sync().ping();
                return false;
            } catch (RuntimeException e) {
                return service.translate("PING", e).getMessage().contains("connection refused");
            }
        });
        assertThat(redis.isRunning()).as("a stop is no crash: not restarted").isFalse();

        redis.restart();

        awaitRecovered();
        assertNoServerError();
    }

    /** The API's /health, the service layer's own connection, a login and the simulator's traffic all work again. */
    private void awaitRecovered() {
        WaitFor.condition(RECOVERY, "/health 200", () -> api.get("/health").statusCode() == 200);
        WaitFor.condition(RECOVERY, "the service layer's connection", () -> "PONG".equals(service.sync().ping()));
        WaitFor.condition(RECOVERY, "a login", () -> api.post("/api/login", "{\"user_id\":2,\"username\":\"bob\"}").statusCode() == 201);
        awaitSimulatorSucceeding();
        JsonNode body = Api.json(api.get("/health"));
        assertThat(body.get("redis").get("status").asText()).isEqualTo("UP");
    }

    private void awaitSimulatorSucceeding() {
        TrafficSimulator simulator = local.simulator().orElseThrow();
        long before = simulator.stats().succeeded();
        WaitFor.condition(RECOVERY, "the simulator's requests to succeed", () -> simulator.stats().succeeded() >= before + 5);
    }

    /** What failed was answered 503 and said in one line: no 500 and no stack trace in the log. */
    private void assertNoServerError() {
        for (ILoggingEvent e : log.events()) {
            if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
                assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull();
                assertThat(e.getFormattedMessage()).as("a 500").doesNotEndWith(" failed");
            }
        }
        SimulatorStats stats = local.simulator().orElseThrow().stats();
        assertThat(stats.sent()).isPositive();
    }
}
