package io.trackeep.dashboard.service.audit;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.SENTINEL)
class AuditTrailOnSentinelTest extends AuditTrailTest {
}
