package io.trackeep.dashboard.ui.sessions;

import io.trackeep.dashboard.monitor.sessions.LoginRate;
import io.trackeep.dashboard.monitor.sessions.SessionCensus;
import io.trackeep.dashboard.monitor.sessions.SessionFigures;
import io.trackeep.dashboard.monitor.sessions.SessionListing;
import io.trackeep.dashboard.monitor.sessions.SessionQuery;
import io.trackeep.dashboard.monitor.sessions.SessionRow;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot;
import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.service.session.SessionEntry;
import io.trackeep.dashboard.service.stats.StatsWindow;
import io.trackeep.dashboard.ui.kit.Figure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    private static SessionCensus.Figures census(boolean complete, double progress, long sessions, long unreadable, long users,
                                                long ghosts, SessionCensus.IndexCheck index) {
        return new SessionCensus.Figures(complete, complete ? NOW.minusSeconds(5) : null, progress, sessions, unreadable,
                List.of(), users, false, List.of(new SessionsSnapshot.TopUser(42, null, 3)), users, sessions + ghosts, ghosts, index);
    }

    private static SessionFigures figures(SessionCensus.Figures c, boolean trusted, Long total, Long stale) {
        Map<String, SessionsSnapshot.Accuracy> accuracy = Map.of("total", c.complete() ? SessionsSnapshot.Accuracy.EXACT
                : SessionsSnapshot.Accuracy.APPROXIMATE);
        SessionsSnapshot snapshot = new SessionsSnapshot(total, c.unreadable(), c.users(), stale, c.ghostIds(),
                List.of(new SessionsSnapshot.TopUser(42, "ann", 3)), accuracy,
                new SessionsSnapshot.Scan(c.complete(), c.progress(), c.completedAt()),
                new SessionsSnapshot.Index(c.index().present(), c.complete() ? c.index().complete() : null, c.completedAt(),
                        c.index().notListed(), trusted));
        return new SessionFigures(snapshot, c, trusted, NOW);
    }

    /** Every session is this project's: the census found the index complete. */
    private static SessionFigures indexed(long sessions, long stale) {
        return figures(census(true, 1.0, sessions, 0, 3, 0, new SessionCensus.IndexCheck(true, sessions, 0, 0, 0L)), true, sessions, stale);
    }

    /** The first scan is under way on a Redis without the index. */
    private static SessionFigures scanning(long seen, double progress) {
        return figures(census(false, progress, seen, 0, 2, 0, new SessionCensus.IndexCheck(false, 0, 0, 0, null)), false, seen, null);
    }

    private static SessionListing listing(SessionQuery q, SessionListing.Source source, List<SessionRow> rows, boolean hasMore,
                                          int found, boolean complete, LoginRate logins) {
        return new SessionListing(q, source, rows, q.page() * 100, hasMore, found, complete, true, logins, NOW);
    }

    /** Logins counted at login: one count per minute, the last the current minute. */
    private static LoginRate counted(long... perMinute) {
        List<StatsWindow.Minute> minutes = new ArrayList<>();
        Instant start = NOW.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(perMinute.length - 1));
        for (int i = 0; i < perMinute.length; i++) {
            minutes.add(new StatsWindow.Minute(start.plus(Duration.ofMinutes(i)), perMinute[i], 0));
        }
        return LoginRate.counted(minutes);
    }

    private static LoginRate created(Instant... created) {
        List<SessionEntry> entries = new ArrayList<>();
        int i = 0;
        for (Instant c : created) {
            OffsetDateTime t = c.atOffset(ZoneOffset.UTC);
            entries.add(new SessionEntry.Valid("s" + i++, new Session(1, "", "", "", "s", "", "", t, t)));
        }
        return LoginRate.of(entries, NOW, false, 0);
    }

    @Test
    void indexedFiguresAreExactAndSaySoAndLoginsAreCountedAtLogin() {
        vm.apply(new SessionsUpdate(indexed(6, 2), listing(SessionQuery.ALL, SessionListing.Source.INDEX,
                List.of(row("abcdefghij1", 42, "ann", "admin", "10.0.0.1")), false, -1, false,
                counted(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 45, 4))));

        assertThat(vm.figure("sessions").text()).isEqualTo("6");
        assertThat(vm.figure("sessions").detailProperty().get()).isEqualTo("exact, from index");
        assertThat(vm.figure("stale").text()).isEqualTo("2");
        assertThat(vm.figure("stale").detailProperty().get()).isEqualTo("sets 0 · index 2");
        assertThat(vm.figure("users").text()).isEqualTo("3");
        assertThat(vm.figure("logins").label()).isEqualTo("Logins");
        assertThat(vm.figure("logins").text()).as("the last finished minute").isEqualTo("45 /min");
        assertThat(vm.figure("logins").detailProperty().get()).isEqualTo("50 in 15 min");
        assertThat(vm.loginCaptionProperty().get()).isEqualTo("Logins per minute · last 15 min");
        assertThat(vm.loginNoteProperty().get()).isEqualTo("This minute: 4 so far");
        assertThat(vm.loginMinutes()).as("the unfinished minute is not drawn as a drop").hasSize(14)
                .extracting(LoginRate.MinuteCount::logins).endsWith(1L, 45L);
        assertThat(vm.topUsers()).extracting(SessionsSnapshot.TopUser::username).containsExactly("ann");
        assertThat(vm.sourceNoteProperty().get()).isEqualTo("Most recently active first, paged through the session index");
        assertThat(vm.pageTextProperty().get()).isEqualTo("Sessions 1–1 of 6");
        assertThat(vm.indexMissingProperty().get()).isFalse();
        assertThat(vm.topUsersCaptionProperty().get()).isEqualTo("Most live sessions");
    }

    @Test
    void besideAGoBackendTheScanCountsAndTheFiguresSaySo() {
        SessionCensus.Figures c = census(true, 1.0, 51, 1, 11, 3, new SessionCensus.IndexCheck(true, 1, 50, 0, null));
        vm.apply(new SessionsUpdate(figures(c, false, 51L, 0L), listing(SessionQuery.ALL, SessionListing.Source.SCAN_SAMPLE,
                List.of(row("abcdefghij1", 42, "ann", "admin", "10.0.0.1")), false, 52, true,
                created(NOW.minusSeconds(45), NOW.minusSeconds(50), NOW.minusSeconds(300)))));

        assertThat(vm.figure("sessions").text()).isEqualTo("51");
        assertThat(vm.figure("sessions").detailProperty().get()).isEqualTo("exact, by scanning");
        assertThat(vm.figure("sessions").storyProperty().get()).contains("lists 1 of 51 readable sessions");
        assertThat(vm.unreadableProperty().get()).isEqualTo(1);
        assertThat(vm.figure("users").text()).isEqualTo("11");
        assertThat(vm.figure("stale").text()).isEqualTo("3");
        assertThat(vm.figure("logins").label()).isEqualTo("Sessions created");
        assertThat(vm.figure("logins").text()).isEqualTo("2 /min");
        assertThat(vm.figure("logins").detailProperty().get()).isEqualTo("3 in 15 min");
        assertThat(vm.loginCaptionProperty().get()).isEqualTo("Sessions created per minute, still alive");
        assertThat(vm.sourceNoteProperty().get()).isEqualTo("Index incomplete: all 52 session keys, by scanning");
        assertThat(vm.indexMissingProperty().get()).isTrue();
    }

    @Test
    void aSwitchOfServerForgetsWhatThePreviousOneSaid() {
        SessionCensus.Figures c = census(true, 1.0, 51, 1, 11, 3, new SessionCensus.IndexCheck(true, 1, 50, 0, null));
        vm.apply(new SessionsUpdate(figures(c, false, 51L, 0L), listing(SessionQuery.ALL, SessionListing.Source.SCAN_SAMPLE,
                List.of(row("abcdefghij1", 42, "ann", "admin", "10.0.0.1")), false, 52, true, created(NOW.minusSeconds(45)))));

        vm.clear();

        assertThat(vm.unreadableProperty().get()).isZero();
        assertThat(vm.figure("logins").label()).isEqualTo("Logins");
        assertThat(vm.loginNoteProperty().get()).isEmpty();
        assertPending(vm.figure("logins"));
    }

    @Test
    void whileTheFirstScanRunsFiguresAreLowerBoundsWithHowFarItGot() {
        vm.apply(new SessionsUpdate(scanning(12, 0.34), listing(SessionQuery.ALL, SessionListing.Source.SCAN_SAMPLE,
                List.of(row("abcdefghij1", 42, "ann", "admin", "10.0.0.1")), false, 250, false, LoginRate.NONE)));

        assertThat(vm.figure("sessions").text()).isEqualTo("≥ 12");
        assertThat(vm.figure("sessions").detailProperty().get()).isEqualTo("counting… 34%");
        assertThat(vm.figure("sessions").storyProperty().get()).contains("no session index");
        assertThat(vm.figure("users").text()).isEqualTo("≥ 2");
        assertThat(vm.figure("stale").text()).isEqualTo("≥ 0");
        assertThat(vm.topUsersCaptionProperty().get()).isEqualTo("Most live sessions so far · counting 34%");
        assertThat(vm.sourceNoteProperty().get()).isEqualTo("Index missing: a sample of 250 session keys, by scanning");
        assertThat(vm.indexMissingProperty().get()).isTrue();
        assertPending(vm.figure("logins"));
    }

    @Test
    void unreadableValuesCanBeListedAndLeftAgain() {
        vm.showUnreadable(true);
        assertThat(vm.queryProperty().get()).isEqualTo(SessionQuery.UNREADABLE);
        vm.apply(new SessionsUpdate(indexed(3, 0), listing(SessionQuery.UNREADABLE, SessionListing.Source.UNREADABLE,
                List.of(malformed("bad-session-1")), false, 1, false, LoginRate.NONE)));
        assertThat(vm.sourceNoteProperty().get()).startsWith("Session keys whose value is not a session");
        assertThat(vm.visibleRows()).extracting(SessionRow::sessionId).containsExactly("bad-session-1");

        vm.showUnreadable(false);
        assertThat(vm.queryProperty().get()).isEqualTo(SessionQuery.ALL);
        vm.showUnreadable(true);
        vm.userId().textProperty().set("42");
        assertThat(vm.queryProperty().get()).isEqualTo(new SessionQuery(42L, 0));
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
        assertThat(vm.placeholderProperty().get().title()).isEqualTo("No session matches the filter");
        assertThat(vm.placeholderProperty().get().message()).contains("“ann”", "role user");
    }

    @Test
    void aUserIdAsksTheProbeForThatUserAndRejectsNonsense() {
        vm.userId().textProperty().set("42");
        assertThat(vm.queryProperty().get()).isEqualTo(new SessionQuery(42L, 0));
        assertThat(vm.userId().checkProperty().get().message()).isEmpty();

        vm.userId().textProperty().set("ann");
        assertThat(vm.userId().checkProperty().get().message()).isEqualTo("A user id is a whole number, like 42");
        assertThat(vm.queryProperty().get()).isEqualTo(new SessionQuery(42L, 0));

        vm.apply(new SessionsUpdate(indexed(0, 0), listing(new SessionQuery(42L, 0), SessionListing.Source.USER,
                List.of(), false, 0, false, LoginRate.NONE)));
        assertThat(vm.placeholderProperty().get().title()).isEqualTo("No live sessions of user 42");

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
        SessionFigures empty = figures(census(true, 1.0, 0, 0, 0, 0, new SessionCensus.IndexCheck(false, 0, 0, 0, null)), false, 0L, null);
        vm.apply(new SessionsUpdate(empty, listing(SessionQuery.ALL, SessionListing.Source.SCAN_SAMPLE, List.of(), false, 0, true, LoginRate.NONE)));
        assertThat(vm.sourceNoteProperty().get()).isEqualTo("No session keys in this Redis");
        assertThat(vm.indexMissingProperty().get()).isFalse();
        assertThat(vm.figure("sessions").text()).isEqualTo("0");
        assertThat(vm.placeholderProperty().get().title()).isEqualTo("No sessions yet");
    }

    @Test
    void anEmptyRedisInvitesLogins() {
        assertThat(vm.placeholderProperty().get().title()).isEqualTo("Reading sessions…");
        vm.apply(new SessionsUpdate(indexed(0, 0), listing(SessionQuery.ALL, SessionListing.Source.INDEX, List.of(), false, -1, false, LoginRate.NONE)));
        assertThat(vm.placeholderProperty().get().title()).isEqualTo("No sessions yet");
        assertThat(vm.placeholderProperty().get().message())
                .isEqualTo("Sessions appear when users log in through a Trackeep backend or the local instance.");
        assertThat(vm.pageTextProperty().get()).isEmpty();
    }

    private static void assertPending(Figure f) {
        assertThat(f.text()).isEqualTo(Reading.PENDING.value());
        assertThat(f.detailProperty().get()).isEqualTo(Reading.PENDING.note());
        assertThat(f.storyProperty().get()).isEqualTo(Reading.PENDING.tooltip());
    }
}
