package io.trackeep.dashboard.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the API answers while its Redis is stopped, and that it recovers when Redis is back. */
class RedisOutageTest {

    private static LocalInstance local;

    @BeforeAll
    static void start() {
        local = LocalInstance.start(LocalInstance.Options.defaults());
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void whatNeedsRedisAnswers503WhileItIsDownAndWorksAgainAfterARestart() {
        Api api = new Api(local.httpBaseUrl(), "192.0.2.50");
        String sid = api.login(42, "ann");
        Api ann = api.withSession(sid);
        RedisServerProcess redis = local.embeddedRedis().orElseThrow();

        redis.stop();
        try {
            List<HttpResponse<String>> answers = List.of(
                    ann.get("/api/session"),
                    ann.get("/api/items?page=1"), // a session was named: it fails closed, never anonymous
                    ann.get("/api/search?q=redis"),
                    ann.delete("/api/session"),
                    api.post("/api/login", "{\"user_id\":42,\"username\":\"ann\"}"),
                    api.post("/api/challenges/1/score", "{\"user_id\":42,\"points\":1}"),
                    api.get("/api/challenges/1/leaderboard"),
                    api.get("/api/challenges/1/rank/42"),
                    api.post("/api/conversations/1/messages", "{\"sender_id\":42,\"content\":\"hi\"}"),
                    api.post("/api/users/42/notifications", "{\"message\":\"hi\"}"),
                    api.post("/api/cache/invalidate", "{\"family\":\"search\"}"));
            for (HttpResponse<String> r : answers) {
                assertThat(r.statusCode()).as(r.request().method() + " " + r.uri() + ": " + r.body()).isEqualTo(503);
                JsonNode body = Api.json(r);
                assertThat(body.get("error").asText()).isEqualTo("Service unavailable");
                assertThat(body.get("message").asText()).isEqualTo("Redis is unavailable; try again shortly");
                assertThat(r.headers().firstValue("Retry-After")).contains("1");
                // The limiter failed open and still says where the client stands (an estimate).
                assertThat(r.headers().firstValue("X-RateLimit-Limit")).isPresent();
            }

            // Anonymous pages need no Redis: the cache is bypassed and the page computed.
            HttpResponse<String> anonymous = api.get("/api/items?page=1");
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(anonymous.headers().firstValue("X-Cache")).contains("MISS");

            HttpResponse<String> health = api.get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(Api.json(health).get("status").asText()).isEqualTo("DOWN");
            assertThat(Api.json(health).get("redis").get("status").asText()).isEqualTo("DOWN");
            assertThat(Api.json(health).get("redis").get("problem").asText()).isNotBlank();
            assertThat(health.body()).doesNotContain(local.redisSettings().password());
        } finally {
            redis.restart();
        }

        WaitFor.condition(Duration.ofSeconds(30), "the API to reach Redis again", () -> api.get("/health").statusCode() == 200);
        // The server ran in memory: the old session is gone, a new login works.
        assertThat(ann.get("/api/session").statusCode()).isEqualTo(401);
        String again = new Api(local.httpBaseUrl(), "192.0.2.51").login(42, "ann");
        assertThat(api.withSession(again).get("/api/session").statusCode()).isEqualTo(200);
    }
}
