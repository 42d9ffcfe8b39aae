package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.redis.SentinelTopology;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.health.DeploymentCheck;
import io.trackeep.dashboard.service.health.DeploymentReport;
import io.trackeep.dashboard.service.redis.Failover;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The failover action on real deployments: planned exactly, refused on a read-only connection
 * without touching anything, executed through {@link AdminActions} (audited), and seen by the
 * deployment check as a failover. Each test starts its own Cluster or Sentinel set: a failover
 * leaves it in another shape.
 */
@ExtendWith(RedisServerExtension.class)
class FailoverActionsTest {

    private static final Duration FAILOVER = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aChosenClusterReplicaTakesOverFromItsMasterAndTheCheckSeesIt() {
        try (ClusterTopology cluster = ClusterTopology.start();
             RedisConnections redis = RedisConnections.openForMonitoring(cluster.settings());
             RedisConnections readOnly = RedisConnections.open(cluster.settings().withReadOnly(true))) {
            RedisServerProcess master = cluster.startedMaster(0);
            RedisServerProcess replica = cluster.nodes().get(cluster.masterCount());
            String replicaAddress = "127.0.0.1:" + replica.port();
            String masterAddress = "127.0.0.1:" + master.port();
            DeploymentCheck check = new DeploymentCheck(redis);
            check.check();

            assertThatThrownBy(() -> new FailoverActions(redis).failover(masterAddress)).hasMessageContaining("is a master already");
            assertThatThrownBy(() -> new FailoverActions(redis).failover(null)).hasMessageContaining("Name the replica");
            ActionPlan<String> plan = new FailoverActions(redis).failover(replicaAddress);
            assertThat(plan.action()).isEqualTo(FailoverActions.CLUSTER_FAILOVER);
            assertThat(plan.question()).isEqualTo("Let replica " + replicaAddress + " take over from master " + masterAddress
                    + " (slots 0-5460)?");
            assertThat(plan.effects()).first().asString().isEqualTo("Sends CLUSTER FAILOVER to replica " + replicaAddress);
            assertThat(plan.verb()).isEqualTo("Fail over to " + replicaAddress);

            AdminActions refusing = new AdminActions(readOnly, new AuditTrail(readOnly), new LocalAuditLog(dir.resolve("a.jsonl")), "ann@ws");
            assertThatThrownBy(() -> refusing.execute(new FailoverActions(readOnly).failover(replicaAddress)))
                    .isInstanceOf(RedisAccessException.class).hasMessageContaining("read-only");
            assertThat(cluster.currentMasters()).contains(master).doesNotContain(replica);

            ActionOutcome<String> outcome = new AdminActions(redis, new AuditTrail(redis), new LocalAuditLog(dir.resolve("a.jsonl")),
                    "ann@ws").execute(plan);
            assertThat(outcome.summary()).startsWith("Replica " + replicaAddress + " is taking over from " + masterAddress);

            WaitFor.condition(FAILOVER, "the replica to be master", () -> cluster.currentMasters().contains(replica)
                    && !cluster.currentMasters().contains(master));
            List<Failover> seen = new ArrayList<>();
            WaitFor.condition(FAILOVER, "the check to see the failover", () -> {
                DeploymentReport report = check.check();
                seen.clear();
                seen.addAll(report.failovers());
                return !seen.isEmpty();
            });
            assertThat(seen).singleElement().satisfies(f -> {
                assertThat(f.from()).isEqualTo(masterAddress);
                assertThat(f.to()).isEqualTo(replicaAddress);
                assertThat(f.how()).contains("manual failover");
            });
            assertThat(new AuditTrail(redis).latest(5)).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo(FailoverActions.CLUSTER_FAILOVER);
                assertThat(e.target()).isEqualTo("replica " + replicaAddress + " of master " + masterAddress + " (slots 0-5460)");
            });
            assertThat(Files.exists(dir.resolve("a.jsonl"))).as("the refusal and the action in the local log").isTrue();
        }
    }

    @Test
    void theSentinelsReplaceTheMasterWhenAsked() {
        try (SentinelTopology set = SentinelTopology.start();
             RedisConnections redis = RedisConnections.openForMonitoring(set.settings())) {
            RedisServerProcess master = set.currentMaster().orElseThrow();
            String masterAddress = "127.0.0.1:" + master.port();
            RedisServerProcess replica = set.dataNodes().stream().filter(n -> n != master).findFirst().orElseThrow();

            ActionPlan<String> plan = new FailoverActions(redis).failover(null);
            assertThat(plan.action()).isEqualTo(FailoverActions.SENTINEL_FAILOVER);
            assertThat(plan.question()).isEqualTo("Fail over master '" + set.masterName() + "' (" + masterAddress + ")?");
            assertThat(plan.effects()).contains("Replica 127.0.0.1:" + replica.port() + " becomes the master");

            ActionOutcome<String> outcome = new AdminActions(redis, new AuditTrail(redis), null, "ann@ws").execute(plan);
            assertThat(outcome.summary()).contains("started the failover of '" + set.masterName() + "' (master was " + masterAddress + ")");

            WaitFor.condition(FAILOVER, "the Sentinels to name the replica", () -> set.currentMaster().filter(m -> m == replica).isPresent());
            DeploymentCheck check = new DeploymentCheck(redis);
            WaitFor.condition(FAILOVER, "the failover in the check", () -> check.check().failovers().stream()
                    .anyMatch(f -> f.from().equals(masterAddress) && f.to().equals("127.0.0.1:" + replica.port())));
            WaitFor.condition(FAILOVER, "the audit entry, written to the new master", () -> new AuditTrail(redis).latest(5).stream()
                    .anyMatch(e -> e.action().equals(FailoverActions.SENTINEL_FAILOVER)));
        }
    }

    @Test
    void oneServerHasNoFailover(RedisConnections redis) {
        assertThatThrownBy(() -> new FailoverActions(redis).failover(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is one server");
    }
}
