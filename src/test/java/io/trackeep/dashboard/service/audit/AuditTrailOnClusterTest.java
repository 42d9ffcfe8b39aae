package io.trackeep.dashboard.service.audit;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.CLUSTER)
class AuditTrailOnClusterTest extends AuditTrailTest {
}
