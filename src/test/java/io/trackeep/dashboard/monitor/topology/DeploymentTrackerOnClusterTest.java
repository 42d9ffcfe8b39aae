package io.trackeep.dashboard.monitor.topology;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.CLUSTER)
class DeploymentTrackerOnClusterTest extends DeploymentTrackerTest {

    DeploymentTrackerOnClusterTest(RedisSettings settings, RedisConnections app) {
        super(settings, app);
    }
}
