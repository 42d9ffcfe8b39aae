package io.trackeep.dashboard.monitor.audit;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class AuditProbeTest {

    @TempDir
    Path dir;

    @Test
    void mergesTheSharedTrailWithTheLocalLogAndPagesOlderEntries(RedisConnections redis) {
        AuditTrail other = new AuditTrail(redis, "ws2", Clock.systemUTC());
        for (int i = 0; i < AuditProbe.PAGE + 50; i++) {
            other.record("bob@ws2", "cache.invalidate", "family response #" + i, "ok: 3 keys");
        }
        LocalAuditLog local = new LocalAuditLog(dir.resolve("audit.jsonl"));
        local.append("ann@ws1", "session.kill", "ab12… (user 42)", "refused: read-only connection", "redis://x (prefix tk)");
        AuditProbe probe = new AuditProbe(local, "ws1", Clock.systemUTC());

        AuditSnapshot first = probe.collect(redis);

        assertThat(first.sharedRead()).isEqualTo(AuditProbe.PAGE);
        assertThat(first.localRead()).isEqualTo(1);
        assertThat(first.olderShared()).isTrue();
        assertThat(first.rows().get(0).source()).isEqualTo(AuditRow.Source.LOCAL);
        assertThat(first.rows().get(1).target()).isEqualTo("family response #249");

        probe.loadOlder();
        AuditSnapshot more = probe.collect(redis);
        assertThat(more.sharedRead()).isEqualTo(AuditProbe.PAGE + 50);
        assertThat(more.olderShared()).isFalse();
        assertThat(more.rows().get(more.rows().size() - 1).target()).isEqualTo("family response #0");
    }

    @Test
    void aTrailThatIsNotAStreamStillShowsTheLocalLog(RedisConnections redis) {
        redis.sync().set("tk:audit", "not a stream");
        LocalAuditLog local = new LocalAuditLog(dir.resolve("audit.jsonl"));
        local.append("ann@ws1", "session.prune", "tk:sessions:expiry", "ok: Removed 0 entries", "redis://x");

        AuditSnapshot s = new AuditProbe(local, "ws1", Clock.systemUTC()).collect(redis);

        assertThat(s.sharedProblem()).contains("WRONGTYPE");
        assertThat(s.rows()).singleElement().satisfies(r -> assertThat(r.action()).isEqualTo("session.prune"));
    }

    @Test
    void anUnreachableRedisIsAnError(RedisServerProcess server, RedisConnections redis) {
        AuditProbe probe = new AuditProbe(null, "ws1", Clock.systemUTC());
        server.stop();
        try {
            assertThatThrownBy(() -> probe.collect(redis)).isInstanceOfSatisfying(RedisAccessException.class,
                    e -> assertThat(e.isUnavailable()).isTrue());
        } finally {
            server.restart();
            WaitFor.reconnected(redis);
        }
        assertThat(probe.collect(redis).rows()).isEmpty();
    }
}
