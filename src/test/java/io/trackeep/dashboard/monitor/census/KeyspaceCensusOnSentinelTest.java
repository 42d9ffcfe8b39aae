package io.trackeep.dashboard.monitor.census;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.SENTINEL)
class KeyspaceCensusOnSentinelTest extends KeyspaceCensusTest {
}
