package io.trackeep.dashboard.service.leaderboard;

import java.util.List;

/**
 * The boards found by a bounded scan.
 *
 * @param challengeIds ids of the boards found, sorted
 * @param complete     whether the scan covered the whole keyspace within its budget
 */
public record BoardListing(List<String> challengeIds, boolean complete) {

    public BoardListing {
        challengeIds = List.copyOf(challengeIds);
    }
}
