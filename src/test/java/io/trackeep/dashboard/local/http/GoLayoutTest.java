package io.trackeep.dashboard.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisConnections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After one call of each kind, Redis holds exactly the keys of the Go backend's layout (docs/ARCHITECTURE.md
 * §6), written as the Go backend writes them, plus only this project's documented
 * additions. Key names are computed here independently of the key schema.
 */
class GoLayoutTest {

    private static final String CLIENT = "192.0.2.10";

    private static LocalInstance local;
    private static RedisConnections redis;

    @BeforeAll
    static void start() {
        local = LocalInstance.start(LocalInstance.Options.defaults());
        redis = RedisConnections.open(local.redisSettings());
    }

    @AfterAll
    static void stop() {
        redis.close();
        local.close();
    }

    @Test
    void theKeysInRedisAreTheGoBackendsLayout() throws Exception {
        Api api = new Api(local.httpBaseUrl(), CLIENT);
        String sid = api.login(42, "ann");
        Api ann = api.withSession(sid);
        assertThat(ann.get("/api/items?page=1").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/items?page=2").statusCode()).isEqualTo(200);
        assertThat(ann.get("/api/search?q=redis").statusCode()).isEqualTo(200);
        assertThat(ann.get("/api/analytics/dashboard?start=2025-01-01&end=2025-01-31").statusCode()).isEqualTo(200);
        assertThat(api.post("/api/challenges/1/score", "{\"user_id\":42,\"points\":10}").statusCode()).isEqualTo(200);

        Map<String, String> keys = allKeysWithTypes();
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("tk:session:" + sid, "string"),
                Map.entry("tk:user:sessions:42", "set"),
                Map.entry("tk:rl:auth:" + CLIENT, "string"),
                Map.entry("tk:rl:general:" + CLIENT, "zset"),
                Map.entry("tk:rl:search:" + CLIENT, "string"),
                Map.entry("tk:cache:" + md5("tk:cache::/api/items:page=1:u:42"), "string"),
                Map.entry("tk:cache:" + md5("tk:cache::/api/items:page=2"), "string"),
                Map.entry("tk:search:42:" + md5("q=redis"), "string"),
                Map.entry("tk:analytics:dashboard:42:2025-01-01:2025-01-31", "string"),
                Map.entry("tk:challenge:1:leaderboard", "zset"),
                // this project's additions (docs/ARCHITECTURE.md §6, second table)
                Map.entry("tk:sessions:expiry", "zset"),
                Map.entry("tk:cache:user:42", "set")));
        Map<String, String> stats = new TreeMap<>();
        keys.forEach((key, type) -> {
            if (key.matches("tk:stats:(cache|ratelimit|session):[a-z-]+:\\d{12}")) {
                stats.put(key, type);
            }
        });
        stats.keySet().forEach(keys::remove);
        assertThat(keys).isEqualTo(expected);
        assertThat(stats.values()).containsOnly("hash");

        // The session value: Go's field names in Go's order, Go's time format.
        JsonNode session = Json.tree(redis.sync().get("tk:session:" + sid));
        List<String> fields = new ArrayList<>();
        session.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("user_id", "email", "username", "role", "session_id", "ip_address",
                "user_agent", "created_at", "last_active");
        assertThat(session.get("user_id").isIntegralNumber()).isTrue();
        assertThat(session.get("ip_address").asText()).isEqualTo(CLIENT);
        assertThat(session.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(redis.sync().ttl("tk:session:" + sid)).isBetween(86_000L, 86_400L);
        assertThat(redis.sync().smembers("tk:user:sessions:42")).containsExactly(sid);
        assertThat(redis.sync().ttl("tk:user:sessions:42")).isBetween(86_000L, 86_400L);

        // Limiters: fixed windows are INCR counters, the sliding window one member per request (unix seconds).
        assertThat(redis.sync().get("tk:rl:auth:" + CLIENT)).isEqualTo("1");
        assertThat(redis.sync().get("tk:rl:search:" + CLIENT)).isEqualTo("1");
        assertThat(redis.sync().ttl("tk:rl:auth:" + CLIENT)).isBetween(1L, 60L);
        List<ScoredValue<String>> window = redis.sync().zrangeWithScores("tk:rl:general:" + CLIENT, 0, -1);
        assertThat(window).hasSize(4); // two pages, analytics, score
        double now = Instant.now().getEpochSecond();
        assertThat(window).allSatisfy(member -> assertThat(member.getScore()).isBetween(now - 60, now + 1));

        // Caches hold the response bodies.
        String page1 = redis.sync().get("tk:cache:" + md5("tk:cache::/api/items:page=1:u:42"));
        assertThat(Json.tree(page1).get("user_id").asLong()).isEqualTo(42);
        assertThat(ann.get("/api/items?page=1").body()).isEqualTo(page1);
        assertThat(redis.sync().ttl("tk:cache:" + md5("tk:cache::/api/items:page=2"))).isBetween(250L, 330L);
        assertThat(redis.sync().ttl("tk:analytics:dashboard:42:2025-01-01:2025-01-31")).isBetween(850L, 990L);

        // The board: member = user id as a decimal string, score = points.
        assertThat(redis.sync().zrangeWithScores("tk:challenge:1:leaderboard", 0, -1))
                .containsExactly(ScoredValue.just(10, "42"));
    }

    private static Map<String, String> allKeysWithTypes() {
        Map<String, String> keys = new TreeMap<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        KeyScanCursor<String> page;
        do {
            page = redis.sync().scan(cursor, ScanArgs.Builder.limit(1000));
            page.getKeys().forEach(k -> keys.put(k, redis.sync().type(k)));
            cursor = page;
        } while (!page.isFinished());
        return keys;
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
