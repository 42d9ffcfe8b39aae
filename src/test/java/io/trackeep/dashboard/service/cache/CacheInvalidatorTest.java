package io.trackeep.dashboard.service.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class CacheInvalidatorTest {

    private final RedisConnections redis;
    private final KeySchema keys;
    private final CacheStore cache;
    private final CacheInvalidator invalidator;

    CacheInvalidatorTest(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
        this.cache = new CacheStore(redis);
        this.invalidator = new CacheInvalidator(redis, "admin@test");
    }

    /** Two response, two search and one analytics entry for the user. */
    private List<CacheKey> fillFor(long userId) {
        List<CacheKey> entries = List.of(
                CacheKey.response(keys, "/api/tasks", "", userId),
                CacheKey.response(keys, "/api/notes", "page=1", userId),
                CacheKey.search(keys, userId, "q=a"),
                CacheKey.search(keys, userId, "q=b"),
                CacheKey.analytics(keys, userId, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)));
        entries.forEach(k -> cache.put(k, "v"));
        return entries;
    }

    @Test
    void invalidatingAUserRemovesExactlyThatUsersEntriesOfEveryFamily() throws Exception {
        List<CacheKey> mine = fillFor(42);
        List<CacheKey> theirs = fillFor(43);
        List<CacheKey> prefixTwin = fillFor(420); // "tk:search:420:" must not match user 42
        CacheKey anonymous = CacheKey.response(keys, "/api/public", "", null);
        cache.put(anonymous, "v");
        redis.sync().set("tk:session:abc", "{}");
        redis.sync().sadd(keys.cacheUserIndex(42), "tk:session:abc"); // a tampered index must not delete a session
        BlockingQueue<String> events = subscribeToAdminEvents();

        assertThat(invalidator.invalidateUser(42)).isEqualTo(5);

        assertThat(mine).allSatisfy(k -> assertThat(redis.sync().exists(k.redisKey())).isZero());
        assertThat(theirs).allSatisfy(k -> assertThat(redis.sync().exists(k.redisKey())).isOne());
        assertThat(prefixTwin).allSatisfy(k -> assertThat(redis.sync().exists(k.redisKey())).isOne());
        assertThat(redis.sync().exists(anonymous.redisKey(), "tk:session:abc")).isEqualTo(2);
        assertThat(redis.sync().smembers(keys.cacheUserIndex(42))).containsExactly("tk:session:abc");

        JsonNode event = awaitEvent(events, "user:42");
        assertThat(event.path("type").asText()).isEqualTo("cache.invalidated");
        assertThat(event.path("target").asText()).isEqualTo("user:42");
        assertThat(event.path("actor").asText()).isEqualTo("admin@test");
        assertThat(event.path("details").path("removed").asLong()).isEqualTo(5);
        assertThat(event.path("details").path("families").path("search").asLong()).isEqualTo(2);
        assertThat(event.path("details").path("complete").asBoolean()).isTrue();
    }

    @Test
    void invalidatingAFamilyLeavesTheOthers() {
        fillFor(1);
        fillFor(2);
        redis.sync().set("tk:cache:not-a-hash", "someone else's");

        assertThat(invalidator.invalidateFamily(CacheFamily.RESPONSE)).isEqualTo(4);

        assertThat(scan("tk:cache:*")).containsExactly("tk:cache:not-a-hash"); // index sets went too
        assertThat(scan("tk:search:*")).hasSize(4);
        assertThat(scan("tk:analytics:*")).hasSize(2);

        assertThat(invalidator.invalidateFamily(CacheFamily.SEARCH)).isEqualTo(4);
        assertThat(scan("tk:search:*")).isEmpty();
        assertThat(scan("tk:analytics:*")).hasSize(2);
    }

    @Test
    void invalidatingAllRemovesEveryCacheEntryAndNothingElse() {
        fillFor(1);
        fillFor(2);
        redis.sync().set("tk:session:abc", "{}");
        redis.sync().zadd("tk:challenge:1:leaderboard", 10, "1");

        assertThat(invalidator.invalidateAll()).isEqualTo(10);

        assertThat(scan("*")).containsExactlyInAnyOrder("tk:session:abc", "tk:challenge:1:leaderboard");
    }

    @Test
    void invalidatingOneKeyCountsWhetherItExisted() {
        CacheKey key = CacheKey.search(keys, 1, "q=x");
        cache.put(key, "v");
        assertThat(invalidator.invalidateKey(key.redisKey())).isOne();
        assertThat(invalidator.invalidateKey(key.redisKey())).isZero();
        assertThatThrownBy(() -> invalidator.invalidateKey("tk:session:abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLargeFamilyIsRemovedInBoundedBatches() {
        int entries = 20_000;
        for (int from = 0; from < entries; from += 1_000) {
            Map<String, String> chunk = new HashMap<>();
            for (int i = from; i < from + 1_000; i++) {
                chunk.put(keys.searchCache(i % 97, keys.searchCacheHash("q=" + i)), "v");
            }
            redis.sync().mset(chunk);
        }
        cache.put(CacheKey.analytics(keys, 1, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)), "v");
        redis.sync().configResetstat();

        assertThat(invalidator.invalidateFamily(CacheFamily.SEARCH)).isEqualTo(entries);

        assertThat(redis.sync().dbsize()).isOne();
        if (redis.topology() == io.trackeep.dashboard.service.redis.Topology.CLUSTER) {
            return; // the router splits each UNLINK per slot (smaller still), and INFO answers for one node only
        }
        String stats = redis.sync().info("commandstats");
        assertThat(calls(stats, "unlink")).isBetween((long) entries / CacheInvalidator.UNLINK_BATCH,
                (long) entries / CacheInvalidator.UNLINK_BATCH + 1);
        assertThat(calls(stats, "scan")).isGreaterThan(1);
        assertThat(stats).doesNotContain("cmdstat_keys:");
    }

    @Test
    void aFailureHalfWayReportsWhatWasAlreadyRemoved(RedisServerProcess server) {
        fillFor(42);
        // A user that may touch response entries and their index but nothing under tk:search:
        redis.sync().aclSetuser("partial", io.lettuce.core.AclSetuserArgs.Builder.on()
                .addPassword("partial-pw").keyPattern("tk:cache:*")
                .allCommands());
        try (RedisConnections limited = RedisConnections.open(server.settings().withCredentials("partial", "partial-pw"))) {
            CacheInvalidator partial = new CacheInvalidator(limited, "admin@test");

            assertThatThrownBy(() -> partial.invalidateUser(42)).isInstanceOfSatisfying(CacheInvalidationException.class, e -> {
                assertThat(e.removed()).isEqualTo(2); // the response entries, before search failed
                assertThat(e.keysComplete()).isFalse();
                assertThat(e.getMessage()).contains("stopped after removing 2 keys");
            });
        }
        assertThat(scan("tk:cache:[0-9a-f]*")).isEmpty();
        assertThat(scan("tk:search:42:*")).hasSize(2);
    }

    @Test
    void readOnlyProfileRefusesInvalidation(RedisServerProcess server) {
        fillFor(1);
        try (RedisConnections readOnly = RedisConnections.open(server.settings().withReadOnly(true))) {
            assertThatThrownBy(() -> new CacheInvalidator(readOnly, "admin").invalidateAll())
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
        }
        assertThat(redis.sync().dbsize()).isEqualTo(6); // 5 entries + index
    }

    private List<String> scan(String pattern) {
        List<String> found = new java.util.ArrayList<>();
        io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
        io.lettuce.core.KeyScanCursor<String> page;
        do {
            page = redis.sync().scan(cursor, io.lettuce.core.ScanArgs.Builder.matches(pattern).limit(1000));
            found.addAll(page.getKeys());
            cursor = page;
        } while (!page.isFinished());
        return found;
    }

    private static long calls(String commandStats, String command) {
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(commandStats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /**
     * The event about {@code target}: on a Cluster an earlier test's event can still be on its
     * way over the cluster bus when this test subscribes, so others are passed over.
     */
    private static JsonNode awaitEvent(BlockingQueue<String> events, String target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String next = events.poll(1, TimeUnit.SECONDS);
            if (next != null && target.equals(Json.tree(next).path("target").asText())) {
                return Json.tree(next);
            }
        }
        throw new AssertionError("No admin event about " + target);
    }

    private BlockingQueue<String> subscribeToAdminEvents() {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        StatefulRedisPubSubConnection<String, String> pubSub = redis.newPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                received.add(message);
            }
        });
        pubSub.sync().subscribe(keys.adminEventsChannel());
        return received;
    }
}
