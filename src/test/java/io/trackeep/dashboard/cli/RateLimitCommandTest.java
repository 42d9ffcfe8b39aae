package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.monitor.ratelimits.ResetTime;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.GoLimitCacheFixtures;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ratelimit ...} against keys written as the Go backend writes them (no config hash, no counters). */
@ExtendWith(RedisServerExtension.class)
class RateLimitCommandTest {

    @TempDir
    Path data;

    private RedisServerProcess server;
    private RedisConnections redis;
    private GoLimitCacheFixtures go;
    private String uri;

    @BeforeEach
    void setUp(RedisServerProcess server, RedisConnections redis) {
        System.setProperty(ConfigFolders.DATA_DIR_PROPERTY, data.toString()); // the local audit log goes here
        this.server = server;
        this.redis = redis;
        this.go = new GoLimitCacheFixtures(redis);
        this.uri = CliRun.uri(server);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(ConfigFolders.DATA_DIR_PROPERTY);
    }

    @Test
    void listPrintsEveryLimiterAsJsonFromGoOnlyData() {
        go.fixedWindow("auth", "10.0.0.7", 4, 60);
        go.slidingWindow("general", "10.0.0.7", 2, 60);
        go.slidingWindow("export", "10.0.0.1", 1, 60);

        CliRun run = CliRun.of("ratelimit", "list", "--redis", uri, "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = Json.tree(run.out());
        assertThat(json).hasSize(6);
        assertThat(json.get(1).toString()).isEqualTo("{\"limiter\":\"auth\",\"algorithm\":\"fixed-window\",\"clients\":1,\"limit\":5,"
                + "\"topClients\":[{\"client\":\"10.0.0.7\",\"used\":4,\"limit\":5}]}");
        assertThat(json.get(5).get("limiter").asText()).isEqualTo("export");
        assertThat(json.get(5).get("limit").isNull()).isTrue();
    }

    @Test
    void listPrintsATableForPeople() {
        go.fixedWindow("auth", "10.0.0.7", 4, 60);
        CliRun run = CliRun.of("ratelimit", "list", "--redis", uri);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("LIMITER", "auth", "fixed window", "5 / 1 min", "10.0.0.7 (4 of 5)");
    }

    @Test
    void usageReadsWithoutConsuming() {
        go.fixedWindow("auth", "10.0.0.7", 3, 60);
        CliRun run = CliRun.of("ratelimit", "usage", "--redis", uri, "--limiter", "auth", "--client", "10.0.0.7", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = Json.tree(run.out());
        assertThat(json.get("used").asLong()).isEqualTo(3);
        assertThat(json.get("remaining").asLong()).isEqualTo(2);
        assertThat(json.get("resetAfterMs").asLong()).isBetween(50_000L, 60_000L);
        assertThat(redis.sync().get(redis.keys().rateLimit("auth", "10.0.0.7"))).isEqualTo("3");
    }

    @Test
    void resetWithYesDeletesTheKeyAndWritesBothAuditTrails() throws Exception {
        String key = go.fixedWindow("auth", "10.0.0.7", 3, 60);

        CliRun run = CliRun.of("ratelimit", "reset", "--redis", uri, "--limiter", "auth", "--client", "10.0.0.7", "--yes");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("Reset rate limit of 10.0.0.7 for 'auth' (was 3 of 5 used)");
        assertThat(redis.sync().exists(key)).isZero();
        assertThat(new AuditTrail(redis).latest(1).get(0).action()).isEqualTo("ratelimit.reset");
        assertThat(Files.readString(data.resolve("audit.jsonl"))).contains("ratelimit.reset", "auth:10.0.0.7");
    }

    @Test
    void withoutYesAndWithoutATerminalNothingHappens() {
        String key = go.fixedWindow("auth", "10.0.0.7", 3, 60);
        CliRun run = CliRun.of("ratelimit", "reset", "--redis", uri, "--limiter", "auth", "--client", "10.0.0.7");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("Reset rate limit of client 10.0.0.7 for 'auth' (3 of 5 used)?", "--yes", "Nothing was changed.");
        assertThat(redis.sync().exists(key)).isOne();
    }

    @Test
    void readOnlyIsRefusedWithItsExitCode() {
        String key = go.fixedWindow("auth", "10.0.0.7", 3, 60);
        CliRun run = CliRun.of("ratelimit", "reset", "--redis", uri, "--read-only", "--limiter", "auth", "--client", "10.0.0.7", "--yes");
        assertThat(run.exit()).isEqualTo(CliErrors.READ_ONLY);
        assertThat(run.err()).contains("read-only");
        assertThat(redis.sync().exists(key)).isOne();
    }

    @Test
    void setChangesALimitAndRefusesAnotherAlgorithm() {
        CliRun set = CliRun.of("ratelimit", "set", "--redis", uri, "--limiter", "general", "--limit", "250", "--window", "60s", "--yes");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("Rate limit 'general' is now 250 / 1 min, sliding window (was 100 / 1 min)");
        assertThat(Json.read(redis.sync().hget(redis.keys().rateLimitConfig(), "general"), LimitDefinition.class).limit()).isEqualTo(250);

        CliRun refused = CliRun.of("ratelimit", "set", "--redis", uri, "--limiter", "general", "--limit", "10", "--window", "1m",
                "--algorithm", "token-bucket", "--yes");
        assertThat(refused.exit()).isEqualTo(CliErrors.FAILED);
        assertThat(refused.err()).contains("error: Limiter 'general' is a sliding-window limiter");

        CliRun bad = CliRun.of("ratelimit", "set", "--redis", uri, "--limiter", "general", "--limit", "ten", "--window", "1m", "--yes");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("Limit 'ten' is not a whole number");

        CliRun none = CliRun.of("ratelimit", "set", "--redis", uri, "--limiter", "export", "--limit", "5", "--window", "1m", "--yes");
        assertThat(none.err()).contains("has no limit yet: give --algorithm");
    }

    @Test
    void unreachableRedisExitsWithItsCode() {
        server.stop();
        CliRun run = CliRun.of("ratelimit", "list", "--redis", uri);
        assertThat(run.exit()).isEqualTo(CliErrors.REDIS_UNAVAILABLE);
        assertThat(run.err()).startsWith("error: ");
        assertThat(run.err()).doesNotContain(server.settings().password());
    }

    @Test
    void aStoredTimeFarOutsideAnyWindowIsSaidNotPrintedAsAnOverflowedNumber() {
        redis.sync().zadd("tk:rl:general:10.0.0.7", 1e308, "m");

        CliRun run = CliRun.of("ratelimit", "usage", "--redis", uri, "--limiter", "general", "--client", "10.0.0.7");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("back to empty in unknown").doesNotContain("-9223372036854");

        CliRun json = CliRun.of("ratelimit", "usage", "--redis", uri, "--limiter", "general", "--client", "10.0.0.7", "--json");
        assertThat(Json.tree(json.out()).get("resetAfterMs").isNull()).isTrue();
    }

    @Test
    void anEmptyLimiterOrClientIsAUsageError() {
        for (String[] args : new String[][]{{"usage", "--limiter", "auth", "--client", ""}, {"usage", "--limiter", " ", "--client", "x"},
                {"reset", "--limiter", "auth", "--client", "", "--yes"}}) {
            String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("ratelimit"),
                    java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--redis", uri))).toArray(String[]::new);
            CliRun run = CliRun.of(all);
            assertThat(run.exit()).as(String.join(" ", all)).isEqualTo(2);
            assertThat(run.err()).containsPattern("--(limiter|client) must not be empty");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aFixedWindowCounterWithoutExpiryIsSaidNeverToResetNotToResetInZeroSeconds() {
        redis.sync().set("tk:rl:auth:10.0.0.9", "5"); // INCR done, EXPIRE lost: the Go backend refuses this client forever

        CliRun run = CliRun.of("ratelimit", "usage", "--redis", uri, "--limiter", "auth", "--client", "10.0.0.9");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("used 5 of 5", "back to empty " + ResetTime.NEVER).doesNotContain("in 0 s");

        CliRun json = CliRun.of("ratelimit", "usage", "--redis", uri, "--limiter", "auth", "--client", "10.0.0.9", "--json");
        assertThat(Json.tree(json.out()).get("resetAfterMs").isNull()).isTrue();
        assertThat(Json.tree(json.out()).get("noExpiry").asBoolean()).isTrue();
        assertThat(redis.sync().ttl("tk:rl:auth:10.0.0.9")).as("a look changes nothing").isEqualTo(-1);
    }

    @Test
    void clientNamesWithControlCharactersArePrintedEscapedAndCanBeTypedBack() {
        long now = System.currentTimeMillis() / 1000;
        redis.sync().zadd("tk:rl:general:eve\u001b]0;owned\u0007", now, "m");
        redis.sync().zadd("tk:rl:general:gen\uDCE9ral", now, "m");

        CliRun list = CliRun.of("ratelimit", "list", "--redis", uri);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("eve\\x1b]0;owned\\x07", "gen\\xe9ral").doesNotContain("\u001b", "\u0007");

        CliRun usage = CliRun.of("ratelimit", "usage", "--redis", uri, "--limiter", "general", "--client", "gen\\xe9ral");
        assertThat(usage.out()).startsWith("gen\\xe9ral has used 1 of 100");
    }
}
