package io.trackeep.dashboard.service.redis;

import io.lettuce.core.resource.Delay;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class RedisConnectionsTest {

    @Test
    void wrongPasswordIsTypedAuthFailureAndMessageHidesPassword(RedisServerProcess server) {
        RedisSettings bad = server.settings().withPassword("s3cret-wrong");
        assertThatThrownBy(() -> RedisConnections.open(bad))
                .isInstanceOfSatisfying(RedisAccessException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.AUTH_FAILED);
                    assertThat(e.getMessage()).doesNotContain("s3cret-wrong");
                });
    }

    @Test
    void aWrongPasswordIsReportedAsSuchEveryTimeNotAsAnUnreachableServer(RedisServerProcess server) {
        // Lettuce's handshake can lose a race with its own channel close; before the retry, 3 of 300 read "unreachable"
        RedisSettings bad = server.settings().withPassword("s3cret-wrong");
        Map<String, Integer> reported = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            try (RedisConnections c = RedisConnections.open(bad)) {
                reported.merge("connected", 1, Integer::sum);
            } catch (RedisAccessException e) {
                reported.merge(e.kind().name(), 1, Integer::sum);
            }
        }
        assertThat(reported).containsExactly(Map.entry("AUTH_FAILED", 300));
    }

    @Test
    void unreachableHostIsTypedAndFast() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RedisSettings settings = RedisSettings.fromUri("redis://127.0.0.1:" + closedPort)
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500));
        long start = System.nanoTime();
        assertThatThrownBy(() -> RedisConnections.open(settings))
                .isInstanceOfSatisfying(RedisAccessException.class,
                        e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.UNREACHABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void commandsWhileRedisIsDownFailFastThenWorkAfterRestart(RedisServerProcess server) {
        try (RedisConnections redis = RedisConnections.open(server.settings())) {
            redis.sync().set("a", "1");
            server.stop();
            assertThatThrownBy(() -> RedisErrors.call("get", () -> redis.sync().get("a")))
                    .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
            server.restart();
            WaitFor.reconnected(redis);
            assertThat(redis.sync().ping()).isEqualTo("PONG");
        }
    }

    /**
     * Lettuce's default backoff doubles up to 30 s, so after a 10 s and a 45 s outage requests kept
     * failing 7.2 s and 18.8 s after Redis answered again. However many attempts have failed, the
     * next one is at most half a second away.
     */
    @Test
    void reconnectAttemptsAreAtMostHalfASecondApartHoweverLongTheOutage(RedisServerProcess server) {
        try (RedisConnections redis = RedisConnections.open(server.settings())) {
            Delay delay = redis.resources().reconnectDelay();
            for (int attempt = 1; attempt <= 1_000; attempt++) {
                assertThat(delay.createDelay(attempt)).as("attempt " + attempt).isLessThanOrEqualTo(RedisConnections.RECONNECT_DELAY_CAP);
            }
            assertThat(RedisConnections.RECONNECT_DELAY_CAP).isLessThanOrEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void wrongTypeIsACommandFailureWithTheServerMessage(RedisConnections redis) {
        redis.sync().sadd("a-set", "x");
        assertThatThrownBy(() -> RedisErrors.call("Reading a-set", () -> redis.sync().get("a-set")))
                .isInstanceOfSatisfying(RedisAccessException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.COMMAND_FAILED);
                    assertThat(e.getMessage()).contains("WRONGTYPE");
                });
    }

    @Test
    void aCommandForThisNodeOrTheSharedOneRunsOnTheSharedConnectionForNullAndSaysWhatFailed(RedisConnections redis) {
        long shared = redis.sync().clientId();
        assertThat(redis.<Long>onNodeOrShared(null, "CLIENT ID", r -> r.clientId())).isEqualTo(shared);
        assertThat(redis.<Long>onNodeOrShared(redis.nodeAddresses().get(0), "CLIENT ID", r -> r.clientId())).isEqualTo(shared);
        redis.sync().sadd("a-set", "x");
        assertThatThrownBy(() -> redis.onNodeOrShared(null, "Reading a-set", r -> r.get("a-set")))
                .isInstanceOfSatisfying(RedisAccessException.class,
                        e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.COMMAND_FAILED))
                .hasMessageStartingWith("Reading a-set: ").hasMessageContaining("WRONGTYPE");
    }

    @Test
    void readOnlyRefusesWrites(RedisServerProcess server) {
        try (RedisConnections redis = RedisConnections.open(server.settings().withReadOnly(true))) {
            assertThatThrownBy(() -> redis.requireWritable("Kill session"))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY))
                    .hasMessageContaining("Kill session");
        }
    }

    @Test
    void settingsFromUriMoveCredentialsOutAndNeverPrintThem() {
        RedisSettings s = RedisSettings.fromUri("redis://admin:p%40ss@example.org:6380/2");
        assertThat(s.uri()).isEqualTo("redis://example.org:6380");
        assertThat(s.username()).isEqualTo("admin");
        assertThat(s.password()).isEqualTo("p@ss");
        assertThat(s.database()).isEqualTo(2);
        assertThat(s.toString()).doesNotContain("p@ss");
        assertThat(RedisSettings.fromUri("redis://:pw@h").password()).isEqualTo("pw");
        assertThat(RedisSettings.fromUri("rediss://h").tls()).isTrue();
        assertThatThrownBy(() -> RedisSettings.fromUri("http://h")).hasMessageContaining("redis://");
        assertThatThrownBy(() -> RedisSettings.fromUri("redis://h/x")).hasMessageContaining("number");
    }
}
