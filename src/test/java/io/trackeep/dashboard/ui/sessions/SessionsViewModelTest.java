package io.trackeep.dashboard.ui.sessions;

import io.trackeep.dashboard.monitor.sessions.LoginRate;
import io.trackeep.dashboard.monitor.sessions.SessionFigures;
import io.trackeep.dashboard.monitor.sessions.SessionListing;
import io.trackeep.dashboard.monitor.sessions.SessionQuery;
import io.trackeep.dashboard.monitor.sessions.SessionRow;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot;
import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.service.session.SessionEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:30:30Z");

    private final SessionsViewModel vm = new SessionsViewModel();

    private static SessionRow row(String sid, long uid, String name, String role, String ip) {
        return new SessionRow(sid, uid, name, name + "@example.org", role, ip, "Firefox", NOW.minusSeconds(600), NOW.minusSeconds(60),
                86_000_000L, null, null);
    }

    private static SessionRow malformed(String sid) {
        return new SessionRow(sid, null, "", "", "", "", "", null, null, 5_000L, "Malformed JSON: Session: oops", "{oops");
    }

    private static SessionFigures indexed(long sessions, long stale) {
        return new SessionFigures(new SessionsSnapshot(sessions, 3L, stale, List.of(new SessionsSnapshot.TopUser(42, "ann", 3))),
                true, sessions, true, 1.0, null, 3, true, NOW, SessionFigures.TopUsersBasis.USER_SETS, 0, NOW);
    }

    private static SessionFigures scanning(long seen, double progress) {
        return new SessionFigures(new SessionsSnapshot(null, null, null, List.of()), false, seen, false, progress, null, 2, false, NOW,
                SessionFigures.TopUsersBasis.USER_SETS_SO_FAR, 0, NOW);
    }

    private static SessionListing listing(SessionQuery q, SessionListing.Source source, List<SessionRow> rows, boolean hasMore,
                                          int found, boolean complete, LoginRate logins) {
        return new SessionListing(q, source, rows, q.page() * 100, hasMore, found, complete, true, logins, NOW);
    }

    private static LoginRate logins(Instant... created) {
        List<SessionEntry> entries = new ArrayList<>();
        int i = 0;
        for (Instant c : created) {
            OffsetDateTime t = c.atOffset(ZoneOffset.UTC);
            entries.add(new SessionEntry.Valid("s" + i++, new Session(1, "", "", "", "s", "", "", t, t)));
        }
        return LoginRate.of(entries, NOW, null, false);
    }

    @Test
    void indexedFiguresAreExactAndSaySo() {
        vm.apply(new SessionsUpdate(indexed(6, 2), listing(SessionQuery.ALL, SessionListing.Source.INDEX,
                List.of(row("abcdefghij1", 42, "ann", "admin", "10.0.0.1")), false, -1, false,
                logins(NOW.minusSeconds(45), NOW.minusSeconds(50), NOW.minusSeconds(300)))));

        assertThat(vm.sessionsProperty().get().value()).isEqualTo("6");
        assertThat(vm.sessionsProperty().get().note()).isEqualTo("exact, from the index");
        assertThat(vm.staleProperty().get().value()).isEqualTo("2");
        assertThat(vm.usersProperty().get().value()).isEqualTo("3");
        assertThat(vm.loginsProperty().get().value()).isEqualTo("2 /min");
        assertThat(vm.loginsProperty().get().note()).isEqualTo("3 in 15 min");
        assertThat(vm.loginMinutes()).hasSize(15);
        assertThat(vm.topUsers()).extracting(SessionsSnapshot.TopUser::username).containsExactly("ann");
        assertThat(vm.sourceNoteProperty().get()).isEqualTo("Most recently active first, paged through the session index");
        assertThat(vm.pageTextProperty().get()).isEqualTo("Sessions 1–1 of 6");
        assertThat(vm.indexMissingProperty().get()).isFalse();
        assertThat(vm.topUsersCaptionProperty().get()).isEqualTo("Most sessions");
    }

    @Test
    void topUsersSayWhatTheyWereCountedFrom() {
        SessionFigures recent = new SessionFigures(new SessionsSnapshot(1_000_000L, null, 0L, List.of(new SessionsSnapshot.TopUser(42, "ann", 7))),
                true, 1_000_000, true, 1.0, null, 1_200, false, NOW, SessionFigures.TopUsersBasis.RECENT_SESSIONS, 10_000, NOW);
        vm.apply(new SessionsUpdate(recent, listing(SessionQuery.ALL, SessionListing.Source.INDEX, List.of(), false, -1, false, LoginRate.NONE)));
        assertThat(vm.topUsersCaptionProperty().get()).isEqualTo("Most sessions among the 10,000 most recently active");
        assertThat(vm.usersProperty().get().value()).isEqualTo("≥ 1,200");

        vm.apply(new SessionsUpdate(scanning(12, 0.34), listing(SessionQuery.ALL, SessionListing.Source.SCAN_SAMPLE, List.of(), false, 250, false,
                LoginRate.NONE)));
        assertThat(vm.topUsersCaptionProperty().get()).isEqualTo("Most sessions so far · scanning (2 sets)");
    }

    @Test
    void goOnlyDataSaysTheIndexIsMissingAndWhatIsStillBeingCounted() {
        vm.apply(new SessionsUpdate(scanning(12, 0.34), listing(SessionQuery.ALL, SessionListing.Source.SCAN_SAMPLE,
                List.of(row("abcdefghij1", 42, "ann", "admin", "10.0.0.1")), false, 250, false, LoginRate.NONE)));

        assertThat(vm.sessionsProperty().get().value()).isEqualTo("≥ 12");
        assertThat(vm.sessionsProperty().get().note()).isEqualTo("scanning… 34%");
        assertThat(vm.sessionsProperty().get().tooltip()).contains("no session index");
        assertThat(vm.usersProperty().get().value()).isEqualTo("≥ 2");
        assertThat(vm.staleProperty().get().value()).isEqualTo("n/a");
        assertThat(vm.sourceNoteProperty().get()).isEqualTo("Index missing: showing a sample of 250 sessions found by scanning");
        assertThat(vm.indexMissingProperty().get()).isTrue();
        assertThat(vm.loginsProperty().get()).isEqualTo(Figure.PENDING);
    }

    @Test
    void filterAndRoleNarrowTheRowsAndTheEmptyStateSaysWhy() {
        vm.apply(new SessionsUpdate(indexed(3, 0), listing(SessionQuery.ALL, SessionListing.Source.INDEX, List.of(
                row("ann-session-1", 42, "ann", "admin", "10.0.0.1"),
                row("bob-session-1", 7, "bob", "user", "192.168.1.7"),
                malformed("bad-session-1")), false, -1, false, LoginRate.NONE)));
        assertThat(vm.roles()).containsExactly(SessionsViewModel.ALL_ROLES, "admin", "user");

        vm.filterTextProperty().set("192.168");
        assertThat(vm.visibleRows()).extracting(SessionRow::username).containsExactly("bob");
        assertThat(vm.pageTextProperty().get()).isEqualTo("Sessions 1–3 of 3 · 1 shown");
        vm.filterTextProperty().set("malformed");
        assertThat(vm.visibleRows()).extracting(SessionRow::sessionId).containsExactly("bad-session-1");
        vm.filterTextProperty().set("42");
        assertThat(vm.visibleRows()).extracting(SessionRow::username).containsExactly("ann");
        vm.filterTextProperty().set("");
        vm.roleProperty().set("user");
        assertThat(vm.visibleRows()).extracting(SessionRow::username).containsExactly("bob");
        vm.filterTextProperty().set("ann");
        assertThat(vm.visibleRows()).isEmpty();
        assertThat(vm.emptyTitleProperty().get()).isEqualTo("No session matches the filter");
        assertThat(vm.emptyMessageProperty().get()).contains("“ann”", "role user");
    }

    @Test
    void aUserIdAsksTheProbeForThatUserAndRejectsNonsense() {
        vm.userIdTextProperty().set("42");
        assertThat(vm.queryProperty().get()).isEqualTo(new SessionQuery(42L, 0));
        assertThat(vm.userIdProblemProperty().get()).isNull();

        vm.userIdTextProperty().set("ann");
        assertThat(vm.userIdProblemProperty().get()).isEqualTo("A user id is a whole number, like 42");
        assertThat(vm.queryProperty().get()).isEqualTo(new SessionQuery(42L, 0));

        vm.apply(new SessionsUpdate(indexed(0, 0), listing(new SessionQuery(42L, 0), SessionListing.Source.USER,
                List.of(), false, 0, false, LoginRate.NONE)));
        assertThat(vm.emptyTitleProperty().get()).isEqualTo("No live sessions of user 42");

        vm.clearUser();
        assertThat(vm.queryProperty().get()).isEqualTo(SessionQuery.ALL);
    }

    @Test
    void pagingFollowsTheListingAndIgnoresPagesOfAnEarlierQuery() {
        List<SessionRow> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(row("session-" + i, i, "u" + i, "user", "10.0.0." + i));
        }
        vm.apply(new SessionsUpdate(indexed(150, 0), listing(SessionQuery.ALL, SessionListing.Source.INDEX, hundred, true, -1, false, LoginRate.NONE)));
        assertThat(vm.canNextProperty().get()).isTrue();
        assertThat(vm.canPreviousProperty().get()).isFalse();

        vm.nextPage();
        assertThat(vm.queryProperty().get()).isEqualTo(new SessionQuery(null, 1));
        // a refresh that was already running still brings page 0: not shown as page 1
        vm.apply(new SessionsUpdate(indexed(150, 0), listing(SessionQuery.ALL, SessionListing.Source.INDEX, hundred.subList(0, 3), true, -1, false, LoginRate.NONE)));
        assertThat(vm.visibleRows()).hasSize(100);

        vm.apply(new SessionsUpdate(indexed(150, 0), listing(new SessionQuery(null, 1), SessionListing.Source.INDEX,
                hundred.subList(0, 50), false, -1, false, LoginRate.NONE)));
        assertThat(vm.pageTextProperty().get()).isEqualTo("Sessions 101–150 of 150");
        assertThat(vm.canNextProperty().get()).isFalse();
        assertThat(vm.canPreviousProperty().get()).isTrue();
        vm.previousPage();
        assertThat(vm.queryProperty().get()).isEqualTo(SessionQuery.ALL);
    }

    @Test
    void anEmptyRedisWithoutIndexIsNotWarnedAbout() {
        SessionFigures empty = new SessionFigures(new SessionsSnapshot(0L, 0L, null, List.of()), false, 0, true, 1.0, NOW, 0, true, NOW,
                SessionFigures.TopUsersBasis.USER_SETS, 0, NOW);
        vm.apply(new SessionsUpdate(empty, listing(SessionQuery.ALL, SessionListing.Source.SCAN_SAMPLE, List.of(), false, 0, true, LoginRate.NONE)));
        assertThat(vm.sourceNoteProperty().get()).isEqualTo("No session keys in this Redis");
        assertThat(vm.indexMissingProperty().get()).isFalse();
        assertThat(vm.staleProperty().get().note()).isEqualTo("no sessions yet");
        assertThat(vm.emptyTitleProperty().get()).isEqualTo("No sessions yet");
    }

    @Test
    void anEmptyRedisInvitesLogins() {
        assertThat(vm.emptyTitleProperty().get()).isEqualTo("Reading sessions…");
        vm.apply(new SessionsUpdate(indexed(0, 0), listing(SessionQuery.ALL, SessionListing.Source.INDEX, List.of(), false, -1, false, LoginRate.NONE)));
        assertThat(vm.emptyTitleProperty().get()).isEqualTo("No sessions yet");
        assertThat(vm.emptyMessageProperty().get())
                .isEqualTo("Sessions appear when users log in through a Trackeep backend or the local instance.");
        assertThat(vm.pageTextProperty().get()).isEmpty();
    }
}
