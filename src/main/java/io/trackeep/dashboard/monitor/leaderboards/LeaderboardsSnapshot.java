package io.trackeep.dashboard.monitor.leaderboards;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;

/**
 * The challenge leaderboards found, each with its size and first places. As JSON (the
 * {@code leaderboards} section of {@code snapshot --json}) it is just the array of boards,
 * {@code [{"id","size","top":[{"userId","score","rank"}]}]}; how complete the listing is stays
 * with the dashboard.
 *
 * @param boards       boards in challenge order (numeric ids numerically, then the others)
 * @param complete     whether every board of the keyspace is known (false while the census is still scanning)
 * @param scanProgress share of the keyspace scanned for boards, 0..1 (1 when complete)
 * @param readAt       when the figures were read
 */
public record LeaderboardsSnapshot(List<BoardSummary> boards, boolean complete, double scanProgress, Instant readAt) {

    public LeaderboardsSnapshot {
        boards = List.copyOf(boards);
    }

    @JsonValue
    public List<BoardSummary> boards() {
        return boards;
    }
}
