package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.SENTINEL)
class CacheStoreOnSentinelTest extends CacheStoreTest {

    CacheStoreOnSentinelTest(RedisConnections redis) {
        super(redis);
    }
}
