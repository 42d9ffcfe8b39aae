package io.trackeep.dashboard.service.leaderboard;

/**
 * Result of {@link Leaderboard#submitBest}.
 *
 * @param improved whether the submitted score became the member's score (new member or higher score)
 * @param entry    the member's place afterwards, with the best score kept
 */
public record BestScore(boolean improved, Entry entry) {
}
