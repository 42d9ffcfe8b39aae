package io.trackeep.dashboard.service.leaderboard;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * Entry point to the challenge leaderboards: finds the boards and opens one.
 *
 * <p>Boards are found with SCAN MATCH {@code P:challenge:*:leaderboard} (COUNT
 * {@value #SCAN_COUNT}) within a budget of SCAN calls; a key of that name holding another type is
 * listed too, as the window's census lists it, so that whoever reads it (the probe) says the board
 * is broken rather than that it does not exist; one whose id holds ':' or '*' is counted as unrecognised. Throws {@link io.trackeep.dashboard.service.redis.RedisAccessException}
 * when Redis cannot answer.
 */
public final class Leaderboards {

    /** SCAN COUNT hint. */
    public static final int SCAN_COUNT = 1000;
    /** Default budget: about 1,000,000 keys visited. */
    public static final int DEFAULT_SCAN_CALLS = 1000;

    /** Board ids as boards are listed: numeric ids in numeric order first, then the others alphabetically. */
    public static final Comparator<String> BOARD_ORDER = Comparator
            .comparing((String id) -> Scores.canonicalDecimal(id).isEmpty())
            .thenComparingLong(id -> Scores.canonicalDecimal(id).orElse(0))
            .thenComparing(Comparator.naturalOrder());

    private final RedisConnections redis;
    private final KeySchema keys;

    public Leaderboards(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
    }

    /** The board of a challenge (which need not exist yet: an empty board has no key). */
    public Leaderboard board(String challengeId) {
        return new Leaderboard(redis, challengeId);
    }

    public BoardListing list() {
        return list(DEFAULT_SCAN_CALLS);
    }

    /** The boards found within {@code maxScanCalls} SCAN calls. */
    public BoardListing list(int maxScanCalls) {
        if (maxScanCalls < 1) {
            throw new IllegalArgumentException("maxScanCalls must be at least 1");
        }
        return RedisErrors.call("Listing leaderboards", () -> {
            KeyScanArgs args = new KeyScanArgs().match(keys.leaderboardPattern()).limit(SCAN_COUNT);
            TreeSet<String> ids = new TreeSet<>(BOARD_ORDER);
            ScanCursor cursor = ScanCursor.INITIAL;
            KeyScanCursor<String> page;
            int calls = 0;
            long unrecognised = 0;
            String example = null;
            do {
                page = redis.sync().scan(cursor, args);
                calls++;
                for (String k : page.getKeys()) {
                    var id = keys.parseLeaderboardId(k);
                    if (id.isPresent()) {
                        ids.add(id.get());
                    } else {
                        unrecognised++; // matched the pattern, but its id could not name the board again (':' or '*')
                        example = example == null ? k : example;
                    }
                }
                cursor = page;
            } while (!page.isFinished() && calls < maxScanCalls);
            return new BoardListing(ids.stream().toList(), page.isFinished(), unrecognised, example);
        });
    }
}
