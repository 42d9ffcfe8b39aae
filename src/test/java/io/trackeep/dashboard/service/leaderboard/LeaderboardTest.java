package io.trackeep.dashboard.service.leaderboard;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class LeaderboardTest {

    private final RedisConnections redis;
    private final Leaderboards boards;
    private final Leaderboard board;

    LeaderboardTest(RedisConnections redis) {
        this.redis = redis;
        this.boards = new Leaderboards(redis);
        this.board = boards.board("7");
    }

    @Test
    void equalScoresShareARankAndTheNextRankSkips() {
        board.setScore(1, 100);
        board.setScore(2, 90);
        board.setScore(3, 90);
        board.setScore(4, 80);

        LeaderboardPage top = board.top(10);

        assertThat(top.entries()).extracting(Entry::rank).containsExactly(1L, 2L, 2L, 4L);
        assertThat(top.entries()).extracting(Entry::score).containsExactly(100.0, 90.0, 90.0, 80.0);
        assertThat(top.entries().get(0).userId()).isEqualTo(1);
        assertThat(top.total()).isEqualTo(4);
        assertThat(top.hasMore()).isFalse();
        assertThat(board.standing(3)).contains(new Entry(3, 90, 2));
        assertThat(board.standing(4)).contains(new Entry(4, 80, 4));
        assertThat(board.standing(99)).isEmpty();
    }

    @Test
    void pagesCutThroughTiesWithoutChangingTheirRank() {
        board.setScore(1, 100);
        for (long user = 2; user <= 6; user++) {
            board.setScore(user, 90); // five-way tie at rank 2
        }
        board.setScore(7, 80);

        List<LeaderboardPage> pages = List.of(board.page(0, 2), board.page(2, 2), board.page(4, 2), board.page(6, 2));

        assertThat(pages.get(0).entries()).extracting(Entry::rank).containsExactly(1L, 2L);
        assertThat(pages.get(1).entries()).extracting(Entry::rank).containsExactly(2L, 2L);
        assertThat(pages.get(2).entries()).extracting(Entry::rank).containsExactly(2L, 2L);
        assertThat(pages.get(3).entries()).extracting(Entry::rank).containsExactly(7L);
        assertThat(pages.get(2).hasMore()).isTrue();
        assertThat(pages.get(3).hasMore()).isFalse();
        assertThat(pages.stream().flatMap(p -> p.entries().stream()).map(Entry::userId).distinct()).hasSize(7);
        assertThat(board.page(10, 5).entries()).isEmpty();
    }

    @Test
    void incrementsReturnTheNewScoreAndRank() {
        board.setScore(1, 50);
        assertThat(board.addScore(2, 30)).isEqualTo(new Entry(2, 30, 2));
        assertThat(board.addScore(2, 20)).isEqualTo(new Entry(2, 50, 1)); // tied with user 1
        assertThat(board.addScore(2, 0.5)).isEqualTo(new Entry(2, 50.5, 1));
        assertThat(board.standing(1)).contains(new Entry(1, 50, 2));
        assertThat(redis.sync().zscore("tk:challenge:7:leaderboard", "2")).isEqualTo(50.5);
    }

    @Test
    void concurrentIncrementsAreNeitherLostNorMisranked() throws Exception {
        int threads = 8;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        board.addScore(1 + (i + thread) % 5, 1);
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                start.await();
                int pagesChecked = 0;
                while (writing.get()) {
                    assertConsistent(board.page(1, 3));
                    pagesChecked++;
                }
                return pagesChecked;
            });
            start.countDown();
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            assertThat(reader.get(10, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }

        LeaderboardPage all = board.top(10);
        assertThat(all.entries()).hasSize(5);
        assertThat(all.entries().stream().mapToDouble(Entry::score).sum()).isEqualTo(threads * perThread);
        assertThat(all.entries()).allSatisfy(e -> assertThat(e.score()).isEqualTo(threads * perThread / 5.0));
        assertThat(all.entries()).allSatisfy(e -> assertThat(e.rank()).isEqualTo(1));
    }

    /** Scores never increase down the page; ranks follow competition ranking from the page's offset. */
    private static void assertConsistent(LeaderboardPage page) {
        List<Entry> e = page.entries();
        for (int i = 1; i < e.size(); i++) {
            assertThat(e.get(i).score()).isLessThanOrEqualTo(e.get(i - 1).score());
            long expected = e.get(i).score() == e.get(i - 1).score() ? e.get(i - 1).rank() : page.offset() + i + 1;
            assertThat(e.get(i).rank()).isEqualTo(expected);
        }
        if (!e.isEmpty()) {
            assertThat(e.get(0).rank()).isBetween(1L, page.offset() + 1);
        }
    }

    @Test
    void bestScoreOnlyKeepsTheHighest() {
        assertThat(board.submitBest(1, 70)).isEqualTo(new BestScore(true, new Entry(1, 70, 1)));
        assertThat(board.submitBest(1, 50)).isEqualTo(new BestScore(false, new Entry(1, 70, 1)));
        assertThat(board.submitBest(1, 70)).isEqualTo(new BestScore(false, new Entry(1, 70, 1)));
        board.setScore(2, 80);
        assertThat(board.submitBest(1, 90)).isEqualTo(new BestScore(true, new Entry(1, 90, 1)));
        assertThat(board.standing(2)).contains(new Entry(2, 80, 2));
    }

    @Test
    void removeTakesAUserOffAndRanksCloseUp() {
        board.setScore(1, 100);
        board.setScore(2, 90);
        board.setScore(3, 80);

        assertThat(board.remove(2)).isTrue();
        assertThat(board.remove(2)).isFalse();

        assertThat(board.size()).isEqualTo(2);
        assertThat(board.standing(3)).contains(new Entry(3, 80, 2));
        assertThat(boards.board("never-written").size()).isZero();
    }

    @Test
    void listsTheBoardsFoundByScanningEvenOneOfAnotherTypeAndNothingElse() {
        boards.board("7").setScore(1, 1);
        boards.board("10").setScore(1, 1);
        boards.board("spring-sprint").setScore(1, 1);
        redis.sync().set("tk:challenge:8:leaderboard", "a string: not a board");
        redis.sync().zadd("tk:challenge:9:members", 1, "1");
        redis.sync().zadd("other:challenge:11:leaderboard", 1, "1");

        BoardListing listing = boards.list();

        assertThat(listing.challengeIds()).as("8 is listed: a broken board is not a missing one")
                .containsExactly("7", "8", "10", "spring-sprint");
        assertThat(listing.complete()).isTrue();
    }

    @Test
    void aSmallScanBudgetSaysTheListingIsIncomplete() {
        Map<String, String> sessions = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            sessions.put("tk:session:s" + i, "{}");
        }
        redis.sync().mset(sessions);
        boards.board("1").setScore(1, 1);

        assertThat(boards.list(1).complete()).isFalse();
        assertThat(boards.list().challengeIds()).containsExactly("1");
    }

    @Test
    void membersThatAreNotUserIdsAreRankedAndShownNotFatal() {
        board.setScore(1, 100);
        redis.sync().zadd("tk:challenge:7:leaderboard", 95, "bob");
        redis.sync().zadd("tk:challenge:7:leaderboard", 90, "042");
        board.setScore(2, 90);
        board.setScore(3, 10);

        LeaderboardPage page = board.top(10);

        assertThat(page.entries()).containsExactly(new Entry(1, 100, 1), new Entry(2, 90, 3), new Entry(3, 10, 5));
        assertThat(page.foreign()).containsExactly(new ForeignMember("bob", 95, 2), new ForeignMember("042", 90, 3));
        assertThat(page.total()).isEqualTo(5);
        assertThat(board.standing(3)).contains(new Entry(3, 10, 5));
        assertThat(board.removeMember("bob")).isTrue();
        assertThat(board.standing(2)).contains(new Entry(2, 90, 2));
    }

    @Test
    void infiniteScoresWrittenBySomeoneElseAreRead() {
        redis.sync().zadd("tk:challenge:7:leaderboard", Double.POSITIVE_INFINITY, "1");
        board.setScore(2, 5);
        assertThat(board.top(2).entries()).containsExactly(new Entry(1, Double.POSITIVE_INFINITY, 1), new Entry(2, 5, 2));
        assertThatThrownBy(() -> board.setScore(3, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeAndFractionalScoresSurviveTheRoundTrip() {
        board.setScore(1, 1e20);
        board.setScore(2, 0.1 + 0.2);
        assertThat(board.standing(1)).contains(new Entry(1, 1e20, 1));
        assertThat(board.standing(2)).contains(new Entry(2, 0.1 + 0.2, 2));
    }

    @Test
    void aBoardOfTheWrongTypeIsACommandFailure() {
        redis.sync().set("tk:challenge:7:leaderboard", "oops");
        assertThatThrownBy(() -> board.top(10)).isInstanceOfSatisfying(RedisAccessException.class,
                e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.COMMAND_FAILED));
        assertThatThrownBy(() -> board.addScore(1, 1)).isInstanceOfSatisfying(RedisAccessException.class,
                e -> assertThat(e.getMessage()).contains("WRONGTYPE"));
    }

    @Test
    void readOnlyProfileRefusesWritesButReads(RedisServerProcess server) {
        board.setScore(1, 10);
        try (RedisConnections readOnly = RedisConnections.open(server.settings().withReadOnly(true))) {
            Leaderboard ro = new Leaderboards(readOnly).board("7");
            assertThat(ro.standing(1)).contains(new Entry(1, 10, 1));
            assertThatThrownBy(() -> ro.remove(1)).isInstanceOfSatisfying(RedisAccessException.class,
                    e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
            assertThatThrownBy(() -> ro.setScore(1, 0)).isInstanceOf(RedisAccessException.class);
        }
        assertThat(board.standing(1)).contains(new Entry(1, 10, 1));
    }
}
