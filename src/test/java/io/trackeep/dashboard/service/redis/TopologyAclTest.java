package io.trackeep.dashboard.service.redis;

import io.lettuce.core.AclSetuserArgs;
import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.redis.SentinelTopology;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ACL users on a Cluster and with Sentinels. ACL users are per server (not replicated, not
 * gossiped): an admin creates them on every node, and with Sentinels a separate one on the
 * Sentinels, given apart from the data nodes' user.
 */
class TopologyAclTest {

    private static final AclSetuserArgs APP = AclSetuserArgs.Builder.on().addPassword("app-pw+/=").allKeys().allChannels().allCommands();

    @Nested
    @OnTopology(Topology.CLUSTER)
    @ExtendWith(RedisServerExtension.class)
    class OnACluster {
        @Test
        void anAclUserOnEveryNodeReachesTheWholeClusterAndAWrongPasswordIsSaidAsSuch(ClusterTopology cluster) {
            forEachNode(cluster, admin -> admin.sync().aclSetuser("app", APP));
            try (RedisConnections app = RedisConnections.open(
                    RedisSettings.fromUri("redis-cluster://app:app-pw%2B%2F%3D@" + String.join(",", cluster.seeds())))) {
                for (int i = 0; i < 30; i++) {
                    assertThat(app.sync().set("acl:" + i, "1")).isEqualTo("OK"); // every master
                }
                assertThat(app.sync().aclWhoami()).isEqualTo("app");
            } finally {
                forEachNode(cluster, admin -> admin.sync().aclDeluser("app"));
            }
            assertThatThrownBy(() -> RedisConnections.open(cluster.settings().withCredentials("app", "bad-pw-7319")))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.AUTH_FAILED))
                    .hasMessageNotContaining("bad-pw-7319");
        }

        private void forEachNode(ClusterTopology cluster, java.util.function.Consumer<RedisConnections> action) {
            for (RedisServerProcess node : cluster.nodes()) {
                try (RedisConnections admin = RedisConnections.open(node.settings())) {
                    action.accept(admin);
                }
            }
        }
    }

    @Nested
    @OnTopology(Topology.SENTINEL)
    @ExtendWith(RedisServerExtension.class)
    class WithSentinels {
        @Test
        void aDataUserAndASentinelUserAreGivenApart(SentinelTopology set) {
            for (RedisServerProcess node : set.dataNodes()) {
                try (RedisConnections admin = RedisConnections.open(node.settings())) {
                    admin.sync().aclSetuser("app", APP);
                }
            }
            for (RedisServerProcess sentinel : set.sentinels()) {
                sentinelAcl(sentinel, set, "ACL", "SETUSER", "watcher", "on", ">watch-pw", "+@all", "&*");
            }
            try (RedisConnections app = RedisConnections.open(set.settings().withCredentials("app", "app-pw+/=")
                    .withSentinelCredentials("watcher", "watch-pw"))) {
                assertThat(app.sync().set("acl", "1")).isEqualTo("OK");
                assertThat(app.sync().aclWhoami()).isEqualTo("app");
            } finally {
                for (RedisServerProcess node : set.dataNodes()) {
                    try (RedisConnections admin = RedisConnections.open(node.settings())) {
                        admin.sync().aclDeluser("app");
                    }
                }
                for (RedisServerProcess sentinel : set.sentinels()) {
                    sentinelAcl(sentinel, set, "ACL", "DELUSER", "watcher");
                }
            }
            // the data user's password does not open the Sentinels
            assertThatThrownBy(() -> RedisConnections.open(set.settings().withSentinelCredentials("app", "app-pw+/=")))
                    .isInstanceOf(RedisAccessException.class);
        }

        private void sentinelAcl(RedisServerProcess sentinel, SentinelTopology set, String... command) {
            io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(io.lettuce.core.RedisURI.builder()
                    .withHost(sentinel.host()).withPort(sentinel.port()).withPassword(set.sentinelPassword().toCharArray()).build());
            try (var c = client.connect()) {
                io.lettuce.core.codec.StringCodec codec = io.lettuce.core.codec.StringCodec.UTF8;
                io.lettuce.core.protocol.CommandArgs<String, String> args = new io.lettuce.core.protocol.CommandArgs<>(codec);
                for (int i = 1; i < command.length; i++) {
                    args.add(command[i]);
                }
                if (command[1].equals("SETUSER")) {
                    c.sync().dispatch(io.lettuce.core.protocol.CommandType.ACL, new io.lettuce.core.output.StatusOutput<>(codec), args);
                } else {
                    c.sync().dispatch(io.lettuce.core.protocol.CommandType.ACL, new io.lettuce.core.output.IntegerOutput<>(codec), args);
                }
            } finally {
                client.shutdown(java.time.Duration.ZERO, java.time.Duration.ofSeconds(1));
            }
        }
    }
}
