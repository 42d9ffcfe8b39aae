package io.trackeep.dashboard.service.pubsub;

import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.CLUSTER)
class SubscriptionsOnClusterTest extends SubscriptionsTest {
}
