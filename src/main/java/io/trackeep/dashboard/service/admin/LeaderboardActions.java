package io.trackeep.dashboard.service.admin;

import io.lettuce.core.Range;
import io.trackeep.dashboard.service.events.AdminEvent;
import io.trackeep.dashboard.service.events.AdminEvents;
import io.trackeep.dashboard.service.leaderboard.Entry;
import io.trackeep.dashboard.service.leaderboard.Leaderboard;
import io.trackeep.dashboard.service.leaderboard.Leaderboards;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The admin actions on challenge leaderboards, for the window and the command line alike: remove
 * a member (a cheater, a test account) and reset a user's score to 0. Planning reads the member's
 * current rank and score so the question is exact ("Remove user 42 (rank 3, 1,250 points) from
 * challenge 7?"); a member that is not on the board is refused while planning
 * ({@link IllegalArgumentException}), so nothing is confirmed that would do nothing.
 *
 * <p>Resetting <b>sets the score to 0 and keeps the user on the board</b> (ZADD), so the user's
 * later points still count; removing is the separate action. After a change, a
 * {@code leaderboard.changed} {@link AdminEvent} is published on {@code P:admin:events} (the
 * leaderboard service itself does not announce), so backends can drop cached rankings.
 *
 * <p>When Redis fails, planning and execution throw
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException}; {@link AdminActions} records
 * the failure. If the change was made but the announcement could not be published, the action
 * still succeeds and its summary says that the event is missing ({@link BoardChange#announceProblem()}).
 */
public final class LeaderboardActions {

    public static final String REMOVE_MEMBER = "leaderboard.remove-member";
    public static final String RESET_SCORE = "leaderboard.reset-score";

    /**
     * What an executed action did.
     *
     * @param challengeId     the board
     * @param member          the member as stored (a user id in decimal, or a foreign member)
     * @param applied         false when the member had already gone (removed concurrently)
     * @param announceProblem null when {@code leaderboard.changed} was published, else why not
     */
    public record BoardChange(String challengeId, String member, boolean applied, String announceProblem) {
    }

    private final RedisConnections redis;
    private final Leaderboards boards;
    private final String actor;

    /** With {@link AdminActions#defaultActor()} as the actor named in the announcement. */
    public LeaderboardActions(RedisConnections redis) {
        this(redis, AdminActions.defaultActor());
    }

    public LeaderboardActions(RedisConnections redis, String actor) {
        this.redis = Objects.requireNonNull(redis);
        this.boards = new Leaderboards(redis);
        this.actor = Objects.requireNonNull(actor);
    }

    /** Removes a user from a board. */
    public ActionPlan<BoardChange> removeUser(String challengeId, long userId) {
        return removeMember(challengeId, Long.toString(userId));
    }

    /**
     * Removes a member as stored, a user id or a foreign member ({@code "bob"}).
     *
     * @throws IllegalArgumentException when the member is not on the board
     */
    public ActionPlan<BoardChange> removeMember(String challengeId, String member) {
        Leaderboard board = boards.board(challengeId);
        Standing now = standing(board, member)
                .orElseThrow(() -> new IllegalArgumentException(capitalized(describe(member)) + " is not on the leaderboard of challenge " + challengeId));
        String key = redis.keys().leaderboard(challengeId);
        String who = describe(member);
        return new ActionPlan<>(REMOVE_MEMBER, target(challengeId, member),
                "Remove " + who + " (" + now.describe() + ") from challenge " + challengeId + "?",
                List.of("Deletes member " + member + " from " + key + " (ZREM); everyone below moves up",
                        "Publishes " + AdminEvent.LEADERBOARD_CHANGED + " on " + redis.keys().adminEventsChannel()),
                "Remove " + who,
                () -> {
                    boolean removed = board.removeMember(member);
                    String problem = removed ? announce(challengeId, member, "removed", now.score()) : null;
                    return new BoardChange(challengeId, member, removed, problem);
                },
                change -> summary(change, change.applied()
                        ? "Removed " + who + " from challenge " + challengeId
                        : capitalized(who) + " was no longer on challenge " + challengeId + ": nothing removed"));
    }

    /**
     * Sets a user's score to 0; the user stays on the board.
     *
     * @throws IllegalArgumentException when the user is not on the board
     */
    public ActionPlan<BoardChange> resetScore(String challengeId, long userId) {
        Leaderboard board = boards.board(challengeId);
        String member = Long.toString(userId);
        Standing now = standing(board, member)
                .orElseThrow(() -> new IllegalArgumentException("User " + userId + " is not on the leaderboard of challenge " + challengeId));
        String key = redis.keys().leaderboard(challengeId);
        return new ActionPlan<>(RESET_SCORE, target(challengeId, member),
                "Reset the score of user " + userId + " on challenge " + challengeId + " to 0 (now " + now.describe() + ")?",
                List.of("Sets member " + member + " of " + key + " to 0 points (ZADD); the user stays on the board",
                        "Publishes " + AdminEvent.LEADERBOARD_CHANGED + " on " + redis.keys().adminEventsChannel()),
                "Reset score to 0",
                () -> {
                    // Only a user still on the board is reset: one removed meanwhile must not come back at 0.
                    if (board.standing(userId).isEmpty()) {
                        return new BoardChange(challengeId, member, false, null);
                    }
                    board.setScore(userId, 0);
                    return new BoardChange(challengeId, member, true, announce(challengeId, member, "score-reset", now.score()));
                },
                change -> summary(change, change.applied()
                        ? "Reset the score of user " + userId + " on challenge " + challengeId + " to 0 (was " + points(now.score()) + ")"
                        : "User " + userId + " was no longer on challenge " + challengeId + ": nothing reset"));
    }

    /** A member's place, read for the question. */
    private record Standing(long rank, double score) {
        String describe() {
            return "rank " + String.format(Locale.ROOT, "%,d", rank) + ", " + points(score);
        }
    }

    private Optional<Standing> standing(Leaderboard board, String member) {
        OptionalLong userId = Leaderboard.userIdOf(member);
        if (userId.isPresent()) {
            return board.standing(userId.getAsLong()).map((Entry e) -> new Standing(e.rank(), e.score()));
        }
        // A foreign member: the service ranks only user ids, so count the members above it here
        // (two reads; only the question depends on them, the removal itself is one ZREM).
        String key = redis.keys().leaderboard(board.challengeId());
        Double score = RedisErrors.call("Reading a member of leaderboard " + board.challengeId(), () -> redis.sync().zscore(key, member));
        if (score == null) {
            return Optional.empty();
        }
        long above = RedisErrors.call("Ranking a member of leaderboard " + board.challengeId(), () -> redis.sync().zcount(key,
                Range.from(Range.Boundary.excluding(score), Range.Boundary.unbounded())));
        return Optional.of(new Standing(above + 1, score));
    }

    private String announce(String challengeId, String member, String change, double previousScore) {
        try {
            new AdminEvents(redis).publish(AdminEvent.of(AdminEvent.LEADERBOARD_CHANGED, challengeId, actor,
                    Map.of("challenge_id", challengeId, "member", member, "change", change, "previous_score", previousScore)));
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private String summary(BoardChange change, String text) {
        if (change.announceProblem() == null) {
            return text;
        }
        return text + "; " + AdminEvent.LEADERBOARD_CHANGED + " was not published (" + change.announceProblem() + ")";
    }

    private static String target(String challengeId, String member) {
        return "challenge " + challengeId + ", member " + member;
    }

    private static String describe(String member) {
        OptionalLong userId = Leaderboard.userIdOf(member);
        return userId.isPresent() ? "user " + userId.getAsLong() : "member \"" + member + "\"";
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** "1,250 points", "12.5 points", "1 point". */
    static String points(double score) {
        String number = score == Math.rint(score) && Math.abs(score) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) score)
                : String.format(Locale.ROOT, "%,.2f", score).replaceAll("0+$", "").replaceAll("\\.$", "");
        return number + (score == 1 ? " point" : " points");
    }
}
