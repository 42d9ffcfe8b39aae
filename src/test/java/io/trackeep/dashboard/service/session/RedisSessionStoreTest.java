package io.trackeep.dashboard.service.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.json.GoTime;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.service.stats.StatsWindow;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(RedisServerExtension.class)
class RedisSessionStoreTest {

    private static final long DAY = 86_400;

    private final RedisConnections redis;
    private final RedisClusterCommands<String, String> raw;
    private final RedisSessionStore store;

    RedisSessionStoreTest(RedisConnections redis) {
        this.redis = redis;
        this.raw = redis.sync();
        this.store = new RedisSessionStore(redis, "admin@test");
    }

    private static NewSession login(long userId) {
        return new NewSession(userId, "u" + userId + "@example.org", "user" + userId, "user", "198.51.100.1", "JUnit");
    }

    /** A session exactly as the Go backend writes it: SET ... EX 86400 and SADD, no index. */
    private void writeAsGo(String sid, long userId) {
        raw.setex("tk:session:" + sid, DAY, "{\"user_id\":" + userId + ",\"email\":\"go@example.org\",\"username\":\"go\","
                + "\"role\":\"user\",\"session_id\":\"" + sid + "\",\"ip_address\":\"10.0.0.1\",\"user_agent\":\"Go-http-client/1.1\","
                + "\"created_at\":\"2026-11-27T10:00:00.123456789+02:00\",\"last_active\":\"2026-11-27T10:00:00.123456789+02:00\"}");
    }

    // ---- compatibility -------------------------------------------------------------------

    @Test
    void readsAndRefreshesASessionWrittenByGoWithoutRewritingItsOtherBytes() {
        raw.setex("tk:session:abc", DAY, SessionJsonTest.GO_WRITTEN);
        raw.sadd("tk:user:sessions:42", "abc");

        Session peeked = store.peek("abc").orElseThrow();
        assertThat(peeked).isEqualTo(Session.fromJson(SessionJsonTest.GO_WRITTEN));
        assertThat(store.listUser(42)).extracting(SessionEntry::sessionId).containsExactly("abc");

        raw.expire("tk:session:abc", 10);
        OffsetDateTime before = OffsetDateTime.now();
        Session got = store.get("abc").orElseThrow();
        assertThat(got.lastActive()).isAfterOrEqualTo(before.minusSeconds(1));
        String stored = raw.get("tk:session:abc");
        String newLastActive = "\"last_active\":\"" + GoTime.format(got.lastActive()) + "\"}";
        assertThat(stored).isEqualTo(SessionJsonTest.GO_WRITTEN.replace("\"last_active\":\"2026-11-27T10:05:00.5Z\"}", newLastActive));
        assertThat(raw.ttl("tk:session:abc")).isBetween(DAY - 5, DAY);
    }

    @Test
    void writesTheGoLayoutWithTtlSetAndIndex() {
        Instant at = Instant.parse("2026-11-27T08:00:00.123456789Z");
        RedisSessionStore fixed = new RedisSessionStore(redis, "t", Clock.fixed(at, ZoneOffset.ofHours(2)));
        Session s = fixed.create(new NewSession(42, "ada@example.org", "ada", "admin", "203.0.113.7", "Mozilla/5.0 (X11)"));

        assertThat(s.sessionId()).matches("[A-Za-z0-9_-]{32}"); // 192 random bits, base64url
        String expected = "{\"user_id\":42,\"email\":\"ada@example.org\",\"username\":\"ada\",\"role\":\"admin\","
                + "\"session_id\":\"" + s.sessionId() + "\",\"ip_address\":\"203.0.113.7\",\"user_agent\":\"Mozilla/5.0 (X11)\","
                + "\"created_at\":\"2026-11-27T10:00:00.123456789+02:00\",\"last_active\":\"2026-11-27T10:00:00.123456789+02:00\"}";
        String stored = raw.get("tk:session:" + s.sessionId());
        assertThat(stored).isEqualTo(expected);
        JsonNode tree = Json.tree(stored);
        assertThat(tree.get("user_id").isIntegralNumber()).isTrue();
        assertThat(tree.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{0,8}[1-9])?(Z|[+-]\\d\\d:\\d\\d)");

        assertThat(raw.ttl("tk:session:" + s.sessionId())).isBetween(DAY - 5, DAY);
        assertThat(raw.smembers("tk:user:sessions:42")).containsExactly(s.sessionId());
        assertThat(raw.ttl("tk:user:sessions:42")).isBetween(DAY - 5, DAY);
        assertThat(raw.zscore("tk:sessions:expiry", s.sessionId())).isEqualTo(at.toEpochMilli() + DAY * 1000.0);
    }

    // ---- lookup --------------------------------------------------------------------------

    @Test
    void getResetsTheLifetimeAndLastActiveAndMovesTheIndexEntry() {
        Session s = store.create(login(1));
        String key = "tk:session:" + s.sessionId();
        raw.expire(key, 5);
        raw.zadd("tk:sessions:expiry", 1.0, s.sessionId());

        Session got = store.get(s.sessionId()).orElseThrow();

        assertThat(raw.ttl(key)).isBetween(DAY - 5, DAY);
        assertThat(got.lastActive()).isAfterOrEqualTo(s.lastActive());
        assertThat(Session.fromJson(raw.get(key)).lastActive()).isEqualTo(got.lastActive());
        assertThat(raw.zscore("tk:sessions:expiry", s.sessionId()))
                .isCloseTo(System.currentTimeMillis() + DAY * 1000.0, within(10_000.0));
    }

    @Test
    void peekDoesNotTouchTheSession() {
        Session s = store.create(login(1));
        raw.expire("tk:session:" + s.sessionId(), 100);
        assertThat(store.peek(s.sessionId())).contains(s);
        assertThat(raw.ttl("tk:session:" + s.sessionId())).isLessThanOrEqualTo(100);
        assertThat(store.peek("nope")).isEmpty();
    }

    @Test
    void updateChangesTheSessionButNeverRecreatesIt() {
        Session s = store.create(login(1));
        raw.expire("tk:session:" + s.sessionId(), 100);
        Session promoted = store.update(s.withRole("admin")).orElseThrow();
        assertThat(store.peek(s.sessionId())).contains(promoted);
        assertThat(promoted.role()).isEqualTo("admin");
        assertThat(raw.ttl("tk:session:" + s.sessionId())).isBetween(DAY - 5, DAY);
        assertThat(store.get(s.sessionId()).orElseThrow().role()).isEqualTo("admin"); // the refresh keeps the change

        store.kill(s.sessionId());
        assertThat(store.update(promoted)).isEmpty();
        assertThat(raw.exists("tk:session:" + s.sessionId())).isZero();
        assertThat(raw.zscore("tk:sessions:expiry", s.sessionId())).isNull();
    }

    @Test
    void malformedValuesAreTypedForOneSessionAndListedAsSuchOtherwise() {
        raw.setex("tk:session:bad-session-id", DAY, "{\"user_id\":\"nope\"");
        raw.sadd("tk:user:sessions:5", "bad-session-id");
        raw.zadd("tk:sessions:expiry", System.currentTimeMillis() + 60_000.0, "bad-session-id");
        Session good = store.create(login(5));

        assertThatThrownBy(() -> store.peek("bad-session-id"))
                .isInstanceOfSatisfying(MalformedSessionException.class, e -> {
                    assertThat(e.entry().excerpt()).isEqualTo("{\"user_id\":\"nope\"");
                    assertThat(e.getMessage()).contains("bad-…").doesNotContain("bad-session-id");
                });
        assertThatThrownBy(() -> store.get("bad-session-id")).isInstanceOf(MalformedSessionException.class);
        assertThat(store.listUser(5)).hasSize(2).last().isInstanceOf(SessionEntry.Malformed.class);
        assertThat(store.page(0, 10)).extracting(SessionEntry::sessionId)
                .containsExactlyInAnyOrder(good.sessionId(), "bad-session-id");
        assertThat(store.kill("bad-session-id")).isTrue();
        assertThat(raw.exists("tk:session:bad-session-id")).isZero();
    }

    // ---- kill ----------------------------------------------------------------------------

    @Test
    void getAfterKillIsEmptyAndDoesNotRecreate() {
        Session s = store.create(login(3));
        assertThat(store.kill(s.sessionId())).isTrue();
        assertThat(store.get(s.sessionId())).isEmpty();
        assertThat(raw.exists("tk:session:" + s.sessionId())).isZero();
        assertThat(raw.zscore("tk:sessions:expiry", s.sessionId())).isNull();
        assertThat(store.kill(s.sessionId())).isFalse();
    }

    @Test
    void killRemovesFromEveryIndexAndAnnouncesIt() throws Exception {
        Session s = store.create(login(42));
        Session other = store.create(login(42));
        String event;
        try (StatefulRedisPubSubConnection<String, String> sub = redis.newPubSub()) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received.add(channel + " " + message);
                }
            });
            sub.sync().subscribe("tk:admin:events");
            assertThat(store.kill(s.sessionId())).isTrue();
            // on a Cluster another test's event can arrive late over the cluster bus: wait for this kill's
            do {
                event = received.poll(5, TimeUnit.SECONDS);
            } while (event != null && !event.contains("\"" + s.sessionId() + "\""));
        }

        assertThat(raw.exists("tk:session:" + s.sessionId())).isZero();
        assertThat(raw.smembers("tk:user:sessions:42")).containsExactly(other.sessionId());
        assertThat(raw.zscore("tk:sessions:expiry", s.sessionId())).isNull();
        assertThat(event).startsWith("tk:admin:events ");
        JsonNode json = Json.tree(event.substring(event.indexOf(' ') + 1));
        assertThat(json.get("type").asText()).isEqualTo("session.killed");
        assertThat(json.get("target").asText()).isEqualTo(s.sessionId());
        assertThat(json.get("actor").asText()).isEqualTo("admin@test");
        assertThat(json.at("/details/user_id").asLong()).isEqualTo(42);
    }

    @Test
    void killsThatAReadOnlyReplicaRefusesSaySoAndAnnounceNothing() throws Exception {
        // one server made a replica of nothing; a Cluster refuses REPLICAOF, and a Sentinel set would fail over
        Assumptions.assumeTrue(redis.settings().topology() == Topology.STANDALONE);
        Session s = store.create(login(42));
        try (StatefulRedisPubSubConnection<String, String> sub = redis.newPubSub()) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received.add(message);
                }
            });
            sub.sync().subscribe("tk:admin:events");
            raw.replicaof("127.0.0.1", 1); // a replica of nothing: keeps its data, refuses writes
            try {
                assertThatThrownBy(() -> store.kill(s.sessionId())).isInstanceOf(RedisAccessException.class)
                        .hasMessageContaining("read-only replica, nothing was written").hasMessageContaining("connect to the master");
                assertThatThrownBy(() -> store.killAllOfUser(42)).isInstanceOf(RedisAccessException.class)
                        .hasMessageContaining("read-only replica");
                raw.publish("tk:admin:events", "marker"); // delivered after anything the kill published
                assertThat(received.poll(5, TimeUnit.SECONDS)).as("no session.killed for a session still there").isEqualTo("marker");
            } finally {
                raw.replicaofNoOne();
            }
        }
        assertThat(raw.exists("tk:session:" + s.sessionId())).isOne();
    }

    @Test
    void killAllOfUserIsCompleteWithAStaleAndIncompleteUserSet() {
        Session a = store.create(login(7));
        Session b = store.create(login(7));
        Session otherUser = store.create(login(8));
        raw.srem("tk:user:sessions:7", b.sessionId()); // the set lost b ...
        raw.sadd("tk:user:sessions:7", "expired-long-ago"); // ... and holds an expired id

        assertThat(store.listUser(7)).extracting(SessionEntry::sessionId)
                .containsExactlyInAnyOrder(a.sessionId(), b.sessionId());
        assertThat(store.killAllOfUser(7)).isEqualTo(2);

        assertThat(store.peek(a.sessionId())).isEmpty();
        assertThat(store.peek(b.sessionId())).isEmpty();
        assertThat(raw.exists("tk:user:sessions:7")).isZero();
        assertThat(raw.zrange("tk:sessions:expiry", 0, -1)).containsExactly(otherUser.sessionId());
        assertThat(store.peek(otherUser.sessionId())).isPresent();
    }

    @Test
    void killAllOfUserFindsSessionsOfAUserWhoseSetIsMissingAndThatNoIndexKnows() {
        writeAsGo("go-1", 9);
        writeAsGo("go-2", 9);
        writeAsGo("go-3", 10);
        raw.set("tk:unrelated", "x");

        assertThat(store.listUser(9)).extracting(SessionEntry::sessionId).containsExactlyInAnyOrder("go-1", "go-2");
        assertThat(store.killAllOfUser(9)).isEqualTo(2);
        assertThat(raw.exists("tk:session:go-1", "tk:session:go-2")).isZero();
        assertThat(store.peek("go-3")).isPresent();
    }

    @Test
    void killAllOfUserFindsAGoWrittenSessionThatNeitherTheSetNorTheIndexLists() {
        Session java = store.create(login(12)); // the index exists and lists this one only
        writeAsGo("go-12", 12);
        raw.srem("tk:user:sessions:12", "go-12"); // a backend lost it from the set

        assertThat(store.listUser(12)).as("the set is fresh and complete as far as it goes").hasSize(1);
        assertThat(store.killAllOfUser(12)).isEqualTo(2);
        assertThat(raw.exists("tk:session:" + java.sessionId(), "tk:session:go-12")).isZero();
    }

    @Test
    void killSaysWhetherItDeletedTheSessionAndKillsAKeyOfAnotherType() {
        raw.zadd("tk:sessions:expiry", System.currentTimeMillis() + 60_000.0, "left-behind");
        assertThat(store.kill("left-behind")).as("only an index entry was left").isFalse();
        assertThat(raw.zscore("tk:sessions:expiry", "left-behind")).isNull();

        raw.hset("tk:session:a-hash", "user_id", "3");
        assertThatThrownBy(() -> store.peek("a-hash")).isInstanceOfSatisfying(MalformedSessionException.class,
                e -> assertThat(e.entry().reason()).isEqualTo("not a string but a hash"));
        assertThat(store.kill("a-hash")).isTrue();
        assertThat(raw.exists("tk:session:a-hash")).isZero();
    }

    @Test
    void killAllOfUserFindsALiveSessionMissingFromAFreshSet() {
        // The set expired while the older session stayed in use; a new login recreated it.
        Session old = store.create(login(11));
        raw.del("tk:user:sessions:11");
        Session fresh = store.create(login(11));
        assertThat(store.killAllOfUser(11)).isEqualTo(2);
        assertThat(raw.exists("tk:session:" + old.sessionId(), "tk:session:" + fresh.sessionId())).isZero();
    }

    @Test
    void concurrentGetNeverResurrectsAKilledSession() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            raceGetsAgainstKills(threads);
        } finally {
            threads.shutdownNow();
        }
        assertThat(raw.zcard("tk:sessions:expiry")).isZero();
    }

    private void raceGetsAgainstKills(ExecutorService threads) throws Exception {
        for (int round = 0; round < 100; round++) {
            Session s = store.create(login(20));
            String sid = s.sessionId();
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                await(start);
                for (int i = 0; i < 20 && store.get(sid).isPresent(); i++) {
                    Thread.onSpinWait();
                }
            }, threads);
            CompletableFuture<Boolean> killer = CompletableFuture.supplyAsync(() -> {
                await(start);
                return store.kill(sid);
            }, threads);
            start.countDown();
            reader.get(10, TimeUnit.SECONDS);
            assertThat(killer.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(raw.exists("tk:session:" + sid)).as("round %d", round).isZero();
            assertThat(raw.zscore("tk:sessions:expiry", sid)).as("round %d", round).isNull();
            assertThat(store.get(sid)).isEmpty();
        }
    }

    // ---- counting, paging, pruning -------------------------------------------------------

    @Test
    void countsByIndexWhenItExistsAndByScanOtherwise() {
        assertThat(store.indexedCount()).isEmpty();
        for (int i = 0; i < 3; i++) {
            writeAsGo("go-" + i, i);
        }
        raw.set("tk:cache:0123456789abcdef0123456789abcdef", "{}");
        assertThat(store.indexedCount()).isEmpty();
        assertThat(store.countByScan(2, Duration.ofMillis(1))).isEqualTo(3);

        store.create(login(1));
        store.create(login(2));
        assertThat(store.indexedCount()).hasValue(2);

        SessionStore.ScanCount step = store.countStep(SessionStore.ScanCount.START, 1);
        assertThat(step.calls()).isEqualTo(1);
        while (!step.finished()) {
            step = store.countStep(step, 1);
        }
        assertThat(step.sessions()).isEqualTo(5);
    }

    @Test
    void pagesByRecencyAndSkipsSessionsThatAreGone() {
        Clock now = Clock.systemDefaultZone();
        String[] ids = new String[5];
        for (int i = 0; i < 5; i++) {
            ids[i] = new RedisSessionStore(redis, "t", Clock.offset(now, Duration.ofMinutes(i - 10))).create(login(i)).sessionId();
        }
        raw.zadd("tk:sessions:expiry", System.currentTimeMillis() - 1000.0, "expired-entry");

        assertThat(ids(store.page(0, 2))).containsExactly(ids[4], ids[3]);
        assertThat(ids(store.page(2, 2))).containsExactly(ids[2], ids[1]);
        assertThat(ids(store.page(4, 2))).containsExactly(ids[0]);

        raw.del("tk:session:" + ids[3]);
        store.get(ids[0]);
        assertThat(ids(store.page(0, 3))).containsExactly(ids[0], ids[4]); // ids[3] is skipped
        assertThatThrownBy(() -> store.page(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pagesLongerThanOneBatchAreReadInBatches() {
        for (int i = 0; i < 150; i++) {
            store.create(login(i));
        }
        raw.configResetstat();
        assertThat(store.page(0, 120)).hasSize(120);
        assertThat(store.page(100, 101)).hasSize(50);
        if (redis.settings().topology() != Topology.CLUSTER) { // a Cluster splits an MGET by slot: one call per node and slot
            String stats = raw.info("commandstats");
            assertThat(stats).contains("cmdstat_mget:calls=3,", "cmdstat_zrevrangebyscore:calls=3,");
        }
        assertThatThrownBy(() -> store.page(0, RedisSessionStore.MAX_PAGE + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loginsAndKillsAreCountedPerMinuteWhenTheyHappen() {
        Instant minute = Instant.parse("2026-11-27T10:15:00Z");
        RedisSessionStore at = new RedisSessionStore(redis, "t", Clock.fixed(minute.plusSeconds(42), ZoneOffset.UTC));
        Session a = at.create(login(1));
        at.create(login(1));
        at.create(login(2));
        at.kill(a.sessionId());
        at.kill(a.sessionId()); // nothing left to kill: not counted
        at.killAllOfUser(1);

        WaitFor.condition(Duration.ofSeconds(5), "the counters written", () -> "2".equals(raw.hget("tk:stats:session:store:202611271015", "killed")));
        assertThat(raw.hgetall("tk:stats:session:store:202611271015")).containsEntry("created", "3").containsEntry("killed", "2");
        assertThat(raw.ttl("tk:stats:session:store:202611271015")).isBetween(47 * 3600L, 48 * 3600L);
        List<StatsWindow.Minute> read = SessionCounters.read(redis, SessionCounters.window(), 3, minute.plusSeconds(90));
        assertThat(read).extracting(StatsWindow.Minute::first).containsExactly(0L, 3L, 0L);
    }

    @Test
    void aCounterKeyOfAnotherTypeNeverFailsALogin() {
        Instant minute = Instant.parse("2026-11-27T10:16:00Z");
        raw.set("tk:stats:session:store:202611271016", "not a hash");
        Session s = new RedisSessionStore(redis, "t", Clock.fixed(minute, ZoneOffset.UTC)).create(login(1));
        assertThat(store.peek(s.sessionId())).contains(s);
    }

    @Test
    void pruneRemovesStaleIdsAndCountsThem() {
        Session gone = store.create(login(1));
        Session kept = store.create(login(1));
        Session refreshedElsewhere = store.create(login(2));
        raw.del("tk:session:" + gone.sessionId()); // e.g. killed by a backend that keeps no index
        raw.zadd("tk:sessions:expiry", 1.0, refreshedElsewhere.sessionId());
        raw.sadd("tk:user:sessions:3", "ghost-1", "ghost-2");
        raw.set("tk:user:sessions:not-a-set", "x");

        SessionStore.PruneResult result = store.prune();

        assertThat(result).isEqualTo(new SessionStore.PruneResult(1, 1, 3, 3));
        assertThat(raw.smembers("tk:user:sessions:1")).containsExactly(kept.sessionId());
        assertThat(raw.exists("tk:user:sessions:3")).isZero();
        assertThat(raw.zscore("tk:sessions:expiry", refreshedElsewhere.sessionId())).isGreaterThan(System.currentTimeMillis() + 80_000_000.0);
        assertThat(store.indexedCount()).hasValue(2);
        assertThat(store.prune()).isEqualTo(new SessionStore.PruneResult(0, 0, 2, 0));
    }

    // ---- failure -------------------------------------------------------------------------

    @Test
    void lookupFailsClosedWhileRedisIsDownAndWorksAfterRestart(RedisServerProcess server) {
        Session s = store.create(login(1));
        assertThat(store.get(s.sessionId())).isPresent();
        server.stop();
        assertThatThrownBy(() -> store.get(s.sessionId()))
                .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
        assertThatThrownBy(() -> store.kill(s.sessionId())).isInstanceOf(RedisAccessException.class);
        assertThatThrownBy(() -> store.create(login(1))).isInstanceOf(RedisAccessException.class);
        assertThatThrownBy(store::indexedCount).isInstanceOf(RedisAccessException.class);

        server.restart();
        WaitFor.condition(Duration.ofSeconds(30), "Redis to answer again", () -> "PONG".equals(raw.ping()));
        Session again = store.create(login(1)); // the restarted server is empty
        assertThat(store.get(again.sessionId())).contains(store.peek(again.sessionId()).orElseThrow());
    }

    @Test
    void readOnlyConnectionReadsButRefusesEveryWrite(RedisServerProcess server) {
        Session s = store.create(login(1));
        try (RedisConnections readOnly = RedisConnections.open(server.settings().withReadOnly(true))) {
            RedisSessionStore viewer = new RedisSessionStore(readOnly, "viewer");
            assertThat(viewer.peek(s.sessionId())).contains(s);
            assertThat(viewer.listUser(1)).hasSize(1);
            for (Runnable write : List.<Runnable>of(() -> viewer.kill(s.sessionId()), () -> viewer.killAllOfUser(1),
                    () -> viewer.get(s.sessionId()), viewer::prune, () -> viewer.create(login(1)))) {
                assertThatThrownBy(write::run).isInstanceOfSatisfying(RedisAccessException.class,
                        e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
            }
        }
        assertThat(store.peek(s.sessionId())).contains(s);
    }

    private static List<String> ids(List<SessionEntry> entries) {
        return entries.stream().map(SessionEntry::sessionId).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
