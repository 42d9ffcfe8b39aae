package io.trackeep.dashboard.service.session;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.CLUSTER)
class RedisSessionStoreOnClusterTest extends RedisSessionStoreTest {

    RedisSessionStoreOnClusterTest(RedisConnections redis) {
        super(redis);
    }
}
