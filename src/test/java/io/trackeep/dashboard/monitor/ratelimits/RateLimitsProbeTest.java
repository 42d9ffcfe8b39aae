package io.trackeep.dashboard.monitor.ratelimits;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.ratelimit.Decision;
import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.GoLimitCacheFixtures;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class RateLimitsProbeTest {

    private RedisConnections redis;
    private GoLimitCacheFixtures go;

    @BeforeEach
    void setUp(RedisConnections redis) {
        this.redis = redis;
        this.go = new GoLimitCacheFixtures(redis);
    }

    /** The keys of a Redis written only by the Go backend: second-score zsets, INCR strings, token bucket hashes. */
    private void goOnlyLimiters() {
        go.slidingWindow("general", "10.0.0.7", 4, 60);
        go.slidingWindow("general", "10.0.0.8", 1, 60);
        go.fixedWindow("auth", "10.0.0.7", 5, 60);
        go.fixedWindow("auth", "10.0.0.9", 2, 60);
        go.tokenBucket("ai-chat", "user:42", "3.5");
        go.tokenBucket("ai-chat", "user:43", "20");
        go.slidingWindow("export", "10.0.0.1", 3, 60); // a limiter this project has no limit for
        go.slidingWindow("export", "10.0.0.2", 1, 60);
    }

    @Test
    void goOnlyDataShowsEveryLimiterItsClientsAndTheClosestToTheirLimitWithoutConsumingAnything() {
        goOnlyLimiters();
        String auth = redis.keys().rateLimit("auth", "10.0.0.7");

        RateLimitsSnapshot s = RateLimitsProbe.collectOnce(redis, new CensusTracker());

        assertThat(s.limiters()).extracting(LimiterStatus::limiter).containsExactly("general", "auth", "search", "ai-chat", "upload", "export");
        LimiterStatus general = s.limiter("general").orElseThrow();
        assertThat(general.algorithm()).isEqualTo(LimitAlgorithm.SLIDING_WINDOW);
        assertThat(general.limit()).isEqualTo(100);
        assertThat(general.clients()).isEqualTo(2);
        assertThat(general.topClients()).extracting(ClientUsage::client, ClientUsage::used)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.0.0.7", 4L), org.assertj.core.groups.Tuple.tuple("10.0.0.8", 1L));
        assertThat(s.limiter("auth").orElseThrow().topClients()).extracting(ClientUsage::client, ClientUsage::used, ClientUsage::limit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.0.0.7", 5L, 5L), org.assertj.core.groups.Tuple.tuple("10.0.0.9", 2L, 5L));
        LimiterStatus chat = s.limiter("ai-chat").orElseThrow();
        assertThat(chat.clients()).isEqualTo(2);
        assertThat(chat.topClients()).as("a full bucket has used nothing").extracting(ClientUsage::client, ClientUsage::used)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("user:42", 17L));
        LimiterStatus export = s.limiter("export").orElseThrow();
        assertThat(export.algorithm()).as("guessed from the zset keys").isEqualTo(LimitAlgorithm.SLIDING_WINDOW);
        assertThat(export.limit()).isNull();
        assertThat(export.clients()).isEqualTo(2);
        assertThat(export.topClients()).isEmpty();
        assertThat(s.limiter("search").orElseThrow().clients()).isZero();
        assertThat(s.countersAvailable()).as("the Go backend writes no per-minute counters").isFalse();
        assertThat(s.censusComplete()).isTrue();

        assertThat(redis.sync().get(auth)).isEqualTo("5");
        assertThat(redis.sync().zcard(redis.keys().rateLimit("general", "10.0.0.7"))).isEqualTo(4);
        assertThat(redis.sync().hget(redis.keys().rateLimit("ai-chat", "user:42"), "tokens")).isEqualTo("3.5");
        assertThat(redis.sync().exists(redis.keys().rateLimitConfig())).isZero();
    }

    @Test
    void aCounterWithoutExpiryIsMarkedAsSuchNotAsResettingAtOnce() {
        redis.sync().set(redis.keys().rateLimit("auth", "10.0.0.8"), "5"); // INCR done, EXPIRE lost

        RateLimitsSnapshot s = RateLimitsProbe.collectOnce(redis, new CensusTracker());

        assertThat(s.limiter("auth").orElseThrow().topClients()).singleElement()
                .satisfies(c -> assertThat(c.resetAfter()).isEqualTo(Decision.NO_EXPIRY));
        assertThat(redis.sync().ttl(redis.keys().rateLimit("auth", "10.0.0.8"))).as("a look changes nothing").isEqualTo(-1);
    }

    @Test
    void jsonIsTheRateLimitsArrayOfTheSnapshotCommand() {
        goOnlyLimiters();
        JsonNode json = Json.tree(Json.write(RateLimitsProbe.collectOnce(redis, new CensusTracker())));

        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(6);
        JsonNode auth = json.get(1);
        assertThat(fieldNames(auth)).containsExactly("limiter", "algorithm", "clients", "limit", "topClients");
        assertThat(auth.toString()).isEqualTo("{\"limiter\":\"auth\",\"algorithm\":\"fixed-window\",\"clients\":2,\"limit\":5,"
                + "\"topClients\":[{\"client\":\"10.0.0.7\",\"used\":5,\"limit\":5},{\"client\":\"10.0.0.9\",\"used\":2,\"limit\":5}]}");
        assertThat(json.get(3).get("algorithm").asText()).isEqualTo("token-bucket");
        assertThat(json.get(5).toString()).isEqualTo("{\"limiter\":\"export\",\"algorithm\":\"sliding-window\",\"clients\":2,"
                + "\"limit\":null,\"topClients\":[]}");
    }

    @Test
    void keepsTheTopTenOfManyClientsWithABoundedAmountOfWorkPerTick() {
        for (int i = 0; i < 30; i++) {
            go.fixedWindow("auth", String.format("10.0.1.%02d", i), i % 5 + 1, 60);
        }
        for (int i = 0; i < 300; i++) {
            redis.sync().set("other:" + i, "x");
        }
        SamplingBudget small = new SamplingBudget(10, 1, 50, Duration.ofSeconds(1));
        try (RateLimitsProbe probe = new RateLimitsProbe(new CensusTracker(), small)) {
            RateLimitsSnapshot s = probe.collect(redis);
            int ticks = 1;
            while (s.sampling().completedPasses() == 0 && ticks < 500) {
                assertThat(s.sampling().peeked()).isLessThanOrEqualTo(50 + RateLimitsProbe.TOP);
                s = probe.collect(redis);
                ticks++;
            }
            assertThat(ticks).as("one pass over 330 keys at COUNT 10 takes many ticks").isGreaterThan(5);
            List<ClientUsage> top = s.limiter("auth").orElseThrow().topClients();
            assertThat(top).hasSize(RateLimitsProbe.TOP);
            assertThat(top.subList(0, 6)).allSatisfy(u -> assertThat(u.used()).isEqualTo(5));
            assertThat(top.subList(6, 10)).allSatisfy(u -> assertThat(u.used()).isEqualTo(4));
            assertThat(top.get(0).client()).isEqualTo("10.0.1.04");

            redis.sync().del(redis.keys().rateLimit("auth", "10.0.1.04"));
            assertThat(probe.collect(redis).limiter("auth").orElseThrow().topClients())
                    .as("a reset client drops out at the next tick").extracting(ClientUsage::client).doesNotContain("10.0.1.04");
        }
    }

    @Test
    void perMinuteCountersOfTheServiceLayerAreShown() {
        try (RateLimits limits = new RateLimits(redis)) {
            for (int i = 0; i < 7; i++) {
                limits.forName("auth").check("10.0.0.7");
            }
            limits.stats().flush();
        }
        try (RateLimitsProbe probe = new RateLimitsProbe(new CensusTracker())) {
            RateLimitsSnapshot s = probe.collect(redis);
            assertThat(s.countersAvailable()).isTrue();
            LimiterStatus auth = s.limiter("auth").orElseThrow();
            assertThat(auth.perMinute()).hasSize(RateLimitsProbe.HISTORY_MINUTES);
            assertThat(auth.allowed()).isEqualTo(5);
            assertThat(auth.blocked()).isEqualTo(2);
            assertThat(s.limiter("general").orElseThrow().allowed()).isZero();
        }
    }

    @Test
    void configuredLimitsAndMalformedEntriesAreShown() {
        redis.sync().hset(redis.keys().rateLimitConfig(), "general", Json.write(LimitDefinition.slidingWindow(250, Duration.ofMinutes(1))));
        redis.sync().hset(redis.keys().rateLimitConfig(), "reports", Json.write(LimitDefinition.fixedWindow(3, Duration.ofHours(1))));
        redis.sync().hset(redis.keys().rateLimitConfig(), "broken", "{not json");
        try (RateLimitsProbe probe = new RateLimitsProbe(new CensusTracker())) {
            RateLimitsSnapshot s = probe.collect(redis);
            assertThat(s.limiter("general").orElseThrow().limit()).isEqualTo(250);
            assertThat(s.limiter("reports").orElseThrow().definition()).isEqualTo(LimitDefinition.fixedWindow(3, Duration.ofHours(1)));
            assertThat(s.limiters()).extracting(LimiterStatus::limiter).containsExactly("general", "auth", "search", "ai-chat", "upload", "reports");
            assertThat(s.malformedLimits()).singleElement().satisfies(m -> assertThat(m.limiter()).isEqualTo("broken"));
        }
    }

    @Test
    void aKeyOfAnotherTypeIsCountedAsUnreadableAndTheOthersStillRank() {
        go.fixedWindow("auth", "ok", 2, 60);
        redis.sync().hset(redis.keys().rateLimit("auth", "odd"), "tokens", "1");
        try (RateLimitsProbe probe = new RateLimitsProbe(new CensusTracker())) {
            RateLimitsSnapshot s = probe.collect(redis);
            assertThat(s.sampling().unreadable()).isEqualTo(1);
            assertThat(s.limiter("auth").orElseThrow().topClients()).extracting(ClientUsage::client).containsExactly("ok");
        }
    }

    @Test
    void failsPlainlyWhenRedisIsUnreachable(RedisServerProcess server) {
        try (RateLimitsProbe probe = new RateLimitsProbe(new CensusTracker())) {
            probe.collect(redis);
            server.stop();
            assertThatThrownBy(() -> probe.collect(redis)).isInstanceOfSatisfying(RedisAccessException.class,
                    e -> assertThat(e.isUnavailable()).isTrue());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void keysThatNameNoLimiterAndClientAreCountedAndStoredTimesFarOutsideAnyWindowGiveNoResetTime() {
        goOnlyLimiters();
        redis.sync().set("tk:rl:general:", "1");
        redis.sync().set("tk:rl:nocolon", "1");
        redis.sync().zadd("tk:rl:gen*ral:10.0.0.7", 1, "1");
        redis.sync().zadd("tk:rl:general:from-another-era", 1e308, "m");
        redis.sync().zadd("tk:rl:general:gen\uDCE9ral", System.currentTimeMillis() / 1000.0, "m");

        RateLimitsSnapshot s = RateLimitsProbe.collectOnce(redis, new CensusTracker());

        assertThat(s.unrecognisedKeys()).isEqualTo(3);
        List<ClientUsage> top = s.limiter("general").orElseThrow().topClients();
        assertThat(top).extracting(ClientUsage::client).contains("from-another-era", "gen\uDCE9ral");
        ClientUsage odd = top.stream().filter(c -> c.client().equals("from-another-era")).findFirst().orElseThrow();
        assertThat(odd.resetAfter()).as("not an overflowed negative duration").isNull();
        assertThat(top).filteredOn(c -> !c.client().equals("from-another-era"))
                .allSatisfy(c -> assertThat(c.resetAfter()).isBetween(Duration.ZERO, Duration.ofSeconds(61)));
    }

    @Test
    void aUserWhoMayNotRunTheScriptsGetsTheLimitersAndTheReasonTheirClientsAreNotRanked(RedisServerProcess server) {
        goOnlyLimiters();
        redis.sync().aclSetuser("reader", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("reader-pw").allKeys()
                .addCategory(io.lettuce.core.AclCategory.READ).addCategory(io.lettuce.core.AclCategory.CONNECTION));
        try (RedisConnections reader = RedisConnections.open(server.settings().withCredentials("reader", "reader-pw"))) {
            RateLimitsSnapshot s = RateLimitsProbe.collectOnce(reader, new CensusTracker());

            assertThat(s.limiter("general").orElseThrow().clients()).isEqualTo(2);
            assertThat(s.sampling().refused()).contains("not permitted");
            assertThat(s.limiters()).allSatisfy(l -> assertThat(l.topClients()).isEmpty());
        } finally {
            redis.sync().aclDeluser("reader");
        }
    }
}
