package io.trackeep.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.caches.CacheFamilyStatus;
import io.trackeep.dashboard.monitor.caches.CachesSnapshot;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.GoLimitCacheFixtures;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cache ...} against entries written as the Go backend writes them (no per-user index, no counters). */
@ExtendWith(RedisServerExtension.class)
class CacheCommandTest {

    @TempDir
    Path data;

    private RedisConnections redis;
    private GoLimitCacheFixtures go;
    private String uri;

    @BeforeEach
    void setUp(RedisServerProcess server, RedisConnections redis) {
        System.setProperty(ConfigFolders.DATA_DIR_PROPERTY, data.toString());
        this.redis = redis;
        this.go = new GoLimitCacheFixtures(redis);
        this.uri = CliRun.uri(server);
        go.responseEntry("/api/tasks", "", 42L);
        go.responseEntry("/api/tasks", "page=2", null);
        go.searchEntry(42, "q=redis");
        go.searchEntry(42, "q=lua");
        go.searchEntry(7, "q=redis");
        go.analyticsEntry(42, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(ConfigFolders.DATA_DIR_PROPERTY);
    }

    @Test
    void statsPrintsMemoryInTheUnitsTheOtherCommandsUse() {
        CachesSnapshot snapshot = new CachesSnapshot(Instant.EPOCH, List.of(
                new CacheFamilyStatus("response", 3, null, null, null, 876L, true, true, List.of()),
                new CacheFamilyStatus("search", 3_000_000, null, null, null, 3L << 30, false, false, List.of())),
                false, null, null, null);
        StringWriter text = new StringWriter();
        CacheCommand.Stats.print(snapshot, new PrintWriter(text, true));
        assertThat(text.toString()).contains("876 B").contains("~3.0 GiB").doesNotContain("MiB");
    }

    @Test
    void statsJsonSaysHitsAreUnknownOnGoOnlyData() {
        CliRun run = CliRun.of("cache", "stats", "--redis", uri, "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("[{\"family\":\"response\",\"keys\":2,\"hits\":null,\"misses\":null,\"hitRate\":null},"
                + "{\"family\":\"search\",\"keys\":3,\"hits\":null,\"misses\":null,\"hitRate\":null},"
                + "{\"family\":\"analytics\",\"keys\":1,\"hits\":null,\"misses\":null,\"hitRate\":null}]");
    }

    @Test
    void statsForPeopleSayWhyHitsAreUnavailable() {
        CliRun run = CliRun.of("cache", "stats", "--redis", uri);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("FAMILY", "response", "search", "analytics", "n/a",
                "unavailable, no hit/miss counters", "Keyspace hit rate");
    }

    @Test
    void invalidateUserAsksTheCountedQuestionAndRemovesWhatItCanFind() {
        CliRun refused = CliRun.of("cache", "invalidate", "--redis", uri, "--user", "42");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("Invalidate all cached entries of user 42: 0 response, 2 search, 1 analytics?");
        assertThat(redis.sync().dbsize()).isEqualTo(6);

        CliRun run = CliRun.of("cache", "invalidate", "--redis", uri, "--user", "42", "--yes");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("Invalidated 3 cached entries of user 42");
        assertThat(redis.sync().exists(redis.keys().searchCache(7, redis.keys().searchCacheHash("q=redis")))).isOne();
        assertThat(new AuditTrail(redis).latest(1).get(0).action()).isEqualTo("cache.invalidate-user");
    }

    @Test
    void invalidateKeyFamilyAndAll() {
        String key = redis.keys().searchCache(7, redis.keys().searchCacheHash("q=redis"));
        assertThat(CliRun.of("cache", "invalidate", "--redis", uri, "--key", key, "--yes").out().strip()).isEqualTo("Invalidated " + key);
        assertThat(redis.sync().exists(key)).isZero();

        CliRun notACacheKey = CliRun.of("cache", "invalidate", "--redis", uri, "--key", "tk:session:abc", "--yes");
        assertThat(notACacheKey.exit()).isEqualTo(CliErrors.FAILED);
        assertThat(notACacheKey.err()).contains("Not a cache key: 'tk:session:abc'");

        CliRun family = CliRun.of("cache", "invalidate", "--redis", uri, "--family", "analytics", "--yes");
        assertThat(family.out().strip()).isEqualTo("Invalidated the analytics cache: 1 entry");
        CliRun unknown = CliRun.of("cache", "invalidate", "--redis", uri, "--family", "images", "--yes");
        assertThat(unknown.err()).contains("Unknown cache family 'images' (expected response, search or analytics)");
        assertThat(unknown.exit()).as("a usage error").isEqualTo(2);
        CliRun negative = CliRun.of("cache", "invalidate", "--redis", uri, "--user", "-1", "--yes");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("--user must be a user id (0 or more), got -1");
        assertThat(negative.out()).isEmpty();

        CliRun all = CliRun.of("cache", "invalidate", "--redis", uri, "--all", "--yes", "--json");
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out().strip()).isEqualTo("{\"action\":\"cache.invalidate-all\",\"target\":\"all\","
                + "\"summary\":\"Invalidated all caches: 4 entries\",\"result\":4,\"audited\":true}");
        JsonNode stats = Json.tree(CliRun.of("cache", "stats", "--redis", uri, "--json").out());
        for (JsonNode f : stats) {
            assertThat(f.get("keys").asLong()).isZero();
        }
    }

    @Test
    void exactlyOneScopeIsRequiredAndReadOnlyRefuses() {
        assertThat(CliRun.of("cache", "invalidate", "--redis", uri, "--yes").exit()).isNotZero();
        assertThat(CliRun.of("cache", "invalidate", "--redis", uri, "--all", "--user", "1", "--yes").exit()).isNotZero();
        CliRun ro = CliRun.of("cache", "invalidate", "--redis", uri, "--read-only", "--all", "--yes");
        assertThat(ro.exit()).isEqualTo(CliErrors.READ_ONLY);
        assertThat(redis.sync().dbsize()).isEqualTo(6);
    }
}
