package io.trackeep.dashboard.monitor.caches;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.CLUSTER)
class CachesKeyspaceLookupsOnClusterTest extends CachesKeyspaceLookupsTest {
}
