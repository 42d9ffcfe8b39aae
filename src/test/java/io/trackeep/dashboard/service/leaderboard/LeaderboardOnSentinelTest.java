package io.trackeep.dashboard.service.leaderboard;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;

@OnTopology(Topology.SENTINEL)
class LeaderboardOnSentinelTest extends LeaderboardTest {

    LeaderboardOnSentinelTest(RedisConnections redis) {
        super(redis);
    }
}
