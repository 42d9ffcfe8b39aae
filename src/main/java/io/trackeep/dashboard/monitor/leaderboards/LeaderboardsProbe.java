package io.trackeep.dashboard.monitor.leaderboards;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.census.KeyKind;
import io.trackeep.dashboard.monitor.census.KeyspaceCensus;
import io.trackeep.dashboard.service.leaderboard.BoardListing;
import io.trackeep.dashboard.service.leaderboard.Leaderboard;
import io.trackeep.dashboard.service.leaderboard.Leaderboards;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads every challenge leaderboard: its size and, if asked, its first places.
 *
 * <p>Where the board ids come from is the difference between the two kinds of probe:
 * {@link #paced} (the window) takes them from the shared keyspace census, so a refresh costs a
 * census slice plus one pipelined ZCARD per board, whatever the keyspace size, and the list
 * fills in while the census is still on its first pass ({@link LeaderboardsSnapshot#complete()});
 * {@link #complete} (the command line) lists them with {@link Leaderboards#list()} (SCAN TYPE
 * zset, bounded). At most {@link #MAX_BOARDS} boards are read.
 *
 * <p>All figures come from the boards themselves, which the Go backend writes, so nothing is
 * missing on a Redis without the project's additions. A key of the board's name that holds
 * another type is reported on its board ({@link BoardSummary#problem()}), never a failure of the
 * whole probe; so is a board this Redis user may not read. A key named like a board whose id
 * could not name it again ({@code P:challenge:a:b:c:leaderboard}) is skipped and counted
 * ({@link LeaderboardsSnapshot#unrecognisedKeys()}), and logged once at info. When Redis is
 * unreachable the probe throws {@link RedisAccessException}.
 */
public final class LeaderboardsProbe implements Probe<LeaderboardsSnapshot> {

    /** Boards read per collection (the census keeps as many ids). */
    public static final int MAX_BOARDS = KeyspaceCensus.MAX_IDS;
    /** First places per board in {@code snapshot --json}. */
    public static final int SNAPSHOT_TOP = 10;

    /** The problem of a board whose key holds another type. */
    public static final String NOT_A_BOARD = "holds another type of value, not a sorted set";

    /** The order {@link Leaderboards} lists boards in, for the boards this probe reads and for the window's table. */
    public static final Comparator<String> BOARD_ORDER = Leaderboards.BOARD_ORDER;

    private record Found(Collection<String> ids, boolean complete, double progress, long unrecognised, String example) {
    }

    private static final Logger log = LoggerFactory.getLogger(LeaderboardsProbe.class);

    private final Function<RedisConnections, Found> finder;
    private final int topPerBoard;
    private long loggedUnrecognised; // logged again only when the count changes, not every tick

    private LeaderboardsProbe(Function<RedisConnections, Found> finder, int topPerBoard) {
        if (topPerBoard < 0 || topPerBoard > Leaderboard.MAX_PAGE) {
            throw new IllegalArgumentException("topPerBoard must be 0.." + Leaderboard.MAX_PAGE + ", got " + topPerBoard);
        }
        this.finder = finder;
        this.topPerBoard = topPerBoard;
    }

    /** Board ids from the shared census (advanced by this call when due); for the window's refresh loop. */
    public static LeaderboardsProbe paced(CensusTracker census, int topPerBoard) {
        return new LeaderboardsProbe(redis -> {
            CensusSnapshot s = census.current(redis);
            return s == null ? new Found(List.of(), false, 0, 0, null)
                    : new Found(s.leaderboardIds(), s.complete(), s.progress(), s.unrecognised(KeyKind.LEADERBOARD), null);
        }, topPerBoard);
    }

    /** Board ids from a bounded SCAN of the whole keyspace, now; for the command line. */
    public static LeaderboardsProbe complete(int topPerBoard) {
        return new LeaderboardsProbe(redis -> {
            BoardListing listing = new Leaderboards(redis).list();
            return new Found(listing.challengeIds(), listing.complete(), listing.complete() ? 1 : 0,
                    listing.unrecognised(), listing.example());
        }, topPerBoard);
    }

    /** The {@code leaderboards} section of {@code snapshot}: every board with its first {@value #SNAPSHOT_TOP} places. */
    public static LeaderboardsSnapshot collectOnce(RedisConnections redis) {
        return complete(SNAPSHOT_TOP).collect(redis);
    }

    @Override
    public LeaderboardsSnapshot collect(RedisConnections redis) {
        Found found = finder.apply(redis);
        if (found.unrecognised() != loggedUnrecognised) {
            loggedUnrecognised = found.unrecognised();
            log.info("{} key(s) named like a leaderboard are not one of the data model (a challenge id with ':' or '*'){}; "
                    + "they are counted, not listed", found.unrecognised(),
                    found.example() == null ? "" : ", e.g. " + Printable.text(found.example()));
        }
        List<String> ids = found.ids().stream().sorted(BOARD_ORDER).limit(MAX_BOARDS).toList();
        List<Object> sizes = sizes(redis, ids);
        List<BoardSummary> boards = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (sizes.get(i) instanceof String problem) {
                boards.add(new BoardSummary(id, null, List.of(), problem));
            } else if (topPerBoard > 0 && (Long) sizes.get(i) > 0) {
                boards.add(top(redis, id, topPerBoard));
            } else {
                boards.add(new BoardSummary(id, (Long) sizes.get(i), List.of(), null));
            }
        }
        boolean complete = found.complete() && found.ids().size() <= MAX_BOARDS;
        return new LeaderboardsSnapshot(boards, complete, found.progress(), Instant.now(), found.unrecognised());
    }

    /**
     * One board's first {@code n} places and size, read consistently (one script, or plain read
     * commands for a user without scripts). A key of another type, or one this Redis user may not
     * read, gives a summary with {@link BoardSummary#problem()} set; only an unreachable Redis throws.
     */
    public static BoardSummary top(RedisConnections redis, String challengeId, int n) {
        try {
            var page = new Leaderboards(redis).board(challengeId).top(n);
            return new BoardSummary(challengeId, page.total(), BoardPlace.of(page), null);
        } catch (RedisAccessException e) {
            if (!isAboutTheBoard(e)) {
                throw e;
            }
            return new BoardSummary(challengeId, null, List.of(), problem(e));
        }
    }

    /**
     * ZCARD of every board, pipelined: one round trip's worth of waiting for all of them. Each
     * element is the size (a Long) or why that board could not be read (a String).
     */
    private static List<Object> sizes(RedisConnections redis, List<String> ids) {
        List<RedisFuture<Long>> futures = new ArrayList<>(ids.size());
        RedisErrors.call("Reading leaderboard sizes", () -> {
            for (String id : ids) {
                futures.add(redis.async().zcard(redis.keys().leaderboard(id)));
            }
            return null;
        });
        long timeoutNanos = redis.settings().commandTimeout().toNanos();
        List<Object> sizes = new ArrayList<>(ids.size());
        for (RedisFuture<Long> f : futures) {
            try {
                sizes.add(f.get(timeoutNanos, TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                RedisAccessException failure = RedisErrors.translate("Reading leaderboard sizes", e.getCause());
                if (!isAboutTheBoard(failure)) {
                    throw failure;
                }
                sizes.add(problem(failure));
            } catch (Exception e) {
                throw RedisErrors.translate("Reading leaderboard sizes", e);
            }
        }
        return sizes;
    }

    /** Whether the server refused this board (its type, an ACL, an error reply), not the connection as a whole. */
    private static boolean isAboutTheBoard(RedisAccessException e) {
        return e.kind() == RedisAccessException.Kind.NOT_PERMITTED
                || (e.kind() == RedisAccessException.Kind.COMMAND_FAILED && e.getCause() instanceof RedisCommandExecutionException);
    }

    /** A board's problem in a few words: another type, not permitted, or the server's error. */
    private static String problem(RedisAccessException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.toUpperCase(Locale.ROOT).contains("WRONGTYPE")) {
            return NOT_A_BOARD;
        }
        if (e.kind() == RedisAccessException.Kind.NOT_PERMITTED) {
            return "is not readable by this Redis user";
        }
        return "could not be read: " + Printable.message(m);
    }
}
