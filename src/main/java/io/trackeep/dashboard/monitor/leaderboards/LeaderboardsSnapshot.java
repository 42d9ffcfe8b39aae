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
 * @param unrecognisedKeys keys named like a board that are not one (an id with ':' or '*'): skipped, counted here
 */
public record LeaderboardsSnapshot(List<BoardSummary> boards, boolean complete, double scanProgress, Instant readAt,
                                   long unrecognisedKeys) {

    public LeaderboardsSnapshot {
        boards = List.copyOf(boards);
    }

    public LeaderboardsSnapshot(List<BoardSummary> boards, boolean complete, double scanProgress, Instant readAt) {
        this(boards, complete, scanProgress, readAt, 0);
    }

    @JsonValue
    public List<BoardSummary> boards() { return boards; }
}
