package io.trackeep.dashboard.monitor.sessions;

import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.census.KeyKind;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.session.SessionBatchReader;
import io.trackeep.dashboard.service.session.SessionEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The session figures: how many sessions, how many users, stale index entries and the users with
 * the most sessions.
 *
 * <ul>
 *   <li><b>Count</b>: with the index {@code P:sessions:expiry}, its entries not past their expiry
 *       (ZCOUNT, O(log n), exact); without it (a Redis written only by the Go backend), the session
 *       keys counted by the shared keyspace census ({@link CensusTracker}), a lower bound until its
 *       first pass completes.</li>
 *   <li><b>Stale index entries</b>: index entries past their expiry (ZCOUNT); unknown without the index.</li>
 *   <li><b>Users and top users</b>: the user session sets, by a paced scan of their own
 *       ({@link UserSetScan}, {@link ScanPace#TICK} per call in the window), plus the username
 *       read from one of each top user's sessions (SRANDMEMBER + MGET, cached). Until that scan
 *       completes its first pass (minutes on millions of keys), the top users come from the index
 *       instead: the owners of the {@value #RECENT_SESSIONS} most recently active sessions
 *       ({@link RecentOwners}, read again every 10 s), so they show within the first refresh.</li>
 * </ul>
 * Per call in the window: 3 pipelined commands for the index, the census's own budget, at most
 * {@link ScanPace#callsPerTick()} SCAN calls with one SCARD pipeline each, and at most two
 * round trips for usernames. {@link #once()} runs both scans to the end instead, for the
 * command line.
 *
 * <p>Failure behaviour: a Redis failure is thrown as
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException} (the window marks its figures
 * stale); the scans resume where they were on the next call. Not thread-safe: one caller at a time.
 */
public final class SessionsProbe implements Probe<SessionsSnapshot> {

    /** Users listed as top users. */
    public static final int TOP_USERS = 10;
    /** Census ticks {@link #once()} may spend finishing a pass: each spends at most 25 ms, so about a minute. */
    private static final int MAX_CENSUS_TICKS = 2_400;
    private static final int USERNAME_CANDIDATES = 3;
    private static final Duration USERNAME_RETRY = Duration.ofSeconds(30);
    private static final Duration USERNAME_KEPT = Duration.ofMinutes(10);
    private static final int USERNAMES_KEPT = 256;
    /** Sessions read through the index for the top users while the first scan of user sets runs. */
    public static final int RECENT_SESSIONS = 10_000;
    private static final Duration RECENT_EVERY = Duration.ofSeconds(10);

    private final CensusTracker census;
    private final ScanPace pace;
    private final Duration minRest;
    private final Clock clock;
    private final boolean untilDone;
    private RedisConnections connection;
    private UserSetScan userSets;
    private RecentOwners.Tally recent;
    private final Map<Long, Name> usernames = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Name> eldest) {
            return size() > USERNAMES_KEPT;
        }
    };

    private record Name(String username, Instant at) {
    }

    /**
     * For the window: each call advances the scans by one bounded step; a new user-set pass starts
     * after a rest as long as the last pass took, at least 5 s.
     */
    public SessionsProbe(CensusTracker census) {
        this(census, ScanPace.TICK, Duration.ofSeconds(5), Clock.systemUTC(), false);
    }

    SessionsProbe(CensusTracker census, ScanPace pace, Duration minRest, Clock clock, boolean untilDone) {
        this.census = census;
        this.pace = pace;
        this.minRest = minRest;
        this.clock = clock;
        this.untilDone = untilDone;
    }

    /**
     * For the command line: one {@link #collect} scans to the end instead of a step (each scan
     * for at most about a minute; a figure whose scan did not finish is null).
     */
    public static SessionsProbe once() {
        return new SessionsProbe(new CensusTracker(), ScanPace.UNTIL_DONE, Duration.ZERO, Clock.systemUTC(), true);
    }

    /** The figures as {@code snapshot --json} prints them. */
    @Override
    public SessionsSnapshot collect(RedisConnections redis) {
        return figures(redis).snapshot();
    }

    /** The figures with how they were obtained, for the window. */
    public SessionFigures figures(RedisConnections redis) {
        if (redis != connection) {
            connection = redis;
            userSets = new UserSetScan(TOP_USERS, minRest, clock);
            recent = null;
            usernames.clear();
        }
        Instant now = clock.instant();
        KeySchema keys = redis.keys();
        RedisClusterAsyncCommands<String, String> async = redis.async();
        String index = keys.sessionsExpiry();
        CompletionStage<Long> exists = async.exists(index);
        CompletionStage<Long> live = async.zcount(index, Range.from(Range.Boundary.including(now.toEpochMilli()), Range.Boundary.unbounded()));
        CompletionStage<Long> past = async.zcount(index, Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(now.toEpochMilli())));
        await("Counting sessions", exists, live, past);
        boolean indexed = join(exists) > 0;

        long sessionsSeen;
        boolean sessionsComplete;
        double progress;
        Instant countedAt;
        if (indexed) {
            sessionsSeen = join(live);
            sessionsComplete = true;
            progress = 1.0;
            countedAt = null;
        } else {
            CensusSnapshot c = untilDone ? census.complete(redis, MAX_CENSUS_TICKS) : census.current(redis);
            sessionsSeen = c == null ? 0 : c.count(KeyKind.SESSION);
            sessionsComplete = c != null && c.complete();
            progress = c == null ? 0.0 : c.progress();
            countedAt = c == null ? null : c.completedAt();
        }

        UserSetScan.Tally tally = userSets.advance(redis, pace);
        List<SessionsSnapshot.TopUser> top;
        SessionFigures.TopUsersBasis basis;
        int sessionsRead = 0;
        if (tally.complete() || !indexed) {
            top = withUsernames(redis, tally.top());
            basis = tally.complete() ? SessionFigures.TopUsersBasis.USER_SETS : SessionFigures.TopUsersBasis.USER_SETS_SO_FAR;
        } else {
            if (recent == null || !now.isBefore(recent.at().plus(RECENT_EVERY))) {
                recent = RecentOwners.read(redis, RECENT_SESSIONS, TOP_USERS, now);
            }
            top = recent.top();
            basis = recent.allSessions() ? SessionFigures.TopUsersBasis.ALL_LIVE_SESSIONS : SessionFigures.TopUsersBasis.RECENT_SESSIONS;
            sessionsRead = recent.sessionsRead();
        }

        SessionsSnapshot snapshot = new SessionsSnapshot(
                sessionsComplete ? sessionsSeen : null,
                tally.complete() ? tally.sets() : null,
                indexed ? join(past) : null,
                top);
        return new SessionFigures(snapshot, indexed, sessionsSeen, sessionsComplete, progress, countedAt,
                tally.sets(), tally.complete(), tally.at(), basis, sessionsRead, now);
    }

    /** Usernames of the top users: cached, else read from up to three of their sessions in two round trips for all. */
    private List<SessionsSnapshot.TopUser> withUsernames(RedisConnections redis, List<UserSetScan.UserCount> top) {
        Instant now = clock.instant();
        List<UserSetScan.UserCount> unknown = top.stream().filter(u -> {
            Name n = usernames.get(u.userId());
            return n == null || now.isAfter(n.at().plus(n.username() == null ? USERNAME_RETRY : USERNAME_KEPT));
        }).toList();
        if (!unknown.isEmpty()) {
            KeySchema keys = redis.keys();
            RedisClusterAsyncCommands<String, String> async = redis.async();
            Map<Long, CompletionStage<List<String>>> picks = new LinkedHashMap<>();
            unknown.forEach(u -> picks.put(u.userId(), async.srandmember(keys.userSessions(u.userId()), USERNAME_CANDIDATES)));
            await("Reading usernames", picks.values().toArray(CompletionStage[]::new));
            Map<String, Long> owners = new HashMap<>();
            picks.forEach((uid, ids) -> join(ids).forEach(id -> owners.putIfAbsent(id, uid)));
            Map<Long, String> found = new HashMap<>();
            List<String> ids = new ArrayList<>(owners.keySet());
            if (!ids.isEmpty()) {
                for (SessionEntry e : new SessionBatchReader(redis).read("Reading usernames", ids)) {
                    if (e instanceof SessionEntry.Valid v
                            && v.session().userId() == owners.get(e.sessionId()) && !v.session().username().isBlank()) {
                        found.putIfAbsent(v.session().userId(), v.session().username());
                    }
                }
            }
            unknown.forEach(u -> usernames.put(u.userId(), new Name(found.get(u.userId()), now)));
        }
        return top.stream().map(u -> {
            Name n = usernames.get(u.userId());
            return new SessionsSnapshot.TopUser(u.userId(), n == null ? null : n.username(), u.sessions());
        }).toList();
    }

    private static void await(String what, CompletionStage<?>... stages) {
        RedisErrors.call(what, () -> CompletableFuture.allOf(
                Arrays.stream(stages).map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new)).join());
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
