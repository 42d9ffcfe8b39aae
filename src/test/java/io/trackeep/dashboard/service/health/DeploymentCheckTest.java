package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check of a whole deployment on a real one: every node answers on its own connection, the
 * figures are the masters' together, and the hit rate leaves out exactly the dashboard's own
 * reads on every master. Runs on one server here and on the shared Cluster and Sentinel set
 * (subclasses).
 */
@ExtendWith(RedisServerExtension.class)
class DeploymentCheckTest {

    /** The rules of the topology: none fires on a healthy deployment (the others judge figures other tests leave behind). */
    private static final Set<String> TOPOLOGY_RULES = Set.of(AlertRules.CLUSTER_STATE, AlertRules.SLOTS, AlertRules.NODE_DOWN,
            AlertRules.SENTINEL_QUORUM, AlertRules.NO_REPLICA, AlertRules.FAILOVER, AlertRules.DOWN);

    private final RedisSettings settings;
    private final RedisConnections app;

    DeploymentCheckTest(RedisSettings settings, RedisConnections app) {
        this.settings = settings;
        this.app = app;
    }

    @Test
    void everyNodeAnswersAndTheFiguresAreTheMastersTogether() {
        for (int i = 0; i < 300; i++) {
            app.sync().set("deployment:" + i, "v");
        }
        try (RedisConnections watcher = RedisConnections.openForMonitoring(settings)) {
            DeploymentReport report = new DeploymentCheck(watcher).check();

            assertThat(report.topology()).isEqualTo(settings.topology());
            assertThat(report.status()).isEqualTo(HealthStatus.UP);
            int masters = settings.topology() == Topology.CLUSTER ? 3 : 1;
            int nodes = switch (settings.topology()) {
                case STANDALONE -> 1;
                case SENTINEL -> 2;
                case CLUSTER -> 6;
            };
            assertThat(report.nodes()).hasSize(nodes).allSatisfy(n -> assertThat(n.report().status()).as(n.address()).isEqualTo(HealthStatus.UP));
            assertThat(report.masters()).hasSize(masters);
            assertThat(report.combined().info().keyspace().totalKeys()).as("keys of every master, no replica counted twice").isEqualTo(300);
            assertThat(report.combined().own().counted()).isTrue();
            if (settings.topology() != Topology.STANDALONE) {
                assertThat(report.masters()).allSatisfy(m -> assertThat(report.replicasOf(m)).as(m.address()).hasSize(1));
            }
            if (settings.topology() == Topology.CLUSTER) {
                assertThat(report.cluster()).hasValueSatisfying(c -> {
                    assertThat(c.ok()).isTrue();
                    assertThat(c.slotsAssigned()).isEqualTo(ClusterInfo.SLOTS);
                });
                assertThat(report.masters()).allSatisfy(m -> assertThat(m.slots()).isNotEmpty());
                long perMaster = report.masters().stream().mapToLong(m -> m.report().info().keyspace().totalKeys()).sum();
                assertThat(perMaster).isEqualTo(300);
            }
            if (settings.topology() == Topology.SENTINEL) {
                assertThat(report.sentinel()).isNotNull();
                assertThat(report.sentinel().quorumReachable()).as(report.sentinel().quorumMessage()).isTrue();
                assertThat(report.sentinel().quorum()).isEqualTo(2);
                assertThat(report.sentinel().sentinels()).hasSize(3).noneMatch(io.trackeep.dashboard.service.redis.SentinelStatus.Node::down);
            }
            List<Alert> alerts = AlertRules.evaluate(report, null, AlertThresholds.DEFAULTS, java.time.Duration.ZERO);
            assertThat(alerts).as("healthy: no alert of the topology").noneMatch(a -> TOPOLOGY_RULES.contains(a.rule()));
        }
    }

    @Test
    void theHitRateLeavesOutExactlyTheDashboardsOwnReadsOnEveryMaster() {
        for (int i = 0; i < 200; i++) {
            app.sync().set("hit:" + i, "v");
        }
        try (RedisConnections watcher = RedisConnections.openForMonitoring(settings)) {
            DeploymentCheck check = new DeploymentCheck(watcher);
            DeploymentReport before = check.check();
            for (int i = 0; i < 200; i++) {
                app.sync().get("hit:" + i);           // 200 hits of the application, on every master
                watcher.sync().get("hit:" + i);       // and the dashboard's own reads, left out
                watcher.sync().get("missing:" + i);
            }
            for (int i = 0; i < 100; i++) {
                app.sync().get("missing:" + i);       // 100 misses of the application
            }
            DeploymentReport after = check.check();

            KeyspaceLookups others = KeyspaceLookups.between(before.combined(), after.combined());
            assertThat(others).isNotNull();
            assertThat(others.hits()).isEqualTo(200);
            assertThat(others.misses()).isEqualTo(100);
            assertThat(others.exact()).isTrue();
        }
    }
}
