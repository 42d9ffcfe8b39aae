package io.trackeep.dashboard.ui.leaderboards;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsProbe;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.util.function.Supplier;

/**
 * The Leaderboards panel's refresh: every board's size (paced by the census) and the top of the
 * board the admin chose, as the view model asks for it when the refresh starts.
 */
final class LeaderboardsReads implements Probe<LeaderboardsViewModel.Update> {

    private final LeaderboardsProbe boards;
    private final Supplier<LeaderboardsViewModel.Query> query; // the view model's; set on the FX thread, read here

    LeaderboardsReads(LeaderboardsProbe boards, Supplier<LeaderboardsViewModel.Query> query) {
        this.boards = boards;
        this.query = query;
    }

    @Override
    public LeaderboardsViewModel.Update collect(RedisConnections redis) {
        return LeaderboardsViewModel.read(redis, boards, query.get());
    }
}
