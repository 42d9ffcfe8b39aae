package io.trackeep.dashboard.monitor.topology;

import io.trackeep.dashboard.service.health.DeploymentReport;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.health.NodeHealth;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology reader on a real deployment (one server here, the shared Cluster and Sentinel set
 * in the subclasses): the Topology view's probe reads every node, takes the check the Overview
 * made in the same tick instead of asking every node again, and starts afresh on another
 * connection. Time is driven, not waited for.
 */
@ExtendWith(RedisServerExtension.class)
class DeploymentTrackerTest {

    private final RedisSettings settings;
    private final RedisConnections app;

    DeploymentTrackerTest(RedisSettings settings, RedisConnections app) {
        this.settings = settings;
        this.app = app;
    }

    @Test
    void theProbeReadsEveryNodeAndReusesTheChecksOfItsTick() {
        for (int i = 0; i < 40; i++) {
            app.sync().set("tracker:" + i, "v");
        }
        AtomicLong nanos = new AtomicLong();
        DeploymentTracker tracker = new DeploymentTracker(nanos::get);
        TopologyProbe probe = new TopologyProbe(tracker);
        try (RedisConnections watcher = RedisConnections.openForMonitoring(settings)) {
            DeploymentReport byOverview = tracker.check(watcher);
            nanos.addAndGet(DeploymentTracker.REUSE.toNanos() - 1);
            DeploymentReport sameTick = probe.collect(watcher);
            assertThat(sameTick).as("the Overview's check of this tick").isSameAs(byOverview);

            nanos.addAndGet(1);
            DeploymentReport nextTick = probe.collect(watcher);
            assertThat(nextTick).as("a check of its own once the Overview's is older than a tick").isNotSameAs(byOverview);

            int nodes = switch (settings.topology()) {
                case STANDALONE -> 1;
                case SENTINEL -> 2;
                case CLUSTER -> 6;
            };
            assertThat(nextTick.topology()).isEqualTo(settings.topology());
            assertThat(nextTick.nodes()).hasSize(nodes).allSatisfy(n -> assertThat(n.report().status()).as(n.address())
                    .isEqualTo(HealthStatus.UP));
            assertThat(nextTick.masters().stream().mapToLong(m -> m.report().info().keyspace().totalKeys()).sum()).isEqualTo(40);
            if (settings.topology() == Topology.CLUSTER) {
                assertThat(nextTick.masters()).allSatisfy(m -> assertThat(m.slots()).isNotEmpty());
            }
            if (settings.topology() != Topology.STANDALONE) {
                assertThat(nextTick.nodes()).filteredOn(n -> !n.master()).allSatisfy(r -> assertThat(r.masterId()).isNotNull());
            }
            assertThat(nextTick.nodes()).extracting(NodeHealth::address).doesNotHaveDuplicates();

            try (RedisConnections other = RedisConnections.openForMonitoring(settings)) {
                assertThat(probe.collect(other)).as("another connection is never given this one's check")
                        .isNotSameAs(nextTick);
            }
        }
    }
}
