package io.trackeep.dashboard.monitor.audit;

import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTimelineTest {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    private static AuditEntry shared(String id, Instant when, String who, String action, String host) {
        return new AuditEntry(id, who, when, action, "user 42", "ok: done", host, Map.of());
    }

    private static LocalAuditLog.Entry local(Instant when, String action, String result) {
        return new LocalAuditLog.Entry(when, "ann@ws1", action, "user 42", result, "redis://127.0.0.1:6379 (prefix tk)");
    }

    @Test
    void anActionInBothLogsIsOneRowAndEverythingIsNewestFirst() {
        List<AuditRow> rows = AuditTimeline.merge(
                List.of(shared("3-0", T.plusSeconds(30), "bob@ws2", "cache.invalidate", "ws2"),
                        shared("2-0", T.plusMillis(3), "ann@ws1", "session.kill-user", "ws1")),
                List.of(local(T.plusSeconds(60), "session.kill", "refused: read-only connection"),
                        local(T, "session.kill-user", "ok: done")),
                "ws1");

        assertThat(rows).extracting(AuditRow::action).containsExactly("session.kill", "cache.invalidate", "session.kill-user");
        assertThat(rows).extracting(AuditRow::source).containsExactly(AuditRow.Source.LOCAL, AuditRow.Source.SHARED, AuditRow.Source.BOTH);
        assertThat(rows.get(2).sharedId()).isEqualTo("2-0");
        assertThat(rows.get(2).connection()).contains("prefix tk");
        assertThat(rows.get(1).host()).isEqualTo("ws2");
    }

    @Test
    void twinsMustBeCloseInTimeAndFromThisHost() {
        List<AuditRow> rows = AuditTimeline.merge(
                List.of(shared("1-0", T.plusSeconds(600), "ann@ws1", "session.kill-user", "ws1"),
                        shared("2-0", T, "ann@ws1", "session.kill-user", "another-host")),
                List.of(local(T, "session.kill-user", "ok: done")),
                "ws1");
        assertThat(rows).hasSize(3).extracting(AuditRow::source).doesNotContain(AuditRow.Source.BOTH);
    }

    @Test
    void anEntryWithoutATimeIsPlacedByItsStreamId() {
        AuditEntry noTime = new AuditEntry(T.plusSeconds(5).toEpochMilli() + "-0", "x", null, "a", "t", "ok", "h", Map.of());
        List<AuditRow> rows = AuditTimeline.merge(List.of(noTime, shared("1-0", T, "y", "b", "h")), List.of(), "ws1");
        assertThat(rows.get(0).when()).isEqualTo(T.plusSeconds(5));
    }
}
