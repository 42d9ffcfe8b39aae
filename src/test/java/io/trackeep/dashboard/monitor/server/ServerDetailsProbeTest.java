package io.trackeep.dashboard.monitor.server;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class ServerDetailsProbeTest {

    @Test
    void readsOnlyThePartsAskedFor(RedisConnections redis) {
        ServerDetailsProbe probe = new ServerDetailsProbe(() -> EnumSet.of(Part.SLOW_LOG));

        ServerDetails slowOnly = probe.collect(redis);
        assertThat(slowOnly.slowLog().isOk()).isTrue();
        assertThat(List.of(String.valueOf(slowOnly.clients()), String.valueOf(slowOnly.info()), String.valueOf(slowOnly.config())))
                .containsOnly("null");

        ServerDetails all = probe.collect(redis, EnumSet.allOf(Part.class));
        assertThat(all.clients().value()).extracting(ClientConnection::id).contains(redis.sync().clientId());
        assertThat(all.ownClientId()).isEqualTo(redis.sync().clientId());
        assertThat(all.info().value()).containsKeys("Server", "Clients", "Memory", "Stats", "Commandstats");
        assertThat(all.info().value().get("Server")).containsKey("redis_version");
        assertThat(all.config().value()).containsEntry("requirepass", "****").containsKey("maxmemory");
    }

    @Test
    void anAclUserGetsDeniedPartsThatAreNotAskedAgain(RedisServerProcess server, RedisConnections admin) {
        admin.sync().aclSetuser("watcher", AclSetuserArgs.Builder.on().addPassword("watch-pw").allKeys().allCommands()
                .removeCommand(CommandType.SLOWLOG).removeCommand(CommandType.CONFIG).removeCommand(CommandType.CLIENT)
                .addCommand(CommandType.CLIENT, CommandKeyword.SETNAME));
        admin.sync().aclLogReset();
        try (RedisConnections watcher = RedisConnections.open(server.settings().withCredentials("watcher", "watch-pw"))) {
            ServerDetailsProbe probe = new ServerDetailsProbe(() -> EnumSet.allOf(Part.class));

            ServerDetails d = probe.collect(watcher);

            assertThat(d.slowLog().status()).isEqualTo(Readout.Status.DENIED);
            assertThat(d.slowLog().message()).isEqualTo("SLOWLOG is not permitted for this user (ACL)");
            assertThat(d.clients().status()).isEqualTo(Readout.Status.DENIED);
            assertThat(d.config().status()).isEqualTo(Readout.Status.DENIED);
            assertThat(d.config().message()).isEqualTo("CONFIG GET is not permitted for this user (ACL)");
            assertThat(d.info().isOk()).isTrue();
            assertThat(d.ownClientId()).isNull();
            long refusals = refusals(admin);
            assertThat(refusals).as("SLOWLOG, CLIENT LIST, CONFIG GET (and what the connect handshake tried)").isGreaterThanOrEqualTo(3);

            for (int i = 0; i < 3; i++) {
                assertThat(probe.collect(watcher).slowLog().status()).isEqualTo(Readout.Status.DENIED);
            }
            assertThat(refusals(admin)).as("denied commands are not sent again").isEqualTo(refusals);
        } finally {
            admin.sync().aclDeluser("watcher");
        }
    }

    /** Refused commands in the ACL log (identical refusals are one entry with a count). */
    private static long refusals(RedisConnections admin) {
        return admin.sync().aclLog().stream().mapToLong(e -> ((Number) e.get("count")).longValue()).sum();
    }

    @Test
    void anUnreachableServerIsThrownSoTheWindowMarksItStale(RedisServerProcess server, RedisConnections shared) {
        try (RedisConnections redis = RedisConnections.open(server.settings())) {
            ServerDetailsProbe probe = new ServerDetailsProbe(() -> Set.of(Part.CLIENTS));
            probe.collect(redis);
            server.stop();
            assertThatThrownBy(() -> probe.collect(redis)).isInstanceOfSatisfying(RedisAccessException.class,
                    e -> assertThat(e.isUnavailable()).isTrue());
        } finally {
            server.restart();
            WaitFor.reconnected(shared);
        }
    }

    @Test
    void refusalsAreToldFromOtherErrors() {
        assertThat(ServerDetailsProbe.refusal("CONFIG GET", new RedisAccessException(RedisAccessException.Kind.COMMAND_FAILED,
                "Reading the configuration: Redis answered with an error: ERR unknown command `CONFIG`, with args beginning with: ")))
                .isEqualTo("CONFIG GET is not available on this server (renamed or disabled)");
        assertThat(ServerDetailsProbe.refusal("INFO", new RedisAccessException(RedisAccessException.Kind.COMMAND_FAILED,
                "INFO: Redis answered with an error: LOADING Redis is loading the dataset in memory"))).isNull();
    }
}
