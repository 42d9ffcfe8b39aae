package io.trackeep.dashboard.ui.leaderboards;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.monitor.leaderboards.BoardSummary;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsProbe;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsSnapshot;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.leaderboards.LeaderboardsViewModel.Query;
import io.trackeep.dashboard.ui.leaderboards.LeaderboardsViewModel.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The Leaderboards panel's refresh: every board's size (paced by the census) and the top of the
 * board the admin chose, as the view model asks for it when the refresh starts.
 */
final class LeaderboardsReads implements Probe<Update> {

    private static final Logger log = LoggerFactory.getLogger(LeaderboardsReads.class);

    private final LeaderboardsProbe boards;
    private final Supplier<Query> query; // the view model's; set on the FX thread, read here

    LeaderboardsReads(LeaderboardsProbe boards, Supplier<Query> query) {
        this.boards = boards;
        this.query = query;
    }

    /**
     * A Redis that is down or refuses the password fails the refresh (the window says so and marks
     * the panel stale); any other failure to list the boards is said in the panel, which still
     * shows the chosen board.
     */
    @Override
    public Update collect(RedisConnections redis) {
        Query q = query.get();
        LeaderboardsSnapshot listed = null;
        String problem = null;
        try {
            listed = boards.collect(redis);
        } catch (RedisAccessException e) {
            if (e.isUnavailable() || e.kind() == RedisAccessException.Kind.AUTH_FAILED) {
                throw e;
            }
            problem = Printable.message(e.getMessage());
        } catch (RuntimeException e) {
            // a bug of ours, not of Redis: say so in the panel, which must not wait for boards forever
            log.warn("Reading the leaderboards failed", e);
            problem = "unexpected " + e.getClass().getSimpleName() + ": " + Printable.message(String.valueOf(e.getMessage()));
        }
        BoardSummary selected = q.boardId() == null ? null : LeaderboardsProbe.top(redis, q.boardId(), q.top());
        return new Update(listed, selected, q, Instant.now(), problem);
    }
}
