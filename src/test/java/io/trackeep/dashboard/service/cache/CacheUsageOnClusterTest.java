package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.CLUSTER)
class CacheUsageOnClusterTest extends CacheUsageTest {

    CacheUsageOnClusterTest(RedisConnections redis) {
        super(redis);
    }
}
