package io.trackeep.dashboard.service.leaderboard;

/**
 * A board member that is not a user id in canonical decimal form (written by someone else, e.g.
 * {@code "bob"} or {@code "042"}). It still occupies a place, so it is ranked like any member and
 * shown as it is; {@link Leaderboard#removeMember(String)} removes it.
 */
public record ForeignMember(String member, double score, long rank) {
}
