package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.admin.FailoverActions;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code failover}: the window's failover action from the command line, confirmed, refused read-only, audited. */
@ExtendWith(RedisServerExtension.class)
class FailoverCommandTest {

    @TempDir
    Path temp;

    @BeforeEach
    void privateConfig() {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, temp.resolve("config").toString());
    }

    @AfterEach
    void clearConfig() {
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }

    @Test
    void aClusterReplicaTakesOverOnlyWhenConfirmedAndWritable() {
        try (ClusterTopology cluster = ClusterTopology.start()) {
            String uri = "redis-cluster://:" + URLEncoder.encode(cluster.password(), StandardCharsets.UTF_8) + "@"
                    + String.join(",", cluster.seeds());
            RedisServerProcess master = cluster.startedMaster(1);
            RedisServerProcess replica = cluster.nodes().get(cluster.masterCount() + 1);
            String replicaAddress = "127.0.0.1:" + replica.port();

            CliRun unconfirmed = CliRun.of("failover", "--redis", uri, "--replica", replicaAddress);
            assertThat(unconfirmed.exit()).isEqualTo(AuditedAction.DECLINED);
            assertThat(unconfirmed.err()).contains("Let replica " + replicaAddress + " take over from master 127.0.0.1:" + master.port(),
                    "Refused: no terminal to confirm on; pass --yes to confirm.", "Nothing was changed.");
            CliRun readOnly = CliRun.of("failover", "--redis", uri, "--replica", replicaAddress, "--yes", "--read-only");
            assertThat(readOnly.exit()).isEqualTo(CliErrors.READ_ONLY);
            CliRun noReplica = CliRun.of("failover", "--redis", uri, "--yes");
            assertThat(noReplica.exit()).isEqualTo(CliErrors.FAILED);
            assertThat(noReplica.err()).contains("Name the replica");
            assertThat(cluster.currentMasters()).contains(master).doesNotContain(replica);

            CliRun done = CliRun.of("failover", "--redis", uri, "--replica", replicaAddress, "--yes", "--json");

            assertThat(done.exit()).as(done.err()).isZero();
            JsonNode outcome = Json.tree(done.out().strip());
            assertThat(outcome.get("action").asText()).isEqualTo(FailoverActions.CLUSTER_FAILOVER);
            assertThat(outcome.get("audited").asBoolean()).isTrue();
            WaitFor.condition(Duration.ofSeconds(30), "the replica to be master", () -> cluster.currentMasters().contains(replica));
        }
    }

    @Test
    void oneServerHasNothingToFailOverTo(RedisServerProcess server) {
        CliRun run = CliRun.of("failover", "--redis", CliRun.uri(server), "--yes");
        assertThat(run.exit()).isEqualTo(CliErrors.FAILED);
        assertThat(run.err()).contains("A failover needs a Sentinel set or a Cluster");
    }
}
