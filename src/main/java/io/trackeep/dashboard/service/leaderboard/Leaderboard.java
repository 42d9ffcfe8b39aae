package io.trackeep.dashboard.service.leaderboard;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.trackeep.dashboard.service.redis.LuaScript;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * One challenge leaderboard, the sorted set {@code P:challenge:<id>:leaderboard} the Go backend
 * writes: member = user id as a decimal string, score = points.
 *
 * <p>Ranks are competition ranks (see {@link Entry#rank()}). Every method is one round trip, and
 * every method that returns a rank computes it in the same script as the scores it ranks, so a
 * rank never disagrees with the scores shown next to it, whatever is updated concurrently.
 * Members that are not user ids are ranked and reported as {@link ForeignMember}s, never a crash.
 *
 * <p>A Redis user that may read but not run scripts (an ACL with {@code +@read} only, NOPERM on
 * EVALSHA) still gets pages and standings: they are then read with plain read commands
 * (ZREVRANGE, ZCOUNT, ZCARD, ZSCORE), which are not atomic, so a rank may be off by the scores
 * that changed between two of those commands. Once refused, a connection is not asked to run
 * the script again.
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

    private static final Logger log = LoggerFactory.getLogger(Leaderboard.class);
    // Connections whose user was refused EVALSHA: their reads go to plain commands at once. Weak,
    // so a closed connection is forgotten; synchronized, as the window and its actions share them.
    private static final Set<RedisConnections> SCRIPTS_REFUSED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final RedisConnections redis;
    private final String challengeId;
    private final String key;

    Leaderboard(RedisConnections redis, String challengeId) {
        this.redis = redis;
        this.key = redis.keys().leaderboard(challengeId);
        this.challengeId = challengeId;
    }

    public String challengeId() { return challengeId; }

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
        String member = Long.toString(userId);
        List<Object> reply = read("Reading a rank on leaderboard " + challengeId, STANDING, () -> {
            Double score = redis.sync().zscore(key, member);
            return score == null ? List.of() : List.of(scoreText(score), redis.sync().zcount(key, strictlyAbove(score)));
        }, member);
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
        List<Object> reply = read("Reading leaderboard " + challengeId, PAGE, () -> pageWithoutScript(offset, offset + limit - 1),
                Long.toString(offset), Long.toString(offset + limit - 1));
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

    /** A read script's reply, or the same reply from plain read commands when this Redis user may not run scripts. */
    private List<Object> read(String what, LuaScript script, Supplier<List<Object>> withoutScript, String... args) {
        if (!SCRIPTS_REFUSED.contains(redis)) {
            try {
                return RedisErrors.call(what, () -> script.run(redis.sync(), ScriptOutputType.MULTI, new String[]{key}, args));
            } catch (RedisAccessException e) {
                if (e.kind() != RedisAccessException.Kind.NOT_PERMITTED) {
                    throw e;
                }
                SCRIPTS_REFUSED.add(redis);
                log.info("This Redis user may not run scripts ({}): leaderboards are read with plain read commands, "
                        + "whose ranks are not atomic with their scores", e.getMessage());
            }
        }
        return RedisErrors.call(what, withoutScript);
    }

    /** What page.lua returns, {total, above, member1, score1, ...}, from ZREVRANGE, ZCARD and ZCOUNT. */
    private List<Object> pageWithoutScript(long start, long stop) {
        var range = redis.async().zrevrangeWithScores(key, start, stop);
        var card = redis.async().zcard(key);
        List<ScoredValue<String>> page = RedisErrors.call("Reading a page", () -> range.toCompletableFuture().join());
        List<Object> reply = new ArrayList<>(2 + 2 * page.size());
        reply.add(card.toCompletableFuture().join());
        reply.add(page.isEmpty() ? 0L : redis.sync().zcount(key, strictlyAbove(page.get(0).getScore())));
        for (ScoredValue<String> v : page) {
            reply.add(v.getValue());
            reply.add(scoreText(v.getScore()));
        }
        return reply;
    }

    /**
     * The user a member stands for: the Go backend writes user ids in canonical decimal form
     * ("42", not "042" or "+42"); any other member is foreign and empty here.
     */
    public static OptionalLong userIdOf(String member) {
        return Scores.canonicalDecimal(member);
    }

    private static Range<Double> strictlyAbove(double score) {
        return Range.from(Range.Boundary.excluding(score), Range.Boundary.unbounded());
    }

    private static String scoreText(double score) {
        return Double.isInfinite(score) ? (score > 0 ? "inf" : "-inf") : Double.toString(score);
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
