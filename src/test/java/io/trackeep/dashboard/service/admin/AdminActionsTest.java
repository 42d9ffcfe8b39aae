package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.audit.AuditEntry;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class AdminActionsTest {

    @TempDir
    Path dir;

    @Test
    void runsTheActionAndAuditsItInRedisAndLocally(RedisConnections redis) {
        redis.sync().set("victim", "x");
        LocalAuditLog local = new LocalAuditLog(dir.resolve("audit.jsonl"));
        AdminActions actions = new AdminActions(redis, new AuditTrail(redis), local, "ann@ws1");

        ActionOutcome<Long> outcome = actions.execute(new ActionPlan<>("key.delete", "victim", "Delete key victim?",
                List.of("Deletes victim"), "Delete", () -> redis.sync().del("victim"), n -> "Deleted " + n + " key"));

        assertThat(outcome.value()).isEqualTo(1L);
        assertThat(outcome.auditedInRedis()).isTrue();
        assertThat(redis.sync().exists("victim")).isZero();
        List<AuditEntry> trail = new AuditTrail(redis).latest(5);
        assertThat(trail).singleElement().satisfies(e -> {
            assertThat(e.who()).isEqualTo("ann@ws1");
            assertThat(e.action()).isEqualTo("key.delete");
            assertThat(e.target()).isEqualTo("victim");
            assertThat(e.result()).isEqualTo("ok: Deleted 1 key");
        });
        assertThat(local.latest(5)).singleElement().satisfies(e -> assertThat(e.result()).isEqualTo("ok: Deleted 1 key"));
    }

    @Test
    void readOnlyRefusesWithoutSendingAnythingAndLogsTheRefusalLocally(RedisServerProcess server, RedisConnections rw) {
        rw.sync().set("victim", "x");
        LocalAuditLog local = new LocalAuditLog(dir.resolve("audit.jsonl"));
        try (RedisConnections ro = RedisConnections.open(server.settings().withReadOnly(true))) {
            AdminActions actions = new AdminActions(ro, new AuditTrail(ro), local, "ann@ws1");
            assertThatThrownBy(() -> actions.execute(new ActionPlan<>("key.delete", "victim", "Delete key victim?",
                    List.of(), "Delete", () -> ro.sync().del("victim"), null)))
                    .isInstanceOfSatisfying(RedisAccessException.class,
                            e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY))
                    .hasMessageContaining("Delete key victim");
        }
        assertThat(rw.sync().exists("victim")).isEqualTo(1L);
        assertThat(local.latest(5)).singleElement().satisfies(e -> assertThat(e.result()).startsWith("refused"));
    }

    @Test
    void aFailedActionIsRethrownAndRecordedAsFailed(RedisConnections redis) {
        redis.sync().sadd("a-set", "x");
        LocalAuditLog local = new LocalAuditLog(dir.resolve("audit.jsonl"));
        AdminActions actions = new AdminActions(redis, new AuditTrail(redis), local, "ann@ws1");
        assertThatThrownBy(() -> actions.execute(new ActionPlan<>("key.get", "a-set", "Read a-set?", List.of(), "Read",
                () -> io.trackeep.dashboard.service.redis.RedisErrors.call("Reading", () -> redis.sync().get("a-set")), null)))
                .isInstanceOf(RedisAccessException.class);
        assertThat(new AuditTrail(redis).latest(1).get(0).result()).startsWith("failed: ").contains("WRONGTYPE");
        assertThat(local.latest(1).get(0).result()).startsWith("failed: ");
    }

    @Test
    void whenTheAuditStreamCannotBeWrittenTheOutcomeSaysSo(RedisConnections redis) {
        redis.sync().set(redis.keys().audit(), "not a stream");
        AdminActions actions = new AdminActions(redis, new AuditTrail(redis), new LocalAuditLog(dir.resolve("a.jsonl")), "ann");
        ActionOutcome<String> outcome = actions.execute(new ActionPlan<>("noop", "", "Do nothing?", List.of(), "Do nothing", () -> "done", null));
        assertThat(outcome.auditedInRedis()).isFalse();
        assertThat(outcome.auditProblem()).contains("audit trail not written");
    }
}
