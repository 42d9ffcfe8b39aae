package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.CLUSTER)
class HealthCheckOnClusterTest extends HealthCheckTest {
}
