package io.trackeep.dashboard.service.leaderboard;

import java.util.List;

/**
 * The boards found by a bounded scan.
 *
 * @param challengeIds ids of the boards found, sorted
 * @param complete     whether the scan covered the whole keyspace within its budget
 * @param unrecognised sorted sets named like a board whose id is not one ({@code P:challenge:a:b:leaderboard}):
 *                     skipped, counted here
 * @param example      one of those keys, for a log line; null when there is none
 */
public record BoardListing(List<String> challengeIds, boolean complete, long unrecognised, String example) {

    public BoardListing {
        challengeIds = List.copyOf(challengeIds);
    }
}
