package io.trackeep.dashboard.service.pubsub;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.SENTINEL)
class SubscriptionsOnSentinelTest extends SubscriptionsTest {
}
