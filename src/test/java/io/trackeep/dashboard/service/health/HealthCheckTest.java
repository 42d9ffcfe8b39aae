package io.trackeep.dashboard.service.health;

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

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class HealthCheckTest {

    @Test
    void liveInfoCapturedFromTheEmbeddedServerParsesIntoTheFacts(RedisServerProcess server, RedisConnections redis) {
        redis.sync().set("tk:a", "1");
        redis.sync().set("tk:b", "2");
        redis.sync().psetex("tk:c", 60_000, "3");
        redis.sync().get("tk:a");       // hit
        redis.sync().get("tk:missing"); // miss

        String raw = redis.sync().info(); // the text as the server sends it, parsed by the pure function
        RedisInfo info = InfoParser.parse(raw);

        assertThat(info.sections()).containsKeys("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "Keyspace");
        assertThat(info.server().version()).startsWith("6.2");
        assertThat(info.server().mode()).isEqualTo("standalone");
        assertThat(info.server().tcpPort()).isEqualTo(server.port());
        assertThat(info.server().uptimeSeconds()).isNotNull().isNotNegative();
        assertThat(info.server().serverTime()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
        assertThat(info.memory().usedBytes()).isPositive();
        assertThat(info.memory().maxMemoryBytes()).isZero();
        assertThat(info.memory().maxMemoryPolicy()).isEqualTo("noeviction");
        assertThat(info.clients().connected()).isGreaterThanOrEqualTo(1L);
        assertThat(info.clients().maxClients()).isEqualTo(10000L);
        assertThat(info.stats().keyspaceHits()).isGreaterThanOrEqualTo(1L);
        assertThat(info.stats().keyspaceMisses()).isGreaterThanOrEqualTo(1L);
        assertThat(info.replication().role()).isEqualTo("master");
        assertThat(info.persistence().aofEnabled()).isFalse();
        assertThat(info.keyspace().databases()).containsOnlyKeys(0);
        assertThat(info.keyspace().databases().get(0).keys()).isEqualTo(3);
        assertThat(info.keyspace().databases().get(0).expires()).isEqualTo(1);
    }

    @Test
    void upReportHasRoundTripInfoAndSlowLog(RedisConnections redis) {
        RedisServerExtension.recordSlowCommands(redis);
        SlowCommand.run(redis, Duration.ofMillis(15));

        HealthReport report = new HealthCheck(redis).check();

        assertThat(report.status()).isEqualTo(HealthStatus.UP);
        assertThat(report.problem()).isNull();
        assertThat(report.pingMicros()).isPositive().isLessThan(1_000_000L);
        assertThat(report.checkedAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(Duration.ofSeconds(5)));
        assertThat(report.info().server().version()).startsWith("6.2");
        assertThat(report.slowLog()).anySatisfy(e -> {
            assertThat(e.commandName()).isEqualTo("EVAL");
            assertThat(e.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(15));
        });
        assertThat(AlertRules.evaluate(report, null, AlertThresholds.DEFAULTS))
                .extracting(Alert::rule).contains(AlertRules.SLOWLOG);
    }

    @Test
    void redisDownGivesADownReportNotAnException(RedisServerProcess server, RedisConnections redis) {
        HealthCheck check = new HealthCheck(redis);
        try {
            server.stop();
            long start = System.nanoTime();

            HealthReport report = check.check();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(report.problem().kind()).isEqualTo(RedisAccessException.Kind.UNREACHABLE);
            assertThat(report.problem().message()).contains("unreachable").doesNotContain(server.password());
            assertThat(report.pingMicros()).isNull();
            assertThat(report.info()).isEqualTo(RedisInfo.EMPTY);
            assertThat(AlertRules.evaluate(report, null, AlertThresholds.DEFAULTS))
                    .containsExactly(new Alert(AlertRules.DOWN, Alert.Severity.CRITICAL, "Redis is down: " + report.problem().message()));
        } finally {
            server.restart();
            WaitFor.reconnected(redis);
        }
        assertThat(check.check().status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void aUserWithoutInfoPermissionGetsAPartialReport(RedisServerProcess server, RedisConnections redis) {
        redis.sync().aclSetuser("limited", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("limited-pw")
                .allKeys().allCommands().removeCommand(io.lettuce.core.protocol.CommandType.INFO)
                .removeCommand(io.lettuce.core.protocol.CommandType.SLOWLOG));
        try (RedisConnections limited = RedisConnections.open(server.settings().withCredentials("limited", "limited-pw"))) {
            HealthReport report = new HealthCheck(limited).check();

            assertThat(report.status()).isEqualTo(HealthStatus.PARTIAL);
            assertThat(report.pingMicros()).isPositive();
            assertThat(report.problem().kind()).isEqualTo(RedisAccessException.Kind.NOT_PERMITTED);
            assertThat(report.problem().message()).contains("info").doesNotContain("limited-pw");
            assertThat(report.info()).isEqualTo(RedisInfo.EMPTY);
            assertThat(AlertRules.evaluate(report, null, AlertThresholds.DEFAULTS)).isEmpty();
        } finally {
            redis.sync().aclDeluser("limited");
        }
    }

    @Test
    void deniedSlowLogIsLeftOutAndNotAskedAgain(RedisServerProcess server, RedisConnections redis) {
        redis.sync().aclSetuser("noslow", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("noslow-pw")
                .allKeys().allCommands().removeCommand(io.lettuce.core.protocol.CommandType.SLOWLOG));
        redis.sync().aclLogReset();
        try (RedisConnections limited = RedisConnections.open(server.settings().withCredentials("noslow", "noslow-pw"))) {
            HealthCheck check = new HealthCheck(limited);
            HealthReport first = check.check();
            HealthReport second = check.check();

            assertThat(first.status()).isEqualTo(HealthStatus.UP);
            assertThat(first.slowLog()).isEmpty();
            assertThat(second.status()).isEqualTo(HealthStatus.UP);
            assertThat(deniedCount(redis, "slowlog")).as("SLOWLOG denials in the ACL log").isEqualTo(1);
        } finally {
            redis.sync().aclDeluser("noslow");
        }
    }

    @Test
    void maxClientsComesFromConfigWhenInfoLacksIt(RedisConnections redis) {
        RedisInfo old = InfoParser.parse("# Clients\r\nconnected_clients:3\r\nblocked_clients:0\r\n"); // Redis < 6.2

        RedisInfo completed = new HealthCheck(redis).completeMaxClients(old);

        assertThat(completed.clients()).isEqualTo(new ClientsInfo(3L, 0L, 10000L));
    }

    @Test
    void deniedConfigLeavesMaxClientsUnknownAndIsNotAskedAgain(RedisServerProcess server, RedisConnections redis) {
        redis.sync().aclSetuser("noconfig", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("noconfig-pw")
                .allKeys().allCommands().removeCommand(io.lettuce.core.protocol.CommandType.CONFIG));
        redis.sync().aclLogReset();
        RedisInfo old = InfoParser.parse("# Clients\r\nconnected_clients:3\r\n");
        try (RedisConnections limited = RedisConnections.open(server.settings().withCredentials("noconfig", "noconfig-pw"))) {
            HealthCheck check = new HealthCheck(limited);

            assertThat(check.completeMaxClients(old).clients().maxClients()).isNull();
            assertThat(check.completeMaxClients(old).clients().maxClients()).isNull();
            assertThat(deniedCount(redis, "config")).isEqualTo(1);
        } finally {
            redis.sync().aclDeluser("noconfig");
        }
    }

    @Test
    void disabledConfigCommandIsTolerated() {
        try (RedisServerProcess noConfig = RedisServerProcess.start(RedisServerProcess.Options.defaults()
                .withConfig("rename-command CONFIG \"\""));
             RedisConnections redis = RedisConnections.open(noConfig.settings())) {
            RedisInfo old = InfoParser.parse("# Clients\r\nconnected_clients:3\r\n");

            assertThat(new HealthCheck(redis).completeMaxClients(old).clients().maxClients()).isNull();
            assertThat(new HealthCheck(redis).check().status()).isEqualTo(HealthStatus.UP);
        }
    }

    /** How many times the ACL log recorded {@code command} as denied (identical denials are grouped with a count). */
    private static long deniedCount(RedisConnections redis, String command) {
        List<java.util.Map<String, Object>> entries = redis.sync().aclLog();
        return entries.stream()
                .filter(e -> command.equals(e.get("object")))
                .mapToLong(e -> (Long) e.get("count"))
                .sum();
    }
}
