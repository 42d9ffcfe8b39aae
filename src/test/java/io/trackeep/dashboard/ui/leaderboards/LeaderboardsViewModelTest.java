package io.trackeep.dashboard.ui.leaderboards;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.leaderboards.BoardPlace;
import io.trackeep.dashboard.monitor.leaderboards.BoardSummary;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsProbe;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.InlineReads;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The view model without a window: inline executor, real Redis with boards as the Go backend writes them. */
@ExtendWith(RedisServerExtension.class)
class LeaderboardsViewModelTest {

    private static final String BOARD = "tk:challenge:7:leaderboard";

    private final RedisConnections redis;
    private final LeaderboardsViewModel vm;
    private final LeaderboardsProbe probe = LeaderboardsProbe.paced(new CensusTracker(Duration.ZERO), 0);

    LeaderboardsViewModelTest(RedisConnections redis) {
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        this.redis = redis;
        this.vm = new LeaderboardsViewModel(new InlineReads(() -> redis));
    }

    @BeforeEach
    void goFixture() { // after the extension's FLUSHALL
        var r = redis.sync();
        r.zadd(BOARD, 2000, "17");
        r.zadd(BOARD, 1250, "42");
        r.zadd(BOARD, 300, "bob");
        r.zadd("tk:challenge:12:leaderboard", 10, "1");
    }

    private void tick() {
        vm.apply(new LeaderboardsReads(probe, vm::query).collect(redis));
    }

    @Test
    void theFirstReadingListsBoardsSelectsTheFirstAndShowsItsTop() {
        tick();

        assertThat(vm.loadedProperty().get()).isTrue();
        assertThat(vm.boards()).extracting(BoardSummary::id).containsExactly("7", "12");
        assertThat(vm.boardsStatusProperty().get()).isEqualTo("2 boards");
        assertThat(vm.selectedBoardProperty().get()).isEqualTo("7");
        assertThat(vm.places()).extracting(PlaceRow::who).containsExactly("17", "42", "\"bob\"");
        assertThat(vm.places()).extracting(r -> r.place().rank()).containsExactly(1L, 2L, 3L);
        assertThat(vm.places()).extracting(PlaceRow::movement).containsOnly(RankMovement.UNKNOWN);
        assertThat(vm.boardTitleProperty().get()).isEqualTo("Challenge 7");
        assertThat(vm.boardFactsProperty().get()).startsWith("3 members · top 3 · read ");
        assertThat(vm.movementNoteProperty().get()).isEqualTo("Rank movement appears when the ranking changes while you watch.");
    }

    @Test
    void aChangedRankingShowsMovementOnTheNextRefresh() {
        tick();
        redis.sync().zadd(BOARD, 5000, "42");
        redis.sync().zadd(BOARD, 100, "99");
        tick();

        assertThat(vm.places()).extracting(PlaceRow::who).containsExactly("42", "17", "\"bob\"", "99");
        assertThat(vm.places()).extracting(r -> r.movement().text()).containsExactly("▲1", "▼1", "=", "new");
        assertThat(vm.movementNoteProperty().get()).startsWith("Movement since the ranking changed at ");
    }

    @Test
    void selectingAnotherBoardOrSizeReadsItAtOnceAndStaleReadingsAreIgnored() {
        tick();
        LeaderboardsViewModel.Query before = vm.query();
        var staleReading = new LeaderboardsReads(probe, () -> before).collect(redis);

        vm.selectedBoardProperty().set("12");
        assertThat(vm.places()).extracting(PlaceRow::who).containsExactly("1");

        vm.apply(staleReading); // a tick that read board 7 before the selection changed
        assertThat(vm.places()).extracting(PlaceRow::who).containsExactly("1");

        vm.selectedBoardProperty().set("7");
        vm.topProperty().set(1);
        assertThat(vm.query()).isEqualTo(new LeaderboardsViewModel.Query("7", 1));
        assertThat(vm.places()).extracting(PlaceRow::who).containsExactly("17");
        assertThat(vm.boardFactsProperty().get()).startsWith("3 members · top 1");
    }

    @Test
    void filtersBoardsAndMembers() {
        tick();
        vm.boardFilterProperty().set("1");
        assertThat(vm.visibleBoards()).extracting(BoardSummary::id).containsExactly("12");
        vm.boardFilterProperty().set("");
        vm.memberFilterProperty().set("BO");
        assertThat(vm.visiblePlaces()).extracting(PlaceRow::who).containsExactly("\"bob\"");
        vm.memberFilterProperty().set("4");
        assertThat(vm.visiblePlaces()).extracting(PlaceRow::who).containsExactly("42");
    }

    @Test
    void lookupSaysRankAndScoreOrWhyNot() {
        tick();
        vm.lookup("42");
        assertThat(vm.lookupResultProperty().get()).isEqualTo("User 42: rank 2 of 3 with 1,250 points.");
        assertThat(vm.lookedUpProperty().get()).isEqualTo(new BoardPlace(42L, null, 1250, 2));

        vm.lookup("99");
        assertThat(vm.lookupResultProperty().get()).isEqualTo("User 99 is not on challenge 7.");
        assertThat(vm.lookedUpProperty().get()).isNull();

        vm.lookup("bob");
        assertThat(vm.lookupResultProperty().get()).startsWith("“bob” is not a user id.");
        vm.lookup(" ");
        assertThat(vm.lookupResultProperty().get()).isEmpty();
    }

    @Test
    void aBoardThatIsNotASortedSetSaysSo() {
        redis.sync().set("tk:challenge:3:leaderboard", "oops");
        tick();
        assertThat(vm.boards()).extracting(BoardSummary::id).containsExactly("3", "7", "12");
        vm.selectedBoardProperty().set("3");
        assertThat(vm.places()).isEmpty();
        assertThat(vm.boardFactsProperty().get()).isEqualTo("Not a leaderboard");
        assertThat(vm.placesPlaceholderProperty().get()).contains("holds another type of value, not a sorted set");
    }

    @Test
    void noBoardsMeansLoadedAndEmpty() {
        redis.sync().flushall();
        tick();
        assertThat(vm.loadedProperty().get()).isTrue();
        assertThat(vm.boards()).isEmpty();
        assertThat(vm.selectedBoardProperty().get()).isNull();
    }

    @Test
    void aReadFailureDuringALookupIsShownNotThrown() {
        tick();
        LeaderboardsViewModel broken = new LeaderboardsViewModel(new InlineReads(() -> {
            RedisConnections c = RedisConnections.open(redis.settings());
            c.close(); // closed: every command fails at once
            return c;
        }));
        broken.apply(new LeaderboardsViewModel.Update(null, null, broken.query(), java.time.Instant.now()));
        broken.selectedBoardProperty().set("7");
        broken.lookup("42");
        assertThat(broken.lookupResultProperty().get()).startsWith("Could not look up user 42: ");
        assertThat(broken.placesPlaceholderProperty().get()).startsWith("Could not read challenge 7: ");
    }

    @Test
    void clearForgetsTheConnectionsData() {
        tick();
        vm.clear();
        assertThat(vm.boards()).isEmpty();
        assertThat(vm.places()).isEmpty();
        assertThat(vm.loadedProperty().get()).isFalse();
        assertThat(vm.selectedBoardProperty().get()).isNull();
        assertThat(vm.placesPlaceholderProperty().get()).isEqualTo("Reading the leaderboards…");
    }

    @Test
    void aListingThatIsRefusedEndsTheReadingStateWithTheReason(RedisServerProcess server) {
        redis.sync().aclSetuser("noscan", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("noscan-pw").allKeys()
                .addCategory(io.lettuce.core.AclCategory.CONNECTION));
        try (RedisConnections limited = RedisConnections.open(server.settings().withCredentials("noscan", "noscan-pw"))) {
            LeaderboardsViewModel refused = new LeaderboardsViewModel(new InlineReads(() -> limited));
            refused.apply(new LeaderboardsReads(LeaderboardsProbe.paced(new CensusTracker(Duration.ZERO), 0), refused::query).collect(limited));

            assertThat(refused.loadedProperty().get()).isTrue();
            assertThat(refused.boardsProblemProperty().get()).startsWith("Could not list the leaderboards").contains("not permitted");
            assertThat(refused.placesPlaceholderProperty().get()).doesNotContain("Reading");
        } finally {
            redis.sync().aclDeluser("noscan");
        }
    }

    @Test
    void anOddKeyIsCountedInTheStatusAndTheRestIsShown() {
        redis.sync().zadd("tk:challenge:a:b:c:leaderboard", 1, "1");
        for (int i = 0; i < 50 && !vm.boardsStatusProperty().get().contains("not one"); i++) {
            tick();
        }
        assertThat(vm.boards()).extracting(b -> b.id()).contains("7");
        assertThat(vm.boardsStatusProperty().get()).contains("1 key named like a board is not one");
    }
}
