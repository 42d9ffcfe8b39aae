package io.trackeep.dashboard.service.leaderboard;

/**
 * A user's place on a board.
 *
 * @param userId the member, a user id
 * @param score  points
 * @param rank   competition rank: 1 + the number of members with a strictly higher score, so equal
 *               scores share a rank and the next rank skips (100, 90, 90, 80 rank 1, 2, 2, 4)
 */
public record Entry(long userId, double score, long rank) {
}
