package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.SENTINEL)
class DeploymentCheckOnSentinelTest extends DeploymentCheckTest {

    DeploymentCheckOnSentinelTest(RedisSettings settings, RedisConnections app) {
        super(settings, app);
    }
}
