package io.trackeep.dashboard.service.lock;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.SENTINEL)
class FencedLocksOnSentinelTest extends FencedLocksTest {
}
