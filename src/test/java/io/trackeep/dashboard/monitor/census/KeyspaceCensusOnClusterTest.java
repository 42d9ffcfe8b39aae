package io.trackeep.dashboard.monitor.census;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.CLUSTER)
class KeyspaceCensusOnClusterTest extends KeyspaceCensusTest {
}
