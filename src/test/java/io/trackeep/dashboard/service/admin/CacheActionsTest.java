package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.cache.CacheEntryCounter;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.service.cache.CacheKey;
import io.trackeep.dashboard.service.cache.CacheStore;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.GoLimitCacheFixtures;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cache invalidation plans: exact questions where counting is cheap, honest ones where it is not. */
@ExtendWith(RedisServerExtension.class)
class CacheActionsTest {

    private static final LocalDate JAN1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate JAN31 = LocalDate.of(2026, 1, 31);

    @TempDir
    Path dir;

    private RedisConnections redis;
    private KeySchema keys;
    private GoLimitCacheFixtures go;
    private CacheActions plans;
    private AdminActions admin;

    @BeforeEach
    void setUp(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
        this.go = new GoLimitCacheFixtures(redis);
        this.plans = new CacheActions(redis, "ann@ws1");
        this.admin = new AdminActions(redis, new AuditTrail(redis), new LocalAuditLog(dir.resolve("audit.jsonl")), "ann@ws1");
    }

    @Test
    void userQuestionCountsEveryFamilyAndOnlyThatUsersEntriesGo() {
        CacheStore store = new CacheStore(redis);
        store.put(CacheKey.response(keys, "/api/tasks", "page=1", 42L), "[]");
        store.put(CacheKey.response(keys, "/api/tasks", "page=2", 42L), "[]");
        String othersResponse = keys.responseCache("/api/tasks", "page=1", 7L);
        store.put(CacheKey.response(keys, "/api/tasks", "page=1", 7L), "[]");
        go.searchEntry(42, "q=redis");
        go.searchEntry(42, "q=lua");
        go.searchEntry(42, "q=java");
        go.analyticsEntry(42, JAN1, JAN31);
        String othersSearch = go.searchEntry(420, "q=redis"); // user 420 must not match user 42
        redis.sync().set(keys.session("s1"), "{}");

        ActionPlan<Long> plan = plans.invalidateUser(42);

        assertThat(plan.question()).isEqualTo("Invalidate all cached entries of user 42: 2 response, 3 search, 1 analytics?");
        assertThat(plan.verb()).isEqualTo("Invalidate 6 entries");
        assertThat(plan.target()).isEqualTo("user:42");
        assertThat(plan.effects()).anyMatch(e -> e.contains("cannot be found by user"));

        ActionOutcome<Long> outcome = admin.execute(plan);

        assertThat(outcome.value()).isEqualTo(6);
        assertThat(outcome.summary()).isEqualTo("Invalidated 6 cached entries of user 42");
        assertThat(redis.sync().exists(othersResponse, othersSearch, keys.session("s1"))).isEqualTo(3);
        assertThat(redis.sync().exists(keys.searchCache(42, keys.searchCacheHash("q=lua")))).isZero();
        AuditEntry entry = new AuditTrail(redis).latest(1).get(0);
        assertThat(entry.action()).isEqualTo("cache.invalidate-user");
        assertThat(entry.result()).isEqualTo("ok: Invalidated 6 cached entries of user 42");
    }

    @Test
    void goOnlyUserHasNoIndexSoItsResponsesCountAsNone() {
        go.responseEntry("/api/tasks", "", 9L); // hashed, no index: cannot be found by user
        go.searchEntry(9, "q=a");

        ActionPlan<Long> plan = plans.invalidateUser(9);

        assertThat(plan.question()).isEqualTo("Invalidate all cached entries of user 9: 0 response, 1 search, 0 analytics?");
        assertThat(admin.execute(plan).value()).isEqualTo(1);
        assertThat(redis.sync().exists(keys.responseCache("/api/tasks", "", 9L))).isOne();
    }

    @Test
    void expiredEntriesStillListedInTheIndexAreNotCounted() {
        new CacheStore(redis).put(CacheKey.response(keys, "/api/a", "", 5L), "[]");
        redis.sync().sadd(keys.cacheUserIndex(5), keys.responseCache("/api/gone", "", 5L));
        assertThat(plans.invalidateUser(5).question()).startsWith("Invalidate all cached entries of user 5: 1 response,");
    }

    @Test
    void onALargeKeyspaceFamiliesThatNeedAScanAreNotCountedAndTheQuestionSaysSo() {
        new CacheStore(redis).put(CacheKey.response(keys, "/api/a", "", 5L), "[]");
        for (int i = 0; i < 10; i++) {
            redis.sync().set("other:" + i, "x");
        }
        CacheActions cheap = new CacheActions(redis, "ann", new CacheEntryCounter(redis, 5));

        ActionPlan<Long> user = cheap.invalidateUser(5);
        assertThat(user.question()).isEqualTo(
                "Invalidate all cached entries of user 5: 1 response; search and analytics not counted (12 keys to scan)?");
        assertThat(user.verb()).isEqualTo("Invalidate entries");
        assertThat(cheap.invalidateFamily(CacheFamily.SEARCH).question())
                .isEqualTo("Invalidate the search cache: entries not counted first (12 keys to scan)?");
        assertThat(cheap.invalidateAll().question())
                .isEqualTo("Invalidate all caches: response, search and analytics not counted (12 keys to scan)?");
    }

    @Test
    void oneKeyIsValidatedAndDescribed() {
        String search = go.searchEntry(42, "q=redis");

        ActionPlan<Long> plan = plans.invalidateKey(search);
        assertThat(plan.question()).isEqualTo("Invalidate cache key " + search + " (search entry, expires in 5 min)?");
        assertThat(admin.execute(plan).summary()).isEqualTo("Invalidated " + search);
        assertThat(redis.sync().exists(search)).isZero();

        assertThat(plans.invalidateKey(search).question()).isEqualTo("Invalidate cache key " + search
                + " (search entry, not present: nothing to remove)?");
        assertThatThrownBy(() -> plans.invalidateKey(keys.cacheUserIndex(42))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a cache key: 'tk:cache:user:42'. Cache keys look like tk:cache:<32 hex digits>");
        assertThatThrownBy(() -> plans.invalidateKey(keys.session("abc"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plans.invalidateKey("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void familyQuestionCountsAndTheResponseFamilyAlsoDropsTheIndexes() {
        new CacheStore(redis).put(CacheKey.response(keys, "/api/a", "", 5L), "[]");
        go.responseEntry("/api/b", "", null);
        String search = go.searchEntry(5, "q");

        ActionPlan<Long> plan = plans.invalidateFamily(CacheFamily.RESPONSE);
        assertThat(plan.question()).isEqualTo("Invalidate the response cache: 2 entries?");
        assertThat(plan.effects()).contains("Deletes the per-user index sets tk:cache:user:*")
                .anyMatch(e -> e.startsWith("Unlinks every tk:cache:<32 hex digits> (SCAN"))
                .noneMatch(e -> e.contains("[0-9a-f]"));
        assertThat(plans.invalidateAll().effects().get(0))
                .isEqualTo("Unlinks every tk:cache:<32 hex digits>, tk:search:* and tk:analytics:dashboard:* (SCAN, UNLINK in batches)");
        assertThat(admin.execute(plan).summary()).isEqualTo("Invalidated the response cache: 2 entries");
        assertThat(redis.sync().exists(keys.cacheUserIndex(5))).isZero();
        assertThat(redis.sync().exists(search)).isOne();
    }

    @Test
    void allCachesGoAndNothingElse() {
        go.responseEntry("/api/b", "", null);
        go.searchEntry(5, "q");
        go.searchEntry(6, "q");
        go.analyticsEntry(5, JAN1, JAN31);
        redis.sync().set(keys.session("s1"), "{}");
        redis.sync().zadd(keys.leaderboard("c1"), 1, "42");

        ActionPlan<Long> plan = plans.invalidateAll();
        assertThat(plan.question()).isEqualTo("Invalidate all caches: 1 response, 2 search, 1 analytics?");
        assertThat(plan.verb()).isEqualTo("Invalidate all caches");
        assertThat(admin.execute(plan).value()).isEqualTo(4);
        assertThat(redis.sync().dbsize()).as("session, leaderboard and the audit stream stay").isEqualTo(3);
    }

    @Test
    void readOnlyRefusesAndTheEntriesStay(RedisServerProcess server) {
        String search = go.searchEntry(5, "q");
        try (RedisConnections ro = RedisConnections.open(server.settings().withReadOnly(true))) {
            AdminActions roAdmin = new AdminActions(ro, new AuditTrail(ro), new LocalAuditLog(dir.resolve("audit.jsonl")), "ann");
            CacheActions roPlans = new CacheActions(ro, "ann");
            for (ActionPlan<Long> plan : java.util.List.of(roPlans.invalidateKey(search), roPlans.invalidateUser(5),
                    roPlans.invalidateFamily(CacheFamily.SEARCH), roPlans.invalidateAll())) {
                assertThatThrownBy(() -> roAdmin.execute(plan)).isInstanceOfSatisfying(RedisAccessException.class,
                        e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
            }
        }
        assertThat(redis.sync().exists(search)).isOne();
    }

    @Test
    void planningFailsPlainlyWhenRedisIsUnreachable(RedisServerProcess server) {
        server.stop();
        assertThatThrownBy(() -> plans.invalidateUser(5)).isInstanceOfSatisfying(RedisAccessException.class,
                e -> assertThat(e.isUnavailable()).isTrue());
        assertThatThrownBy(() -> plans.invalidateKey(keys.searchCache(5, "h"))).isInstanceOf(RedisAccessException.class);
    }
}
