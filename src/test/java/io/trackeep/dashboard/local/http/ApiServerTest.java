package io.trackeep.dashboard.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.pubsub.PubSubMessage;
import io.trackeep.dashboard.service.pubsub.Subscriptions;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the API over real HTTP against one running local instance. Each test acts as
 * its own client address and its own users, so the tests share the instance without sharing
 * rate limits or data.
 */
class ApiServerTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final AtomicInteger USERS = new AtomicInteger(5000);

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

    /** A client address of its own (TEST-NET-2). */
    private static Api client() {
        int n = CLIENTS.incrementAndGet();
        return new Api(local.httpBaseUrl(), "198.51." + (n / 250) + "." + (n % 250 + 1));
    }

    private static long newUser() {
        return USERS.incrementAndGet();
    }

    // ---- sessions ----------------------------------------------------------------------

    @Test
    void loginCreatesASessionThatTheHeaderReadsAndLogoutKills() {
        Api api = client();
        long user = newUser();

        HttpResponse<String> login = api.post("/api/login",
                "{\"user_id\":" + user + ",\"username\":\"ann\",\"email\":\"ann@example.com\",\"role\":\"admin\"}");

        assertThat(login.statusCode()).isEqualTo(201);
        String sid = Api.json(login).get("session_id").asText();
        assertThat(sid).hasSize(32);
        assertThat(login.headers().firstValue("X-Session-ID")).contains(sid);
        assertThat(Api.json(login).get("user_id").asLong()).isEqualTo(user);

        HttpResponse<String> session = api.withSession(sid).get("/api/session");
        assertThat(session.statusCode()).isEqualTo(200);
        JsonNode s = Api.json(session);
        assertThat(s.get("user_id").asLong()).isEqualTo(user);
        assertThat(s.get("username").asText()).isEqualTo("ann");
        assertThat(s.get("email").asText()).isEqualTo("ann@example.com");
        assertThat(s.get("role").asText()).isEqualTo("admin");
        assertThat(s.get("session_id").asText()).isEqualTo(sid);
        assertThat(s.get("ip_address").asText()).isEqualTo(clientOf(api));
        assertThat(s.get("user_agent").asText()).startsWith("Java-http-client");

        assertThat(api.withSession(sid).delete("/api/session").statusCode()).isEqualTo(204);
        assertThat(redis.sync().exists("tk:session:" + sid)).isZero();
        assertThat(redis.sync().sismember("tk:user:sessions:" + user, sid)).isFalse();
        HttpResponse<String> after = api.withSession(sid).get("/api/session");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(Api.json(after).get("error").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void sessionRoutesAnswer401WithoutAValidSession() {
        Api api = client();
        redis.sync().set("tk:session:damaged-session-0001", "not json");

        for (HttpResponse<String> r : List.of(api.get("/api/session"), api.withSession("no-such-session").get("/api/session"),
                api.withSession("damaged-session-0001").get("/api/session"), api.delete("/api/session"),
                api.get("/api/search?q=x"), api.get("/api/analytics/dashboard?start=2025-01-01&end=2025-01-02"))) {
            assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(401);
            assertThat(Api.json(r).get("message").asText()).isNotBlank();
        }
    }

    @Test
    void loginWithAMalformedOrIncompleteBodyIs400() {
        // Each on its own client: the auth limit allows 5 logins a minute.
        for (String body : List.of("", "{bad", "[1,2]", "{\"username\":\"ann\"}", "{\"user_id\":-1,\"username\":\"ann\"}",
                "{\"user_id\":\"42\",\"username\":\"ann\"}", "{\"user_id\":1.5,\"username\":\"ann\"}",
                "{\"user_id\":42}", "{\"user_id\":42,\"username\":\"\"}", "{\"user_id\":42,\"username\":7}")) {
            HttpResponse<String> r = client().post("/api/login", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(Api.json(r).get("error").asText()).isEqualTo("Bad request");
            assertThat(Api.json(r).get("message").asText()).as(body).isNotBlank();
        }
    }

    // ---- caches ------------------------------------------------------------------------

    @Test
    void itemsAreCachedPerUser_missHitInvalidateMiss() {
        Api api = client();
        long user = newUser();
        Api ann = api.withSession(api.login(user, "ann"));

        HttpResponse<String> first = ann.get("/api/items?page=3");
        HttpResponse<String> second = ann.get("/api/items?page=3");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(Api.json(first).get("user_id").asLong()).isEqualTo(user);
        assertThat(Api.json(first).get("items")).hasSize(20);
        assertThat(Api.json(first).get("items").get(0).get("id").asInt()).isEqualTo(41);

        HttpResponse<String> invalidated = api.post("/api/cache/invalidate", "{\"user_id\":" + user + "}");
        assertThat(invalidated.statusCode()).isEqualTo(200);
        assertThat(Api.json(invalidated).get("scope").asText()).isEqualTo("user");
        assertThat(Api.json(invalidated).get("removed").asLong()).isEqualTo(1);

        assertThat(ann.get("/api/items?page=3").headers().firstValue("X-Cache")).contains("MISS");
    }

    @Test
    void anonymousItemsShareOneEntryAndAFamilyInvalidationRemovesIt() {
        Api api = client();
        String page = "/api/items?page=" + (1000 + CLIENTS.get()); // a page no other test asks for
        assertThat(api.get(page).headers().firstValue("X-Cache")).contains("MISS");
        HttpResponse<String> again = client().get(page);
        assertThat(again.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(Api.json(again).get("user_id").isNull()).isTrue();
        assertThat(Api.json(again).get("items")).isEmpty();

        HttpResponse<String> invalidated = api.post("/api/cache/invalidate", "{\"family\":\"response\"}");
        assertThat(invalidated.statusCode()).isEqualTo(200);
        assertThat(Api.json(invalidated).get("removed").asLong()).isPositive();

        assertThat(api.get(page).headers().firstValue("X-Cache")).contains("MISS");
    }

    @Test
    void anUnknownSessionOnItemsIsServedAnonymously() {
        HttpResponse<String> r = client().withSession("no-such-session").get("/api/items?page=1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Api.json(r).get("user_id").isNull()).isTrue();
    }

    @Test
    void searchIsCachedPerUserAndValidated() {
        Api api = client();
        Api ann = api.withSession(api.login(newUser(), "ann"));

        HttpResponse<String> first = ann.get("/api/search?q=meeting+notes");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).contains("100");
        assertThat(Api.json(first).get("query").asText()).isEqualTo("meeting notes");
        HttpResponse<String> second = ann.get("/api/search?q=meeting+notes");
        assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(second.body()).isEqualTo(first.body());

        assertThat(ann.get("/api/search").statusCode()).isEqualTo(400);
        assertThat(ann.get("/api/search?q=").statusCode()).isEqualTo(400);
        assertThat(ann.get("/api/search?q=" + "x".repeat(201)).statusCode()).isEqualTo(400);

        HttpResponse<String> removed = api.post("/api/cache/invalidate", "{\"family\":\"search\"}");
        assertThat(Api.json(removed).get("removed").asLong()).isPositive();
        assertThat(ann.get("/api/search?q=meeting+notes").headers().firstValue("X-Cache")).contains("MISS");
    }

    @Test
    void analyticsAreCachedPerUserAndRangeAndValidated() {
        Api api = client();
        Api ann = api.withSession(api.login(newUser(), "ann"));
        String path = "/api/analytics/dashboard?start=2025-03-01&end=2025-03-07";

        HttpResponse<String> first = ann.get(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(Api.json(first).get("daily")).hasSize(7);
        assertThat(ann.get(path).headers().firstValue("X-Cache")).contains("HIT");

        for (String bad : List.of("?start=2025-03-01", "?end=2025-03-01", "?start=2025-3-1&end=2025-03-02",
                "?start=2025-03-05&end=2025-03-01", "?start=2024-01-01&end=2025-03-01")) {
            HttpResponse<String> r = ann.get("/api/analytics/dashboard" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void invalidationNeedsExactlyOneScope() {
        Api api = client();
        for (String body : List.of("{}", "{\"user_id\":1,\"family\":\"search\"}", "{\"family\":\"nope\"}",
                "{\"all\":\"yes\"}", "{\"user_id\":-3}", "{\"all\":false}")) {
            assertThat(api.post("/api/cache/invalidate", body).statusCode()).as(body).isEqualTo(400);
        }
        HttpResponse<String> all = api.post("/api/cache/invalidate", "{\"all\":true}");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(Api.json(all).get("scope").asText()).isEqualTo("all");
        assertThat(Api.json(all).has("removed")).isTrue();
    }

    // ---- leaderboards ------------------------------------------------------------------

    @Test
    void scoresAddUpAndRankOnTheBoard() {
        Api api = client();
        String board = "/api/challenges/board" + CLIENTS.get();
        HttpResponse<String> first = api.post(board + "/score", "{\"user_id\":42,\"points\":10}");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"score\":10,");
        api.post(board + "/score", "{\"user_id\":43,\"points\":12.5}");
        HttpResponse<String> again = api.post(board + "/score", "{\"user_id\":42,\"points\":5}");
        assertThat(Api.json(again).get("score").asDouble()).isEqualTo(15);
        assertThat(Api.json(again).get("rank").asLong()).isEqualTo(1);
        api.post(board + "/score", "{\"user_id\":44,\"points\":15}");

        HttpResponse<String> top = api.get(board + "/leaderboard?top=2");
        assertThat(top.statusCode()).isEqualTo(200);
        JsonNode places = Api.json(top);
        assertThat(places).hasSize(2);
        assertThat(places.get(0).get("score").asDouble()).isEqualTo(15);
        assertThat(places.get(0).get("rank").asLong()).isEqualTo(1);
        assertThat(places.get(1).get("rank").asLong()).isEqualTo(1); // tie: competition rank
        assertThat(Api.json(api.get(board + "/leaderboard")).size()).isEqualTo(3);

        HttpResponse<String> rank = api.get(board + "/rank/43");
        assertThat(rank.statusCode()).isEqualTo(200);
        assertThat(Api.json(rank).get("rank").asLong()).isEqualTo(3);
        assertThat(Api.json(rank).get("score").asDouble()).isEqualTo(12.5);
        assertThat(api.get(board + "/rank/99").statusCode()).isEqualTo(404);
    }

    @Test
    void leaderboardRequestsAreValidated() {
        Api api = client();
        assertThat(api.post("/api/challenges/1/score", "{\"user_id\":42}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/challenges/1/score", "{\"user_id\":42,\"points\":\"ten\"}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/challenges/1/score", "{\"points\":1}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/challenges/1/score", "{\"user_id\":42,\"points\":1e12}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/challenges/a:b/score", "{\"user_id\":42,\"points\":1}").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/challenges/1/leaderboard?top=0").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/challenges/1/leaderboard?top=1001").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/challenges/1/rank/abc").statusCode()).isEqualTo(400);
    }

    // ---- pub/sub -----------------------------------------------------------------------

    @Test
    void messagesAndNotificationsArePublishedOnTheirChannels() {
        Api api = client();
        long user = newUser();
        Api ann = api.withSession(api.login(user, "ann"));
        List<PubSubMessage> received = new CopyOnWriteArrayList<>();
        try (Subscriptions subscriptions = new Subscriptions(redis)) {
            subscriptions.subscribe("tk:messages:room-" + user, received::add);
            subscriptions.subscribe("tk:notifications:" + user, received::add);

            HttpResponse<String> chat = ann.post("/api/conversations/room-" + user + "/messages", "{\"content\":\"hello\"}");
            assertThat(chat.statusCode()).isEqualTo(201);
            assertThat(Api.json(chat).get("receivers").asLong()).isEqualTo(1);
            assertThat(Api.json(chat).get("channel").asText()).isEqualTo("tk:messages:room-" + user);
            HttpResponse<String> note = api.post("/api/users/" + user + "/notifications",
                    "{\"type\":\"mention\",\"title\":\"Hi\",\"message\":\"you were mentioned\"}");
            assertThat(note.statusCode()).isEqualTo(201);
            assertThat(Api.json(note).get("receivers").asLong()).isEqualTo(1);

            WaitFor.condition(Duration.ofSeconds(5), "both messages", () -> received.size() == 2);
        }
        Map<String, JsonNode> byChannel = received.stream().collect(Collectors.toMap(PubSubMessage::channel, m -> Json.tree(m.payload())));
        JsonNode message = byChannel.get("tk:messages:room-" + user);
        assertThat(message.get("sender_id").asLong()).isEqualTo(user);
        assertThat(message.get("content").asText()).isEqualTo("hello");
        assertThat(message.get("conversation_id").asText()).isEqualTo("room-" + user);
        assertThat(Instant.parse(message.get("created_at").asText())).isBeforeOrEqualTo(Instant.now());
        JsonNode notification = byChannel.get("tk:notifications:" + user);
        assertThat(notification.get("user_id").asLong()).isEqualTo(user);
        assertThat(notification.get("type").asText()).isEqualTo("mention");
        assertThat(notification.get("message").asText()).isEqualTo("you were mentioned");
    }

    @Test
    void publishingIsValidated() {
        Api api = client();
        assertThat(api.post("/api/conversations/1/messages", "{\"content\":\"no sender\"}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/conversations/1/messages", "{\"sender_id\":42}").statusCode()).isEqualTo(400);
        HttpResponse<String> withSender = api.post("/api/conversations/1/messages", "{\"sender_id\":42,\"content\":\"hi\"}");
        assertThat(withSender.statusCode()).isEqualTo(201);
        assertThat(Api.json(withSender).get("receivers").asLong()).isZero();
        assertThat(api.post("/api/users/x/notifications", "{\"message\":\"m\"}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/users/42/notifications", "{\"title\":\"no message\"}").statusCode()).isEqualTo(400);
    }

    // ---- health, errors, headers -------------------------------------------------------

    @Test
    void healthReportsRedisAndIsNotRateLimited() {
        HttpResponse<String> r = client().get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode health = Api.json(r);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("redis").get("status").asText()).isEqualTo("UP");
        assertThat(health.get("redis").get("ping_micros").asLong()).isPositive();
        assertThat(health.get("redis").get("version").asText()).startsWith("6.");
        assertThat(r.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405WithAllow() {
        Api api = client();
        HttpResponse<String> unknown = api.get("/api/nothing-here");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Api.json(unknown).get("error").asText()).isEqualTo("Not found");
        assertThat(unknown.headers().firstValue("X-RateLimit-Limit")).contains("100");

        HttpResponse<String> wrong = api.send("PUT", "/api/items");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).contains("GET");
        assertThat(Api.json(wrong).get("error").asText()).isEqualTo("Method not allowed");

        HttpResponse<String> session = api.send("PATCH", "/api/session");
        assertThat(session.headers().firstValue("Allow")).contains("DELETE, GET");

        HttpResponse<String> outside = api.get("/nothing");
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(outside.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        assertThat(outside.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
    }

    @Test
    void everyApiAnswerCarriesTheRateLimitHeaders() {
        Api api = client();
        long before = Instant.now().getEpochSecond();
        HttpResponse<String> first = api.get("/api/items?page=1");
        HttpResponse<String> second = api.get("/api/items?page=1");

        assertThat(first.headers().firstValue("X-RateLimit-Limit")).contains("100");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).contains("99");
        assertThat(second.headers().firstValue("X-RateLimit-Remaining")).contains("98");
        long reset = Long.parseLong(first.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertThat(reset).isBetween(before + 59, before + 62);

        HttpResponse<String> login = api.post("/api/login", "{\"user_id\":1,\"username\":\"a\"}");
        assertThat(login.headers().firstValue("X-RateLimit-Limit")).contains("5");
        assertThat(login.headers().firstValue("X-RateLimit-Remaining")).contains("4");
        HttpResponse<String> bad = api.post("/api/challenges/1/score", "{}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("X-RateLimit-Remaining")).contains("97");
    }

    @Test
    void theSixthLoginInAMinuteIsRefusedWith429() {
        Api api = client();
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/login", "{\"user_id\":7,\"username\":\"x\"}").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> refused = api.post("/api/login", "{\"user_id\":7,\"username\":\"x\"}");

        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode body = Api.json(refused);
        assertThat(body.get("error").asText()).isEqualTo("Rate limit exceeded");
        assertThat(body.get("message").asText()).contains("auth");
        long retryAfter = body.get("retry_after").asLong();
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.headers().firstValue("Retry-After")).contains(Long.toString(retryAfter));
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(refused.headers().firstValue("X-RateLimit-Limit")).contains("5");
        // Another client is not affected.
        assertThat(client().post("/api/login", "{\"user_id\":7,\"username\":\"x\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void twoHundredConcurrentRequestsOfOneClientAdmitExactlyTheLimit() {
        Api api = client();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(api.getAsync("/api/items?page=" + (1 + i % 5)));
        }
        List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();

        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(byStatus).isEqualTo(Map.of(200, 100L, 429, 100L));
        for (HttpResponse<String> r : answers) {
            if (r.statusCode() == 429) {
                assertThat(Api.json(r).get("retry_after").asLong()).isPositive();
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(redis.sync().zcard("tk:rl:general:" + clientOf(api))).isEqualTo(100);
    }

    @Test
    void aBodyUpToOneMebibyteIsRead() {
        String json = "{\"user_id\":1,\"username\":\"padded\"}";
        String body = json + " ".repeat(ApiRequest.MAX_BODY_BYTES - json.length());
        HttpResponse<String> r = client().post("/api/login", body);
        assertThat(r.statusCode()).isEqualTo(201);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws Exception {
        // Claims 2 MiB, sends 1 KiB and waits: the answer must come without the rest.
        String head = "POST /api/login HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + clientOf(client())
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (2 << 20) + "\r\n\r\n";
        String answer = rawExchange(head, new byte[1024]);
        assertThat(answer).startsWith("HTTP/1.1 413 ");
        assertThat(answer.toLowerCase()).contains("connection: close");
        assertThat(answer).contains("{\"error\":\"Payload too large\",\"message\":\"The request body exceeds 1048576 bytes\"}");
    }

    @Test
    void aDeclaredLengthOverTheLimitWithExpectContinueGetsTheSameJson413() throws Exception {
        // curl sends "Expect: 100-continue" for a body over 1 MiB and waits for the answer before the body
        String head = "POST /api/login HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + clientOf(client())
                + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + (2 << 20) + "\r\n\r\n";
        String answer = rawExchange(head, new byte[0]);
        assertThat(answer).startsWith("HTTP/1.1 413 ");
        assertThat(answer).contains("{\"error\":\"Payload too large\",\"message\":\"The request body exceeds 1048576 bytes\"}");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        String head = "POST /api/login HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + clientOf(client())
                + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        int size = ApiRequest.MAX_BODY_BYTES + 100;
        byte[] chunk = ("%x\r\n".formatted(size) + "y".repeat(size) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(rawExchange(head, chunk)).startsWith("HTTP/1.1 413 ").contains("Payload too large");
    }

    /** The JDK server refuses a URI it cannot parse itself, before the API sees it (its body is HTML, not JSON). */
    @Test
    void aQueryThatIsNotValidPercentEncodingIs400() throws Exception {
        String request = "GET /api/items?page=%zz HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + clientOf(client())
                + "\r\nConnection: close\r\n\r\n";
        assertThat(rawExchange(request, new byte[0])).startsWith("HTTP/1.1 400 ");
    }

    /** Sends bytes as they are (what HttpClient would refuse to send) and reads the whole answer. */
    private static String rawExchange(String head, byte[] body) throws Exception {
        try (Socket socket = new Socket(local.httpBaseUrl().getHost(), local.httpBaseUrl().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder answer = new StringBuilder();
            int contentLength = 0;
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                answer.append(line).append("\n");
                if (line.toLowerCase().startsWith("content-length:")) {
                    contentLength = Integer.parseInt(line.substring(15).strip());
                }
            }
            char[] content = new char[contentLength];
            int read = 0;
            while (read < contentLength) {
                int n = in.read(content, read, contentLength - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return answer.append("\n").append(content, 0, read).toString();
        }
    }

    private static String clientOf(Api api) {
        return api.request("/").build().headers().firstValue("X-Forwarded-For").orElseThrow();
    }
}
