package io.trackeep.dashboard.ui.leaderboards;

import io.trackeep.dashboard.monitor.leaderboards.BoardPlace;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankHistoryTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private static BoardPlace user(long id, long rank) {
        return new BoardPlace(id, null, 100 - rank, rank);
    }

    @Test
    void noMovementIsKnownForTheFirstReadingOfABoard() {
        RankHistory h = new RankHistory();
        assertThat(h.apply("7/20", List.of(user(1, 1), user(2, 2)), T)).containsOnly(RankMovement.UNKNOWN);
        assertThat(h.changedAt()).isNull();
    }

    @Test
    void aChangeShowsUpDownAndNewAndTheArrowsStayUntilTheNextChange() {
        RankHistory h = new RankHistory();
        h.apply("7/3", List.of(user(1, 1), user(2, 2), user(3, 3)), T);

        List<RankMovement> moves = h.apply("7/3", List.of(user(3, 1), user(1, 2), user(4, 3)), T.plusSeconds(1));
        assertThat(moves).containsExactly(new RankMovement(RankMovement.Kind.UP, 2),
                new RankMovement(RankMovement.Kind.DOWN, 1), RankMovement.NEW);
        assertThat(moves).extracting(RankMovement::text).containsExactly("▲2", "▼1", "new");
        assertThat(h.changedAt()).isEqualTo(T.plusSeconds(1));

        // the same ranking read again: the arrows of the change stay
        assertThat(h.apply("7/3", List.of(user(3, 1), user(1, 2), user(4, 3)), T.plusSeconds(2)))
                .extracting(RankMovement::text).containsExactly("▲2", "▼1", "new");
        assertThat(h.changedAt()).isEqualTo(T.plusSeconds(1));

        // the next change is measured against the ranking before it
        assertThat(h.apply("7/3", List.of(user(3, 1), user(4, 2), user(1, 3)), T.plusSeconds(3)))
                .extracting(RankMovement::text).containsExactly("=", "▲1", "▼1");
    }

    @Test
    void anotherBoardOrSizeStartsOver() {
        RankHistory h = new RankHistory();
        h.apply("7/3", List.of(user(1, 1)), T);
        h.apply("7/3", List.of(user(2, 1)), T);
        assertThat(h.apply("8/3", List.of(user(1, 1)), T)).containsExactly(RankMovement.UNKNOWN);
        assertThat(h.changedAt()).isNull();
    }

    @Test
    void movementsSortBiggestClimbFirst() {
        assertThat(List.of(RankMovement.SAME, new RankMovement(RankMovement.Kind.DOWN, 3), RankMovement.NEW,
                new RankMovement(RankMovement.Kind.UP, 1), new RankMovement(RankMovement.Kind.UP, 5), RankMovement.UNKNOWN)
                .stream().sorted(java.util.Comparator.comparingLong(RankMovement::sortKey).reversed()).map(RankMovement::text))
                .containsExactly("▲5", "▲1", "new", "=", "", "▼3");
    }
}
