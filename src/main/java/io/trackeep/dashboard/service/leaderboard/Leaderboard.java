package io.trackeep.dashboard.service.leaderboard;

import io.lettuce.core.ScriptOutputType;
import io.trackeep.dashboard.service.redis.LuaScript;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One challenge leaderboard, the sorted set {@code P:challenge:<id>:leaderboard} the Go backend
 * writes: member = user id as a decimal string, score = points.
 *
 * <p>Ranks are competition ranks (see {@link Entry#rank()}). Every method is one round trip, and
 * every method that returns a rank computes it in the same script as the scores it ranks, so a
 * rank never disagrees with the scores shown next to it, whatever is updated concurrently.
 * Members that are not user ids are ranked and reported as {@link ForeignMember}s, never a crash.
 *
 * <p>Writes are refused on a read-only profile. <b>When Redis fails</b> every method throws
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException}; there is no fallback (a
 * leaderboard has no other source of truth), and a failed write may or may not have been applied
 * if the connection broke after sending it.
 */
public final class Leaderboard {

    /** Largest page, so one read never holds Redis for long. */
    public static final int MAX_PAGE = 1000;

    private static final LuaScript UPDATE = LuaScript.load(Leaderboard.class, "update.lua");
    private static final LuaScript PAGE = LuaScript.load(Leaderboard.class, "page.lua");
    private static final LuaScript STANDING = LuaScript.load(Leaderboard.class, "standing.lua");

    private final RedisConnections redis;
    private final String challengeId;
    private final String key;

    Leaderboard(RedisConnections redis, String challengeId) {
        this.redis = redis;
        this.key = redis.keys().leaderboard(challengeId);
        this.challengeId = challengeId;
    }

    public String challengeId() {
        return challengeId;
    }

    /** Sets a user's score (ZADD), adding the user if absent; returns the user's place. */
    public Entry setScore(long userId, double score) {
        return update("set", userId, score).entry();
    }

    /** Adds to a user's score (ZINCRBY; a new user starts from 0); returns the new score and rank. */
    public Entry addScore(long userId, double delta) {
        return update("incr", userId, delta).entry();
    }

    /** Keeps the user's best score only (ZADD GT): a lower or equal score changes nothing. */
    public BestScore submitBest(long userId, double score) {
        return update("best", userId, score);
    }

    /** Removes a user; false when the user was not on the board. */
    public boolean remove(long userId) {
        return removeMember(Long.toString(userId));
    }

    /** Removes any member as stored, also a {@link ForeignMember}. */
    public boolean removeMember(String member) {
        redis.requireWritable("Removing a leaderboard member");
        return RedisErrors.call("Removing a member from leaderboard " + challengeId,
                () -> redis.sync().zrem(key, member)) > 0;
    }

    /** Members on the board. */
    public long size() {
        return RedisErrors.call("Reading the size of leaderboard " + challengeId, () -> redis.sync().zcard(key));
    }

    /** A user's score and rank; empty when the user is not on the board. */
    public Optional<Entry> standing(long userId) {
        List<Object> reply = RedisErrors.call("Reading a rank on leaderboard " + challengeId,
                () -> STANDING.run(redis.sync(), ScriptOutputType.MULTI, new String[]{key}, Long.toString(userId)));
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(userId, Scores.parse((String) reply.get(0)), (Long) reply.get(1) + 1));
    }

    /** The first {@code n} places (at most {@link #MAX_PAGE}). */
    public LeaderboardPage top(int n) {
        return page(0, n);
    }

    /**
     * {@code limit} places from 0-based position {@code offset}, highest score first. Ties keep one
     * rank across page boundaries: the first member's rank counts the members above it on the whole
     * board, not on the page.
     */
    public LeaderboardPage page(long offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("Need offset >= 0 and 1 <= limit <= " + MAX_PAGE
                    + ", got offset " + offset + ", limit " + limit);
        }
        List<Object> reply = RedisErrors.call("Reading leaderboard " + challengeId,
                () -> PAGE.run(redis.sync(), ScriptOutputType.MULTI, new String[]{key},
                        Long.toString(offset), Long.toString(offset + limit - 1)));
        long total = (Long) reply.get(0);
        long above = (Long) reply.get(1);
        List<Entry> entries = new ArrayList<>();
        List<ForeignMember> foreign = new ArrayList<>();
        long rank = above + 1;
        double previous = Double.NaN;
        for (int i = 0; 2 + 2 * i < reply.size(); i++) {
            String member = (String) reply.get(2 + 2 * i);
            double score = Scores.parse((String) reply.get(3 + 2 * i));
            if (i > 0 && score != previous) {
                // Sorted descending: everyone before this position scores strictly more.
                rank = offset + i + 1;
            }
            previous = score;
            OptionalLong userId = Scores.canonicalDecimal(member);
            if (userId.isPresent()) {
                entries.add(new Entry(userId.getAsLong(), score, rank));
            } else {
                foreign.add(new ForeignMember(member, score, rank));
            }
        }
        return new LeaderboardPage(challengeId, offset, total, entries, foreign);
    }

    private BestScore update(String mode, long userId, double value) {
        String argument = Scores.format(value);
        redis.requireWritable("Changing a leaderboard score");
        List<Object> reply = RedisErrors.call("Updating leaderboard " + challengeId,
                () -> UPDATE.run(redis.sync(), ScriptOutputType.MULTI, new String[]{key}, mode, argument, Long.toString(userId)));
        Entry entry = new Entry(userId, Scores.parse((String) reply.get(1)), (Long) reply.get(2) + 1);
        return new BestScore((Long) reply.get(0) > 0, entry);
    }
}
