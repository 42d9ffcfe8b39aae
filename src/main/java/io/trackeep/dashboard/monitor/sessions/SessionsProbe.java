package io.trackeep.dashboard.monitor.sessions;

import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot.Accuracy;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.SessionBatchReader;
import io.trackeep.dashboard.service.session.SessionEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import static io.trackeep.dashboard.service.session.SessionBatchReader.await;
import static io.trackeep.dashboard.service.session.SessionBatchReader.join;

/**
 * The session figures, right on data written by the Go backend, by this project, or by both.
 *
 * <p>They come from the shared keyspace census with its sessions detail ({@link SessionCensus}):
 * readable sessions and unreadable values, users (distinct owners of live sessions) and the users
 * with the most live sessions, ghost ids in user sets; exact after a complete pass, counted so far
 * (a lower bound) while the first pass runs. The project's index {@code P:sessions:expiry} is used
 * for the session count only when the last complete pass found it listing exactly the readable
 * sessions: then its live entries (ZCOUNT, O(log n)) give the count now, not as of the pass. The
 * Go backend does not write the index, so beside one it is never trusted. Index entries past their
 * expiry are counted with ZCOUNT each call.
 *
 * <p>Per call in the window: one pipelined round trip for the index, the census's own budget, and
 * at most two round trips for the usernames of new top users (SRANDMEMBER of their set + MGET,
 * cached). {@link #once()} runs the census to the end of a pass (for at most about a minute).
 *
 * <p>Failure behaviour: a Redis failure is thrown as
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException} (the window marks its figures
 * stale); the census resumes where it was on the next call. Not thread-safe: one caller at a time.
 */
public final class SessionsProbe implements Probe<SessionsSnapshot> {

    /** Users listed as top users. */
    public static final int TOP_USERS = SessionCensus.TOP_USERS;
    /** Census ticks {@link #once()} may spend finishing a pass: each spends at most 25 ms, so about a minute. */
    private static final int MAX_CENSUS_TICKS = 2_400;
    private static final int USERNAME_CANDIDATES = 3;
    private static final Duration USERNAME_RETRY = Duration.ofSeconds(30);
    private static final Duration USERNAME_KEPT = Duration.ofMinutes(10);
    private static final int USERNAMES_KEPT = 256;

    private final CensusTracker census;
    private final Clock clock;
    private final boolean untilDone;
    private RedisConnections connection;
    private final Map<Long, Name> usernames = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Name> eldest) {
            return size() > USERNAMES_KEPT;
        }
    };

    private record Name(String username, Instant at) {
    }

    /** For the window: each call advances the shared census by its budget. */
    public SessionsProbe(CensusTracker census) {
        this(census, Clock.systemUTC(), false);
    }

    SessionsProbe(CensusTracker census, Clock clock, boolean untilDone) {
        this.census = census;
        this.clock = clock;
        this.untilDone = untilDone;
    }

    /**
     * For the command line: one {@link #collect} completes a census pass instead of a step (for at
     * most about a minute; figures of a pass that did not complete are marked approximate).
     */
    public static SessionsProbe once() {
        return new SessionsProbe(new CensusTracker(), Clock.systemUTC(), true);
    }

    /** The figures as {@code snapshot --json} prints them. */
    @Override
    public SessionsSnapshot collect(RedisConnections redis) {
        return figures(redis).snapshot();
    }

    /** The figures with what they were counted from, for the window. */
    public SessionFigures figures(RedisConnections redis) {
        if (redis != connection) {
            connection = redis;
            usernames.clear();
        }
        CensusSnapshot c = untilDone ? census.complete(redis, MAX_CENSUS_TICKS, SessionCensus.DETAIL)
                : census.current(redis, SessionCensus.DETAIL);
        SessionCensus.Figures s = c == null ? null : c.detail(SessionCensus.DETAIL);

        Instant now = clock.instant();
        String index = redis.keys().sessionsExpiry();
        RedisClusterAsyncCommands<String, String> async = redis.async();
        CompletionStage<Long> exists = async.exists(index);
        CompletionStage<Long> live = async.zcount(index, Range.from(Range.Boundary.including(now.toEpochMilli()), Range.Boundary.unbounded()));
        CompletionStage<Long> past = async.zcount(index, Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(now.toEpochMilli())));
        await("Counting sessions", List.of(exists, live, past));
        boolean indexed = join(exists) > 0;
        boolean trusted = indexed && s != null && s.complete() && s.index().complete();

        Accuracy counted = s == null ? Accuracy.UNKNOWN : s.complete() ? Accuracy.EXACT : Accuracy.APPROXIMATE;
        Map<String, Accuracy> accuracy = new LinkedHashMap<>();
        accuracy.put("total", trusted ? Accuracy.EXACT : counted);
        accuracy.put("unreadable", counted);
        accuracy.put("users", s != null && s.usersCapped() ? Accuracy.APPROXIMATE : counted);
        accuracy.put("staleIds", indexed ? Accuracy.EXACT : Accuracy.UNKNOWN);
        accuracy.put("ghostIds", counted);
        accuracy.put("topUsers", accuracy.get("users"));
        SessionsSnapshot snapshot = new SessionsSnapshot(
                trusted ? join(live) : s == null ? null : s.sessions(),
                s == null ? null : s.unreadable(),
                s == null ? null : s.users(),
                indexed ? join(past) : null,
                s == null ? null : s.ghostIds(),
                s == null ? List.of() : withUsernames(redis, s.topUsers()),
                accuracy,
                new SessionsSnapshot.Scan(s != null && s.complete(), s == null ? 0.0 : s.progress(), s == null ? null : s.completedAt()),
                new SessionsSnapshot.Index(indexed, s == null || !s.complete() ? null : s.index().complete(),
                        s == null ? null : s.completedAt(), s == null || !s.index().present() ? null : s.index().notListed(), trusted));
        return new SessionFigures(snapshot, s, trusted, now);
    }

    /** Usernames of the top users: cached, else read from up to three of their sessions in two round trips for all. */
    private List<SessionsSnapshot.TopUser> withUsernames(RedisConnections redis, List<SessionsSnapshot.TopUser> top) {
        Instant now = clock.instant();
        List<SessionsSnapshot.TopUser> unknown = top.stream().filter(u -> {
            Name n = usernames.get(u.userId());
            return n == null || now.isAfter(n.at().plus(n.username() == null ? USERNAME_RETRY : USERNAME_KEPT));
        }).toList();
        if (!unknown.isEmpty()) {
            KeySchema keys = redis.keys();
            RedisClusterAsyncCommands<String, String> async = redis.async();
            Map<Long, CompletionStage<List<String>>> picks = new LinkedHashMap<>();
            unknown.forEach(u -> picks.put(u.userId(), async.srandmember(keys.userSessions(u.userId()), USERNAME_CANDIDATES)));
            await("Reading usernames", picks.values());
            Map<String, Long> owners = new HashMap<>();
            picks.forEach((uid, ids) -> join(ids).forEach(id -> owners.putIfAbsent(id, uid)));
            Map<Long, String> found = new HashMap<>();
            for (SessionEntry e : new SessionBatchReader(redis).read("Reading usernames", new ArrayList<>(owners.keySet()))) {
                if (e instanceof SessionEntry.Valid v
                        && v.session().userId() == owners.get(e.sessionId()) && !v.session().username().isBlank()) {
                    found.putIfAbsent(v.session().userId(), v.session().username());
                }
            }
            unknown.forEach(u -> usernames.put(u.userId(), new Name(found.get(u.userId()), now)));
        }
        return top.stream().map(u -> {
            Name n = usernames.get(u.userId());
            return new SessionsSnapshot.TopUser(u.userId(), n == null ? null : n.username(), u.sessions());
        }).toList();
    }
}
