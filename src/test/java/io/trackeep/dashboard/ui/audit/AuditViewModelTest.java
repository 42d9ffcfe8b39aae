package io.trackeep.dashboard.ui.audit;

import io.trackeep.dashboard.monitor.audit.AuditRow;
import io.trackeep.dashboard.monitor.audit.AuditSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditViewModelTest {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    private final AuditViewModel vm = new AuditViewModel();

    private static AuditRow row(String who, String host, String action, String result, AuditRow.Source source) {
        return new AuditRow(T, who, host, action, "user 42 (ann)", result, source, source == AuditRow.Source.LOCAL ? null : "1-0", null);
    }

    private static AuditSnapshot snapshot(List<AuditRow> rows, String sharedProblem) {
        return new AuditSnapshot(rows, 1, 2, false, true, sharedProblem, null, "/home/ann/.local/share/x/audit.jsonl", T);
    }

    @Test
    void showsWhatWasReadAndFiltersByTextAndSource() {
        vm.apply(snapshot(List.of(
                row("ann@ws1", "ws1", "session.kill-user", "ok: Killed 3 sessions", AuditRow.Source.BOTH),
                row("ann@ws1", "ws1", "session.kill", "refused: read-only connection", AuditRow.Source.LOCAL),
                row("bob@ws2", "ws2", "cache.invalidate", "ok: 12 keys", AuditRow.Source.SHARED)), null));

        assertThat(vm.visibleRows()).hasSize(3);
        assertThat(vm.statusProperty().get())
                .isEqualTo("1 from the shared trail · 2 from this workstation's log (/home/ann/.local/share/x/audit.jsonl)");
        assertThat(vm.canLoadOlderProperty().get()).isTrue();
        assertThat(vm.problemProperty().get()).isNull();

        vm.sourceProperty().set(AuditViewModel.SourceFilter.OTHERS);
        assertThat(vm.visibleRows()).extracting(AuditRow::who).containsExactly("bob@ws2");
        vm.sourceProperty().set(AuditViewModel.SourceFilter.THIS_WORKSTATION);
        assertThat(vm.visibleRows()).hasSize(2);
        vm.filterTextProperty().set("REFUSED");
        assertThat(vm.visibleRows()).extracting(AuditRow::action).containsExactly("session.kill");
        vm.filterTextProperty().set("nothing like this");
        assertThat(vm.placeholderProperty().get().title()).isEqualTo("No action matches the filter");
    }

    @Test
    void emptyStateExplainsWhereActionsComeFromAndProblemsAreShown() {
        assertThat(vm.placeholderProperty().get().title()).isEqualTo("Reading the audit trail…");
        vm.apply(snapshot(List.of(), null));
        assertThat(vm.placeholderProperty().get().title()).isEqualTo("No admin actions yet");
        assertThat(vm.placeholderProperty().get().message()).startsWith("Actions taken from this dashboard or its command line");
        vm.apply(snapshot(List.of(), "Reading the audit trail: Redis answered with an error: WRONGTYPE"));
        assertThat(vm.placeholderProperty().get().title()).isEqualTo("The shared audit trail could not be read");
        assertThat(vm.placeholderProperty().get().message()).startsWith("The error above says why.");
        assertThat(vm.problemProperty().get()).isEqualTo("Shared trail not shown: Reading the audit trail: Redis answered with an error: WRONGTYPE");
        assertThat(AuditViewModel.sourceLabel(AuditRow.Source.BOTH)).isEqualTo("Local + shared");
    }
}
