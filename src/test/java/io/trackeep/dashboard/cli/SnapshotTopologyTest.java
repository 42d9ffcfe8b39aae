package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.redis.SentinelTopology;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.redis.DeploymentView;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code snapshot}'s {@code topology} section on each mode; the rest of the snapshot is the same on all three. */
class SnapshotTopologyTest {

    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void useTemporaryConfig() {
        System.setProperty(ConfigFolders.CONFIG_DIR_PROPERTY, temp.resolve("config").toString());
    }

    @AfterEach
    void restoreConfig() {
        System.clearProperty(ConfigFolders.CONFIG_DIR_PROPERTY);
    }

    private JsonNode snapshot(String uriWithPassword) {
        CommandLine cl = CommandLineApp.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("snapshot", "--json", "--redis", uriWithPassword)).as(err.toString()).isZero();
        return Json.tree(out.toString());
    }

    @Nested
    @ExtendWith(RedisServerExtension.class)
    class OnOneServer {
        @Test
        void theOneServerIsAMaster(RedisServerProcess server) {
            JsonNode topology = snapshot(server.uriWithPassword()).get("topology");
            assertThat(topology.get("topology").asText()).isEqualTo("STANDALONE");
            assertThat(topology.get("nodes")).hasSize(1);
            assertThat(topology.get("nodes").get(0).get("role").asText()).isEqualTo("master");
        }
    }

    @Nested
    @OnTopology(Topology.CLUSTER)
    @ExtendWith(RedisServerExtension.class)
    class OnACluster {
        @Test
        void everyNodeWithItsRoleAndSlotsAndTheRestOfTheSnapshotAsElsewhere(ClusterTopology cluster, RedisConnections redis) {
            redis.sync().setex("tk:session:s1", 86400, "{\"user_id\":42,\"session_id\":\"s1\"}");
            JsonNode json = snapshot(cluster.settings().uriWithCredentials());

            assertThat(json.get("sessions")).isNotNull();
            JsonNode topology = json.get("topology");
            assertThat(topology.get("topology").asText()).isEqualTo("CLUSTER");
            assertThat(topology.get("nodes")).hasSize(6);
            List<String> slots = new ArrayList<>();
            int masters = 0;
            for (JsonNode node : topology.get("nodes")) {
                if (node.get("role").asText().equals("master")) {
                    masters++;
                    node.get("slots").forEach(r -> slots.add(r.asText()));
                } else {
                    assertThat(node.get("masterId").asText()).isNotEmpty();
                }
                assertThat(node.get("flags")).isEmpty();
            }
            assertThat(masters).isEqualTo(3);
            assertThat(slots.stream().mapToInt(r -> {
                String[] ends = r.split("-");
                return ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
            }).sum()).isEqualTo(16_384);
        }
    }

    @Nested
    @OnTopology(Topology.SENTINEL)
    @ExtendWith(RedisServerExtension.class)
    class WithSentinels {
        @Test
        void theMasterItsReplicaAndTheSentinels(SentinelTopology set, RedisConnections redis) {
            DeploymentView view = redis.deployment();
            assertThat(view.topology()).isEqualTo(Topology.SENTINEL);
            assertThat(view.masterName()).isEqualTo(set.masterName());
            RedisServerProcess master = set.currentMaster().orElseThrow();
            assertThat(view.nodes()).extracting(DeploymentView.Node::role).containsExactly("master", "replica");
            assertThat(view.nodes().get(0).address()).isEqualTo(master.host() + ":" + master.port());
            assertThat(view.nodes().get(1).masterId()).isEqualTo(view.nodes().get(0).address());
            assertThat(view.sentinels()).hasSize(3).allMatch(DeploymentView.Sentinel::reachable);

            StringWriter text = new StringWriter();
            SnapshotCommand.printTopology(new PrintWriter(text, true), view);
            assertThat(text.toString()).startsWith("Topology: sentinel, master '" + set.masterName() + "'")
                    .contains("sentinel ");
        }
    }
}
