package io.trackeep.dashboard.service.session;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.SENTINEL)
class RedisSessionStoreOnSentinelTest extends RedisSessionStoreTest {

    RedisSessionStoreOnSentinelTest(RedisConnections redis) {
        super(redis);
    }
}
