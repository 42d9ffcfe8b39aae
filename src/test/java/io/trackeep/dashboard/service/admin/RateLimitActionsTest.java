package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.RateLimitRegistry;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.GoLimitCacheFixtures;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate-limit plans against keys laid out as the Go backend writes them. */
@ExtendWith(RedisServerExtension.class)
class RateLimitActionsTest {

    @TempDir
    Path dir;

    private RedisConnections redis;
    private GoLimitCacheFixtures go;
    private RateLimitActions plans;
    private AdminActions admin;

    @BeforeEach
    void setUp(RedisConnections redis) {
        this.redis = redis;
        this.go = new GoLimitCacheFixtures(redis);
        this.plans = new RateLimitActions(redis, "ann@ws1");
        this.admin = new AdminActions(redis, new AuditTrail(redis), new LocalAuditLog(dir.resolve("audit.jsonl")), "ann@ws1");
    }

    @Test
    void resetSaysHowMuchOfTheLimitIsUsedAndDeletesTheGoCounterWithAnAuditEntry() {
        String key = go.fixedWindow("auth", "10.0.0.7", 3, 60);

        ActionPlan<Boolean> plan = plans.resetClient("auth", "10.0.0.7");

        assertThat(plan.question()).isEqualTo("Reset rate limit of client 10.0.0.7 for 'auth' (3 of 5 used)?");
        assertThat(plan.effects()).contains("Deletes tk:rl:auth:10.0.0.7", "Publishes ratelimit.reset on tk:admin:events");
        assertThat(plan.verb()).isEqualTo("Reset rate limit");
        assertThat(redis.sync().get(key)).as("planning consumes nothing").isEqualTo("3");

        ActionOutcome<Boolean> outcome = admin.execute(plan);

        assertThat(outcome.value()).isTrue();
        assertThat(redis.sync().exists(key)).isZero();
        AuditEntry entry = new AuditTrail(redis).latest(1).get(0);
        assertThat(entry.action()).isEqualTo("ratelimit.reset");
        assertThat(entry.target()).isEqualTo("auth:10.0.0.7");
        assertThat(entry.result()).isEqualTo("ok: Reset rate limit of 10.0.0.7 for 'auth' (was 3 of 5 used)");
    }

    @Test
    void usageOfGoSlidingWindowsAndTokenBucketsIsReadWithoutConsuming() {
        String sliding = go.slidingWindow("general", "10.0.0.9", 4, 60);
        String bucket = go.tokenBucket("ai-chat", "user:42", "3.5");

        assertThat(plans.resetClient("general", "10.0.0.9").question())
                .isEqualTo("Reset rate limit of client 10.0.0.9 for 'general' (4 of 100 used)?");
        assertThat(plans.resetClient("ai-chat", "user:42").question())
                .isEqualTo("Reset rate limit of client user:42 for 'ai-chat' (17 of 20 used)?");
        assertThat(redis.sync().zcard(sliding)).isEqualTo(4);
        assertThat(redis.sync().hget(bucket, "tokens")).isEqualTo("3.5");
    }

    @Test
    void aClientWithoutStateOrALimiterWithoutLimitIsSaidSo() {
        go.slidingWindow("export", "10.0.0.1", 2, 60); // a limiter only the Go backend knows

        ActionPlan<Boolean> unknown = plans.resetClient("export", "10.0.0.1");
        assertThat(unknown.question()).isEqualTo(
                "Reset rate limit of client 10.0.0.1 for 'export' (limit unknown: no limit is defined for 'export')?");
        assertThat(admin.execute(unknown).value()).isTrue();
        assertThat(redis.sync().exists(redis.keys().rateLimit("export", "10.0.0.1"))).isZero();

        ActionPlan<Boolean> nothing = plans.resetClient("auth", "10.9.9.9");
        assertThat(nothing.question()).isEqualTo("Reset rate limit of client 10.9.9.9 for 'auth' (nothing used)?");
        assertThat(admin.execute(nothing).summary()).isEqualTo("Nothing to reset: 10.9.9.9 had no state for 'auth'");
    }

    @Test
    void aKeyOfAnotherTypeIsReportedAndTheResetReplacesIt() {
        String key = redis.keys().rateLimit("auth", "odd");
        redis.sync().hset(key, "tokens", "1");
        ActionPlan<Boolean> plan = plans.resetClient("auth", "odd");
        assertThat(plan.question()).startsWith("Reset rate limit of client odd for 'auth' (usage unreadable: ").contains("WRONGTYPE");
        admin.execute(plan);
        assertThat(redis.sync().exists(key)).isZero();
    }

    @Test
    void badNamesAreRefusedWhilePlanning() {
        assertThatThrownBy(() -> plans.resetClient("a:b", "c")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limiter");
        assertThatThrownBy(() -> plans.resetClient("auth", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changeLimitShowsOldAndNewAndWritesTheConfigHash() {
        ActionPlan<LimitDefinition> plan = plans.changeLimit("general", LimitDefinition.slidingWindow(200, Duration.ofMinutes(1)));

        assertThat(plan.question()).isEqualTo("Change the 'general' rate limit from 100 / 1 min to 200 / 1 min (sliding window)?");
        assertThat(plan.effects().get(0)).startsWith("Writes 'general' in tk:config:ratelimits: {\"algorithm\":\"sliding-window\",\"limit\":200");
        assertThat(redis.sync().exists(redis.keys().rateLimitConfig())).as("nothing written before execution").isZero();

        ActionOutcome<LimitDefinition> outcome = admin.execute(plan);

        assertThat(outcome.summary()).isEqualTo("Rate limit 'general' is now 200 / 1 min, sliding window (was 100 / 1 min)");
        assertThat(Json.read(redis.sync().hget(redis.keys().rateLimitConfig(), "general"), LimitDefinition.class).limit()).isEqualTo(200);
        try (RateLimits limits = new RateLimits(redis)) {
            assertThat(limits.limits().find("general").orElseThrow().limit()).isEqualTo(200);
        }
        assertThat(new AuditTrail(redis).latest(1).get(0).action()).isEqualTo("ratelimit.change");
    }

    @Test
    void changingTheAlgorithmIsRefusedWithTheServicesReasonBeforeAnythingIsAsked() {
        LimitDefinition bucket = LimitDefinition.tokenBucket(100, 2);
        String serviceReason = null;
        try {
            RateLimitRegistry.requireSameAlgorithm("general", RateLimitRegistry.DEFAULTS.get("general"), bucket);
        } catch (IllegalArgumentException e) {
            serviceReason = e.getMessage();
        }
        assertThat(serviceReason).isEqualTo("Limiter 'general' is a sliding-window limiter: its clients' keys are sorted sets, "
                + "so it cannot become token-bucket; use a new limiter name");

        assertThatThrownBy(() -> plans.changeLimit("general", bucket)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(serviceReason);
        assertThatThrownBy(() -> new RateLimitRegistry(redis).set("general", bucket, "ann")).hasMessage(serviceReason);
        assertThat(redis.sync().exists(redis.keys().rateLimitConfig())).isZero();
        assertThatThrownBy(() -> plans.changeLimit("general", LimitDefinition.slidingWindow(100, Duration.ofMinutes(1))))
                .hasMessage("The 'general' rate limit already is 100 / 1 min, sliding window");
    }

    @Test
    void aLimiterWithoutLimitCanBeGivenOneOfAnyAlgorithm() {
        ActionPlan<LimitDefinition> plan = plans.changeLimit("export", new LimitDefinition(LimitAlgorithm.FIXED_WINDOW, 30, 60_000, 0, 0));
        assertThat(plan.question()).isEqualTo("Define the 'export' rate limit as 30 / 1 min (fixed window)?");
        admin.execute(plan);
        assertThat(redis.sync().hgetall(redis.keys().rateLimitConfig())).containsOnlyKeys("export");
    }

    @Test
    void readOnlyConnectionsRefuseAndKeepTheKey(RedisServerProcess server) {
        String key = go.fixedWindow("auth", "10.0.0.7", 3, 60);
        try (RedisConnections ro = RedisConnections.open(server.settings().withReadOnly(true))) {
            AdminActions roAdmin = new AdminActions(ro, new AuditTrail(ro), new LocalAuditLog(dir.resolve("audit.jsonl")), "ann");
            ActionPlan<Boolean> plan = new RateLimitActions(ro, "ann").resetClient("auth", "10.0.0.7");
            assertThatThrownBy(() -> roAdmin.execute(plan)).isInstanceOfSatisfying(RedisAccessException.class,
                    e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
            assertThatThrownBy(() -> roAdmin.execute(new RateLimitActions(ro, "ann")
                    .changeLimit("auth", LimitDefinition.fixedWindow(9, Duration.ofMinutes(1)))))
                    .isInstanceOf(RedisAccessException.class);
        }
        assertThat(redis.sync().get(key)).isEqualTo("3");
        assertThat(redis.sync().exists(redis.keys().rateLimitConfig())).isZero();
    }

    @Test
    void planningFailsPlainlyWhenRedisIsUnreachable(RedisServerProcess server) {
        server.stop();
        assertThatThrownBy(() -> plans.resetClient("auth", "10.0.0.7")).isInstanceOfSatisfying(RedisAccessException.class,
                e -> assertThat(e.isUnavailable()).isTrue());
        assertThatThrownBy(() -> plans.changeLimit("auth", LimitDefinition.fixedWindow(9, Duration.ofMinutes(1))))
                .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.isUnavailable()).isTrue());
    }
}
