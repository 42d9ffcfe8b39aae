package io.trackeep.dashboard.service.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.MigrateArgs;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.SlotHash;
import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.ratelimit.Decision;
import io.trackeep.dashboard.service.ratelimit.FailureMode;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.RateLimitStats;
import io.trackeep.dashboard.service.ratelimit.RateLimiter;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service layer relies on from a Cluster connection, on a real Cluster. */
@OnTopology(Topology.CLUSTER)
@ExtendWith(RedisServerExtension.class)
class ClusterConnectionsTest {

    private final ClusterTopology cluster;
    private final RedisConnections redis;

    ClusterConnectionsTest(ClusterTopology cluster, RedisConnections redis) {
        this.cluster = cluster;
        this.redis = redis;
    }

    @Test
    void theFirstCommandToEveryMasterSucceedsOnANewConnection() {
        try (RedisConnections fresh = RedisConnections.open(cluster.settings())) {
            // keys of many slots, no retry: a master whose connection is still being made would reject its first one
            for (int i = 0; i < 50; i++) {
                assertThat(fresh.sync().set("first:" + i, "1")).isEqualTo("OK");
            }
        }
    }

    @Test
    void multiKeyCommandsSpanSlotsAndScanWalksEveryMaster() {
        String[] keys = IntStream.range(0, 200).mapToObj(i -> "k:" + i).toArray(String[]::new);
        for (String k : keys) {
            redis.sync().set(k, k);
        }
        assertThat(IntStream.range(0, 200).mapToObj(i -> "k:" + i).map(SlotHash::getSlot).distinct().count()).isGreaterThan(100);
        assertThat(redis.sync().mget(keys)).hasSize(200).allMatch(kv -> kv.getValue().equals(kv.getKey()));
        assertThat(redis.sync().exists(keys)).isEqualTo(200);
        assertThat(redis.sync().dbsize()).isEqualTo(200);

        Set<String> seen = new HashSet<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.sync().scan(cursor, ScanArgs.Builder.limit(17));
            seen.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        assertThat(seen).hasSize(200);

        assertThat(redis.sync().unlink(keys)).isEqualTo(200);
        assertThat(redis.sync().dbsize()).isZero();
    }

    @Test
    void aMovedSlotIsFollowedAndItsScriptsRunOnTheNewOwnerWithoutAnError() {
        RateLimiter limiter = RateLimiter.of(redis, "moving", LimitDefinition.slidingWindow(5, Duration.ofMinutes(1)),
                FailureMode.CLOSED, new RateLimitStats(redis, Duration.ofHours(1)));
        String client = "c1";
        String key = redis.keys().rateLimit("moving", client);
        int slot = SlotHash.getSlot(key);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.check(client).allowed()).isTrue(); // the script is cached on the slot's owner now
        }
        RedisServerProcess from = owner(slot);
        RedisServerProcess to = cluster.currentMasters().stream().filter(m -> m != from).findFirst().orElseThrow();
        moveSlot(slot, from, to);
        try {
            assertThat(owner(slot)).isSameAs(to);
            try (RedisConnections target = RedisConnections.open(to.settings())) {
                target.sync().scriptFlush(); // the new owner has never seen the script
            }
            Decision fourth = limiter.check(client);
            assertThat(fourth.degraded()).isFalse();
            assertThat(fourth.allowed()).isTrue();
            assertThat(fourth.remaining()).isEqualTo(1); // the three before the move were kept: the key moved with its slot
            assertThat(limiter.check(client).remaining()).isZero();
            assertThat(limiter.check(client).allowed()).isFalse();
        } finally {
            moveSlot(slot, to, from);
        }
    }

    private RedisServerProcess owner(int slot) {
        for (RedisServerProcess m : cluster.currentMasters()) {
            try (RedisConnections direct = RedisConnections.open(m.settings())) {
                String myId = direct.sync().clusterMyId();
                for (Object range : direct.sync().clusterSlots()) {
                    List<?> r = (List<?>) range;
                    if (((Number) r.get(0)).intValue() <= slot && slot <= ((Number) r.get(1)).intValue()
                            && myId.equals(((List<?>) r.get(2)).get(2))) {
                        return m;
                    }
                }
            }
        }
        throw new AssertionError("no master owns slot " + slot);
    }

    /** Resharding of one slot as redis-cli does it: IMPORTING, MIGRATING, MIGRATE every key, SETSLOT NODE everywhere. */
    private void moveSlot(int slot, RedisServerProcess from, RedisServerProcess to) {
        try (RedisConnections source = RedisConnections.open(from.settings());
             RedisConnections target = RedisConnections.open(to.settings())) {
            String sourceId = source.sync().clusterMyId();
            String targetId = target.sync().clusterMyId();
            target.sync().clusterSetSlotImporting(slot, sourceId);
            source.sync().clusterSetSlotMigrating(slot, targetId);
            List<String> keys;
            while (!(keys = source.sync().clusterGetKeysInSlot(slot, 100)).isEmpty()) {
                source.sync().migrate("127.0.0.1", to.port(), 0, 5_000,
                        MigrateArgs.Builder.keys(keys).auth(cluster.password().toCharArray()));
            }
            for (RedisServerProcess m : cluster.currentMasters()) {
                try (RedisConnections any = RedisConnections.open(m.settings())) {
                    any.sync().clusterSetSlotNode(slot, targetId);
                }
            }
        }
    }
}
