package io.trackeep.dashboard.service.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class RateLimitsTest {

    @Test
    void limitersByNameApplyTheDefaultsAndRefuseUnknownNames(RedisConnections redis) {
        try (RateLimits limits = new RateLimits(redis)) {
            RateLimiter auth = limits.forName("auth");
            assertThat(auth.definition()).isEqualTo(RateLimitRegistry.DEFAULTS.get("auth"));
            for (int i = 0; i < 5; i++) {
                assertThat(auth.check("10.1.1.1").allowed()).isTrue();
            }
            assertThat(auth.check("10.1.1.1").allowed()).isFalse();
            assertThat(limits.forName("ai-chat").check("user:1").limit()).isEqualTo(20);
            assertThat(limits.forName("auth")).isSameAs(auth);
            assertThatThrownBy(() -> limits.forName("nope")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aLimitChangedElsewhereIsPickedUpWithinTheRefreshInterval(RedisConnections redis) throws Exception {
        RateLimitOptions options = RateLimitOptions.defaults().withConfigRefresh(Duration.ofMillis(200));
        try (RateLimits here = new RateLimits(redis, options); RateLimits elsewhere = new RateLimits(redis, options)) {
            RateLimiter general = here.forName("general");
            assertThat(general.check("c").limit()).isEqualTo(100);

            elsewhere.changeLimit("general", LimitDefinition.slidingWindow(2, Duration.ofMinutes(1)), "admin");
            assertThat(elsewhere.forName("general").definition().limit()).as("at once where changed").isEqualTo(2);

            WaitFor.condition(Duration.ofSeconds(5), "the new limit", () -> general.definition().limit() == 2);
            assertThat(general.definition().limit()).isEqualTo(2);
            Decision d = general.check("c"); // the one request counted before still counts
            assertThat(d.limit()).isEqualTo(2);
            assertThat(d.remaining()).isZero();
            assertThat(general.check("c").allowed()).isFalse();
        }
    }

    @Test
    void aMalformedLimitNeverTakesALimiterDown(RedisConnections redis) {
        redis.sync().hset(redis.keys().rateLimitConfig(), "auth", "]]");
        try (RateLimits limits = new RateLimits(redis)) {
            assertThat(limits.forName("auth").check("x").limit()).isEqualTo(5);
            assertThat(limits.limits().malformed()).extracting(Limits.MalformedLimit::limiter).containsExactly("auth");
        }
    }

    @Test
    void withRedisDownAtStartTheDefaultsApplyAndTheModeDecides(RedisServerProcess server, RedisConnections redis) {
        redis.sync().hset(redis.keys().rateLimitConfig(), "auth", "{\"algorithm\":\"fixed-window\",\"limit\":1,\"windowMs\":60000}");
        server.stop();
        try (RateLimits limits = new RateLimits(redis, RateLimitOptions.defaults().withFailureMode(FailureMode.CLOSED))) {
            Decision d = limits.forName("auth").check("x");
            assertThat(d.degraded()).isTrue();
            assertThat(d.allowed()).isFalse();
            assertThat(d.limit()).isEqualTo(5);
            assertThatThrownBy(() -> limits.usage("auth", "x")).isInstanceOf(RedisAccessException.class);
            assertThatThrownBy(() -> limits.reset("auth", "x", "admin")).isInstanceOf(RedisAccessException.class);
        } finally {
            if (!server.isRunning()) {
                server.restart();
            }
            WaitFor.reconnected(redis);
        }
    }

    @Test
    void usageShowsUsedOfLimitWithoutCounting(RedisConnections redis) {
        try (RateLimits limits = new RateLimits(redis)) {
            assertThat(limits.usage("general", "10.0.0.5")).isEqualTo(new Usage("general", "10.0.0.5", 0, 100, 100, Duration.ZERO));
            assertThat(redis.sync().exists(redis.keys().rateLimit("general", "10.0.0.5"))).isZero();
            for (int i = 0; i < 3; i++) {
                limits.forName("general").check("10.0.0.5");
                limits.forName("ai-chat").check("user:5");
            }
            Usage general = limits.usage("general", "10.0.0.5");
            assertThat(general.used()).isEqualTo(3);
            assertThat(general.remaining()).isEqualTo(97);
            assertThat(general.resetAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
            assertThat(limits.usage("general", "10.0.0.5").used()).isEqualTo(3);
            Usage chat = limits.usage("ai-chat", "user:5");
            assertThat(chat.limit()).isEqualTo(20);
            assertThat(chat.used()).isBetween(2L, 3L); // a fraction of a token came back meanwhile
        }
    }

    @Test
    void resetForgetsTheClientAndAnnouncesIt(RedisConnections redis) throws Exception {
        AdminEventProbe events = new AdminEventProbe(redis);
        try (RateLimits limits = new RateLimits(redis)) {
            RateLimiter auth = limits.forName("auth");
            for (int i = 0; i < 6; i++) {
                auth.check("10.9.9.9");
            }
            assertThat(auth.check("10.9.9.9").allowed()).isFalse();
            assertThat(auth.check("10.9.9.8").allowed()).isTrue();

            assertThat(limits.reset("auth", "10.9.9.9", "admin@ws1")).isTrue();
            assertThat(redis.sync().exists(redis.keys().rateLimit("auth", "10.9.9.9"))).isZero();
            assertThat(auth.check("10.9.9.9").remaining()).isEqualTo(4);
            assertThat(auth.check("10.9.9.8").remaining()).as("other clients untouched").isEqualTo(3);

            JsonNode event = events.next();
            assertThat(event.get("type").asText()).isEqualTo("ratelimit.reset");
            assertThat(event.get("target").asText()).isEqualTo("auth:10.9.9.9");
            assertThat(event.at("/details/client").asText()).isEqualTo("10.9.9.9");
            assertThat(limits.reset("auth", "never-seen", "admin@ws1")).isFalse();
        }
    }

    @Test
    void aResetThatAReadOnlyReplicaRefusesSaysSoAndAnnouncesNothing(RedisConnections redis) throws Exception {
        // one server made a replica of nothing; a Cluster refuses REPLICAOF, and a Sentinel set would fail over
        Assumptions.assumeTrue(redis.settings().topology() == Topology.STANDALONE);
        AdminEventProbe events = new AdminEventProbe(redis);
        try (RateLimits limits = new RateLimits(redis)) {
            limits.forName("auth").check("10.7.7.7");
            redis.sync().replicaof("127.0.0.1", 1); // a replica of nothing: keeps its data, refuses writes
            try {
                assertThatThrownBy(() -> limits.reset("auth", "10.7.7.7", "admin@ws1")).isInstanceOf(RedisAccessException.class)
                        .hasMessageContaining("read-only replica, nothing was written");
            } finally {
                redis.sync().replicaofNoOne();
            }
            assertThat(redis.sync().exists(redis.keys().rateLimit("auth", "10.7.7.7"))).isOne();
            limits.reset("auth", "10.7.7.8", "admin@ws1");
            assertThat(events.next().get("target").asText()).as("the refused reset announced nothing").isEqualTo("auth:10.7.7.8");
        }
    }

    @Test
    void aLimiterByNameBlocksOnItsAsyncDecisionAndThrowsItsErrorUnwrapped(RedisConnections redis) {
        String key = redis.keys().rateLimit("auth", "w");
        redis.sync().lpush(key, "not a limiter");
        try (RateLimits limits = new RateLimits(redis)) {
            RateLimiter auth = limits.forName("auth");
            assertThat(auth.check("10.2.2.2").remaining()).isEqualTo(4);
            assertThat(auth.peek("10.2.2.2").remaining()).as("peek counts nothing").isEqualTo(4);
            for (var call : List.<Runnable>of(() -> auth.check("w"), () -> auth.peek("w"))) {
                assertThatThrownBy(call::run)
                        .isInstanceOfSatisfying(RedisAccessException.class,
                                e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.COMMAND_FAILED))
                        .hasMessageContaining("WRONGTYPE");
            }
        }
    }

    @Test
    void resetIsRefusedOnAReadOnlyConnection(RedisServerProcess server) {
        try (RedisConnections readOnly = RedisConnections.open(server.settings().withReadOnly(true));
             RateLimits limits = new RateLimits(readOnly)) {
            assertThatThrownBy(() -> limits.reset("auth", "c", "admin"))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
            assertThat(limits.usage("auth", "c").used()).isZero();
        }
    }
}
