package io.trackeep.dashboard.monitor.census;

import io.lettuce.core.cluster.SlotHash;
import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisNode;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** On a Cluster the census walks every master with its own cursor, and a failover restarts only that master's walk. */
@OnTopology(Topology.CLUSTER)
@ExtendWith(RedisServerExtension.class)
class KeyspaceCensusFollowsMastersTest {

    @Test
    void everyMasterIsWalkedAndOnlyTheOneThatFailedOverStartsAgain(ClusterTopology cluster, RedisConnections redis) {
        Map<String, String> data = new HashMap<>();
        for (int i = 0; i < 6000; i++) {
            data.put(redis.keys().session("s" + i), "{}");
        }
        redis.sync().mset(data);
        List<RedisNode> masters = redis.masters();
        assertThat(masters).hasSize(3);

        KeyspaceCensus census = new KeyspaceCensus(redis, 100, 3, Duration.ofSeconds(1), Clock.systemUTC());
        CensusSnapshot partial = census.advance();
        while (partial.keysPerMaster().getOrDefault(masters.get(0).address(), 0L) < 700) {
            partial = census.advance(); // every master walked at once: some 300 keys each per tick, of about 2,000
        }
        assertThat(partial.complete()).isFalse();
        assertThat(partial.keysPerMaster()).containsOnlyKeys(masters.stream().map(RedisNode::address).toList());
        long firstSeen = partial.keysPerMaster().get(masters.get(0).address());

        // the last master's replica takes over
        RedisNode leaving = masters.get(2);
        RedisServerProcess replica = replicaOf(cluster, redis, leaving);
        // chosen before the failover: a quick one leaves no key owned by the leaving master to find
        String keyOfLeaving = data.keySet().stream().filter(k -> owner(redis, k).equals(leaving.id())).findFirst().orElseThrow();
        try (RedisConnections direct = RedisConnections.open(replica.settings())) {
            assertThat(direct.sync().clusterFailover(false)).isEqualTo("OK");
        }
        WaitFor.condition(Duration.ofSeconds(30), "the connection to see the new master", () -> {
            redis.sync().get(keyOfLeaving); // a MOVED answer makes the client read the topology again
            return redis.masters().stream().noneMatch(m -> m.id().equals(leaving.id()));
        });

        CensusSnapshot after = census.advance();
        assertThat(after.keysPerMaster().get(masters.get(0).address())).as("kept and walked on, not begun again")
                .isGreaterThanOrEqualTo(firstSeen);
        assertThat(after.keysPerMaster()).doesNotContainKey(leaving.address());
        CensusSnapshot done = after;
        for (int ticks = 0; !done.complete() && ticks < 10_000; ticks++) {
            done = census.advance();
        }
        assertThat(done.complete()).isTrue();
        assertThat(done.count(KeyKind.SESSION)).isEqualTo(6000);
        assertThat(done.keysPerMaster()).hasSize(3).containsKey(replica.host() + ":" + replica.port());
        assertThat(done.keysPerMaster().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6000);
    }

    private static String owner(RedisConnections redis, String key) {
        int slot = SlotHash.getSlot(key);
        for (Object range : redis.sync().clusterSlots()) {
            List<?> r = (List<?>) range;
            if (((Number) r.get(0)).intValue() <= slot && slot <= ((Number) r.get(1)).intValue()) {
                return String.valueOf(((List<?>) r.get(2)).get(2));
            }
        }
        throw new AssertionError("no owner of slot " + slot);
    }

    private static RedisServerProcess replicaOf(ClusterTopology cluster, RedisConnections redis, RedisNode master) {
        for (RedisServerProcess node : cluster.nodes()) {
            try (RedisConnections direct = RedisConnections.open(node.settings())) {
                List<Object> role = direct.sync().role();
                if ("slave".equals(role.get(0)) && master.address().equals(role.get(1) + ":" + role.get(2))) {
                    return node;
                }
            }
        }
        throw new AssertionError("no replica of " + master.address());
    }
}
