package io.trackeep.dashboard.local.redis;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The suite's shared Sentinel set (every process stopping on Ctrl-C is checked by
 * LocalTopologyCommandTest, which starts and stops one of its own).
 */
@OnTopology(Topology.SENTINEL)
@ExtendWith(RedisServerExtension.class)
class SentinelTopologyTest {

    @Test
    void aMasterAReplicaAndThreeSentinelsWithTheirOwnPasswordSeeEachOther(SentinelTopology set) {
        System.out.println("Sentinel set of the test run ready in " + set.startupTime().toMillis() + " ms");
        assertThat(set.sentinels()).hasSize(3);
        assertThat(set.dataNodes()).hasSize(2);
        assertThat(set.password()).isNotEqualTo(set.sentinelPassword());
        assertThat(set.currentMaster()).isPresent();
        for (RedisServerProcess sentinel : set.sentinels()) {
            try (RespConnection c = RespConnection.open(sentinel.port(), set.sentinelPassword())) {
                Map<String, String> master = SentinelTopology.pairs(c.call("SENTINEL", "MASTER", set.masterName()));
                assertThat(master).containsEntry("num-other-sentinels", "2").containsEntry("num-slaves", "1")
                        .containsEntry("quorum", "2");
            }
            try (RespConnection c = RespConnection.open(sentinel.port(), set.password())) {
                assertThat(c).isNull(); // the data nodes' password does not open a Sentinel
            } catch (RespConnection.ServerError expected) {
                assertThat(expected.getMessage()).contains("WRONGPASS");
            }
        }
        for (RedisServerProcess node : set.dataNodes()) {
            try (RespConnection c = RespConnection.open(node.port(), set.password())) {
                assertThat(c.call("CONFIG", "GET", "bind")).isEqualTo(List.of("bind", "127.0.0.1"));
            }
            try (RespConnection c = RespConnection.open(node.port(), null)) {
                assertThatThrownBy(() -> c.call("PING")).hasMessageStartingWith("NOAUTH");
            }
        }
    }

    @Test
    void aSentinelsConfigurationFileWithItsPasswordsIsReadableByItsOwnerOnly(SentinelTopology set) throws Exception {
        for (RedisServerProcess sentinel : set.sentinels()) {
            Path folder = sentinel.folder();
            Path config = folder.resolve("sentinel.conf");
            assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }
}
