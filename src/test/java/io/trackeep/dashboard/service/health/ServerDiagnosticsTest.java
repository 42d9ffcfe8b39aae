package io.trackeep.dashboard.service.health;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(RedisServerExtension.class)
class ServerDiagnosticsTest {

    @Test
    void slowLogShowsTheSlowCommandNewestFirst(RedisConnections redis) {
        RedisServerExtension.recordSlowCommands(redis);
        SlowCommand.run(redis, Duration.ofMillis(12));
        SlowCommand.run(redis, Duration.ofMillis(25));

        List<SlowLogEntry> entries = new ServerDiagnostics(redis).slowLog(10);

        assertThat(entries).hasSize(2);
        SlowLogEntry newest = entries.get(0);
        assertThat(newest.id()).isGreaterThan(entries.get(1).id());
        assertThat(newest.commandName()).isEqualTo("EVAL");
        assertThat(newest.command()).last().isEqualTo("25000");
        assertThat(newest.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(25));
        assertThat(newest.startedAt()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(newest.clientName()).isEqualTo("trackeep-dashboard");
        assertThat(newest.clientAddress()).startsWith("127.0.0.1:");
        assertThat(new ServerDiagnostics(redis).slowLog(1)).hasSize(1);
        assertThatThrownBy(() -> new ServerDiagnostics(redis).slowLog(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientListShowsConnectionsAndKillClosesOne(RedisServerProcess server, RedisConnections redis) {
        ServerDiagnostics diagnostics = new ServerDiagnostics(redis);
        try (RedisClient client = RedisClient.create(RedisURI.create(server.uriWithPassword()));
             StatefulRedisConnection<String, String> other = client.connect()) {
            long victimId = other.sync().clientId();
            other.sync().clientSetname("victim");
            other.sync().select(3);
            other.sync().get("x");

            List<ClientConnection> clients = diagnostics.clients();

            assertThat(clients).extracting(ClientConnection::id).doesNotHaveDuplicates().contains(victimId);
            ClientConnection victim = clients.stream().filter(c -> c.id() == victimId).findFirst().orElseThrow();
            assertThat(victim.name()).isEqualTo("victim");
            assertThat(victim.db()).isEqualTo(3);
            assertThat(victim.lastCommand()).isEqualTo("get");
            assertThat(victim.address()).startsWith("127.0.0.1:");
            assertThat(victim.user()).isEqualTo("default");
            assertThat(clients).anySatisfy(c -> assertThat(c.name()).isEqualTo("trackeep-dashboard"));

            assertThat(diagnostics.killClient(victimId)).isTrue();
            assertThat(diagnostics.clients()).extracting(ClientConnection::id).doesNotContain(victimId);
            assertThat(diagnostics.killClient(victimId)).as("already gone").isFalse();
        }
    }

    @Test
    void killIsRefusedOnAReadOnlyProfile(RedisServerProcess server) {
        try (RedisConnections readOnly = RedisConnections.open(server.settings().withReadOnly(true))) {
            long ownId = readOnly.sync().clientId();
            assertThatThrownBy(() -> new ServerDiagnostics(readOnly).killClient(ownId))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
            assertThat(new ServerDiagnostics(readOnly).clients()).extracting(ClientConnection::id).contains(ownId);
        }
    }

    @Test
    void configIsSortedAndHidesPasswords(RedisServerProcess server, RedisConnections redis) {
        Map<String, String> config = new ServerDiagnostics(redis).config();

        assertThat(config).containsEntry("maxclients", "10000")
                .containsEntry("bind", "127.0.0.1")
                .containsEntry("requirepass", ServerDiagnostics.MASKED)
                .containsEntry("masterauth", "");
        assertThat(config.values()).doesNotContain(server.password());
        assertThat(List.copyOf(config.keySet())).isSorted().hasSizeGreaterThan(100);
        assertThat(ServerDiagnostics.isSecret("tls-key-file-pass")).isTrue();
        assertThat(ServerDiagnostics.isSecret("masteruser")).isFalse();
    }

    @Test
    void everyReadFailsTypedWhileRedisIsDown(RedisServerProcess server, RedisConnections redis) {
        ServerDiagnostics diagnostics = new ServerDiagnostics(redis);
        try {
            server.stop();
            assertThatThrownBy(diagnostics::clients).isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
            assertThatThrownBy(() -> diagnostics.slowLog(5)).isInstanceOf(RedisAccessException.class);
            assertThatThrownBy(diagnostics::config).isInstanceOf(RedisAccessException.class);
            assertThatThrownBy(() -> diagnostics.killClient(1)).isInstanceOf(RedisAccessException.class);
        } finally {
            server.restart();
            WaitFor.reconnected(redis);
        }
    }

    @Test
    void disabledConfigIsACommandFailure() {
        try (RedisServerProcess noConfig = RedisServerProcess.start(RedisServerProcess.Options.defaults()
                .withConfig("rename-command CONFIG \"\""));
             RedisConnections redis = RedisConnections.open(noConfig.settings())) {
            assertThatThrownBy(() -> new ServerDiagnostics(redis).config())
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.COMMAND_FAILED));
        }
    }
}
