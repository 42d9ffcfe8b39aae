package io.trackeep.dashboard.service.ratelimit;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.CLUSTER)
class RateLimitsOnClusterTest extends RateLimitsTest {
}
