package io.trackeep.dashboard.service.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class RateLimitRegistryTest {

    @Test
    void withoutAnEntryTheDefaultsOfTheGoBackendApply(RedisConnections redis) {
        Limits limits = new RateLimitRegistry(redis).load();
        assertThat(limits.malformed()).isEmpty();
        assertThat(limits.definitions()).containsExactly(
                java.util.Map.entry("general", new LimitDefinition(LimitAlgorithm.SLIDING_WINDOW, 100, 60_000, 0, 0)),
                java.util.Map.entry("auth", new LimitDefinition(LimitAlgorithm.FIXED_WINDOW, 5, 60_000, 0, 0)),
                java.util.Map.entry("search", new LimitDefinition(LimitAlgorithm.FIXED_WINDOW, 100, 60_000, 0, 0)),
                java.util.Map.entry("ai-chat", new LimitDefinition(LimitAlgorithm.TOKEN_BUCKET, 20, 60_000, 20, 20 / 60.0)),
                java.util.Map.entry("upload", new LimitDefinition(LimitAlgorithm.SLIDING_WINDOW, 10, 600_000, 0, 0)));
    }

    @Test
    void definitionsAreStoredAsJsonWithTheAgreedFieldNames(RedisConnections redis) throws Exception {
        AdminEventProbe events = new AdminEventProbe(redis);
        RateLimitRegistry registry = new RateLimitRegistry(redis);
        registry.set("general", LimitDefinition.slidingWindow(250, Duration.ofSeconds(30)), "admin@ws1");

        JsonNode stored = Json.tree(redis.sync().hget(redis.keys().rateLimitConfig(), "general"));
        assertThat(stored.fieldNames()).toIterable().containsExactlyInAnyOrder("algorithm", "limit", "windowMs", "capacity", "refillPerSec");
        assertThat(stored.get("algorithm").asText()).isEqualTo("sliding-window");
        assertThat(stored.get("limit").asLong()).isEqualTo(250);
        assertThat(stored.get("windowMs").asLong()).isEqualTo(30_000);
        assertThat(registry.load().find("general")).contains(LimitDefinition.slidingWindow(250, Duration.ofSeconds(30)));

        JsonNode event = events.next();
        assertThat(event.get("type").asText()).isEqualTo("ratelimit.changed");
        assertThat(event.get("target").asText()).isEqualTo("general");
        assertThat(event.get("actor").asText()).isEqualTo("admin@ws1");
        assertThat(event.at("/details/limit/limit").asLong()).isEqualTo(250);

        registry.restoreDefault("general", "admin@ws1");
        assertThat(redis.sync().hexists(redis.keys().rateLimitConfig(), "general")).isFalse();
        assertThat(registry.load().find("general")).contains(RateLimitRegistry.DEFAULTS.get("general"));
        assertThat(events.next().at("/details/restored_default").asBoolean()).isTrue();
    }

    @Test
    void readsEntriesWrittenByHandAndCompletesATokenBucketFromEitherPair(RedisConnections redis) {
        String config = redis.keys().rateLimitConfig();
        redis.sync().hset(config, "ai-chat", "{\"algorithm\":\"token-bucket\",\"capacity\":10,\"refillPerSec\":0.5}");
        redis.sync().hset(config, "export", "{\"algorithm\":\"token-bucket\",\"limit\":6,\"windowMs\":60000}");
        Limits limits = new RateLimitRegistry(redis).load();
        assertThat(limits.malformed()).isEmpty();
        assertThat(limits.find("ai-chat")).contains(new LimitDefinition(LimitAlgorithm.TOKEN_BUCKET, 10, 20_000, 10, 0.5));
        assertThat(limits.find("export")).contains(new LimitDefinition(LimitAlgorithm.TOKEN_BUCKET, 6, 60_000, 6, 0.1));
        assertThat(limits.definitions().keySet()).containsExactly("general", "auth", "search", "ai-chat", "upload", "export");
    }

    @Test
    void aConfigKeyOfAnotherTypeIsReportedAndTheDefaultsApplyInsteadOfNoLimitsAtAll(RedisConnections redis) {
        String config = redis.keys().rateLimitConfig();
        redis.sync().set(config, "not a hash");

        Limits limits = new RateLimitRegistry(redis).load();

        assertThat(limits.definitions()).isEqualTo(RateLimitRegistry.DEFAULTS);
        assertThat(limits.malformed()).singleElement().satisfies(m -> {
            assertThat(m.limiter()).isEqualTo(config);
            assertThat(m.reason()).contains("not a hash", "default");
        });
        assertThat(redis.sync().get(config)).as("nothing repaired behind the admin's back").isEqualTo("not a hash");
        assertThat(new RateLimits(redis).usage("general", "192.0.2.1").limit()).isEqualTo(100);
    }

    @Test
    void aChangeTheServerRefusesAnnouncesNothing(RedisConnections redis) throws Exception {
        AdminEventProbe events = new AdminEventProbe(redis);
        String config = redis.keys().rateLimitConfig();
        redis.sync().set(config, "not a hash");
        RateLimitRegistry registry = new RateLimitRegistry(redis);

        assertThatThrownBy(() -> registry.set("general", LimitDefinition.slidingWindow(10, Duration.ofMinutes(1)), "admin@ws1"))
                .isInstanceOf(RedisAccessException.class).hasMessageContaining("WRONGTYPE");

        redis.sync().del(config);
        registry.set("search", LimitDefinition.fixedWindow(7, Duration.ofMinutes(1)), "admin@ws1");
        assertThat(events.next().get("target").asText()).as("the refused change announced nothing").isEqualTo("search");
    }

    @Test
    void malformedEntriesAreReportedAndTheDefaultApplies(RedisConnections redis) {
        String config = redis.keys().rateLimitConfig();
        redis.sync().hset(config, "auth", "{not json");
        redis.sync().hset(config, "search", "{\"algorithm\":\"leaky-bucket\",\"limit\":1,\"windowMs\":1000}");
        redis.sync().hset(config, "general", "{\"algorithm\":\"sliding-window\",\"limit\":-3,\"windowMs\":1000}");
        redis.sync().hset(config, "bad:name", "{\"algorithm\":\"fixed-window\",\"limit\":1,\"windowMs\":1000}");
        redis.sync().hset(config, "upload", "{\"algorithm\":\"sliding-window\",\"limit\":3,\"windowMs\":1000}");

        Limits limits = new RateLimitRegistry(redis).load();
        assertThat(limits.find("auth")).contains(RateLimitRegistry.DEFAULTS.get("auth"));
        assertThat(limits.find("search")).contains(RateLimitRegistry.DEFAULTS.get("search"));
        assertThat(limits.find("general")).contains(RateLimitRegistry.DEFAULTS.get("general"));
        assertThat(limits.find("bad:name")).isEmpty();
        assertThat(limits.find("upload")).contains(LimitDefinition.slidingWindow(3, Duration.ofSeconds(1)));
        List<Limits.MalformedLimit> malformed = limits.malformed();
        assertThat(malformed).extracting(Limits.MalformedLimit::limiter).containsExactly("auth", "bad:name", "general", "search");
        assertThat(malformed.get(0).value()).isEqualTo("{not json");
        assertThat(malformed.get(2).reason()).contains("limit > 0");
        assertThat(malformed.get(3).reason()).contains("leaky-bucket");
    }

    @Test
    void anAlgorithmCannotChangeUnderExistingKeysAndInvalidLimitsAreRefused(RedisConnections redis) {
        RateLimitRegistry registry = new RateLimitRegistry(redis);
        assertThatThrownBy(() -> registry.set("general", LimitDefinition.fixedWindow(5, Duration.ofMinutes(1)), "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sliding-window");
        assertThatThrownBy(() -> registry.set("a:b", LimitDefinition.fixedWindow(5, Duration.ofMinutes(1)), "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LimitDefinition.slidingWindow(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LimitDefinition.tokenBucket(5, 0)).isInstanceOf(IllegalArgumentException.class);
        registry.set("export", LimitDefinition.fixedWindow(5, Duration.ofMinutes(1)), "a"); // a new name may be anything
        assertThat(redis.sync().hlen(redis.keys().rateLimitConfig())).isEqualTo(1);
    }

    @Test
    void changesAreRefusedOnAReadOnlyConnection(io.trackeep.dashboard.local.redis.RedisServerProcess server) {
        try (RedisConnections readOnly = RedisConnections.open(server.settings().withReadOnly(true))) {
            RateLimitRegistry registry = new RateLimitRegistry(readOnly);
            assertThatThrownBy(() -> registry.set("general", LimitDefinition.slidingWindow(1, Duration.ofMinutes(1)), "a"))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
            assertThat(registry.load().definitions()).hasSize(5); // reading is fine
        }
    }
}
