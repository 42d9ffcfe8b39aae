package io.trackeep.dashboard.monitor.sessions;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ValueScanCursor;
import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.SessionBatchReader;
import io.trackeep.dashboard.service.session.SessionEntry;
import io.trackeep.dashboard.service.session.SessionStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session table and the login rate, for the page the window asks for ({@link #query(SessionQuery)},
 * settable from any thread; the next {@link #collect} uses it).
 *
 * <ul>
 *   <li><b>With the index</b>: pages by recency through {@link SessionStore#page} (ZREVRANGEBYSCORE +
 *       MGET). The login rate comes from {@link RecentLogins}: the ids of the most recently active
 *       sessions until one was last active before the 15-minute window (then every login still
 *       holding a session is counted) or {@value RecentLogins#MAX} were read, with the creation time
 *       read once per session.</li>
 *   <li><b>Without it</b> (Go backend only): a {@link SessionSample} of at most {@value #SAMPLE_SIZE}
 *       sessions found by a paced SCAN, re-read every call, sorted by last activity and paged.</li>
 *   <li><b>One user</b>: the ids in their set (SSCAN, at most {@value #USER_MAX}); without the index,
 *       plus any of their sessions in the sample, since a set can miss live sessions.</li>
 * </ul>
 * Every row gets its time left (one pipelined PTTL batch per page). Per call: at most
 * {@value RecentLogins#MAX}/200 ZREVRANGEBYSCORE calls, an MGET of the new logins and one index page;
 * or, without the index, the sample's re-read ({@value #SAMPLE_SIZE}/200 MGETs) and its SCAN budget;
 * plus at most {@value #USER_MAX}/200 SSCAN and MGET calls for a user.
 *
 * <p>Malformed values are rows with {@link SessionRow#problem()}, never an exception. Redis failures
 * are thrown as {@link io.trackeep.dashboard.service.redis.RedisAccessException}. Not thread-safe
 * apart from {@link #query}: one caller at a time.
 */
public final class SessionListProbe implements Probe<SessionListing> {

    public static final int PAGE_SIZE = 100;
    public static final int SAMPLE_SIZE = 500;
    static final int USER_MAX = 1000;
    private static final int READ_BATCH = SessionBatchReader.BATCH;

    private static final Comparator<SessionEntry> MOST_RECENT_FIRST = Comparator.comparing(
            (SessionEntry e) -> e instanceof SessionEntry.Valid v ? v.session().lastActive() : null,
            Comparator.nullsLast(Comparator.<OffsetDateTime>reverseOrder()));

    private final ScanPace pace;
    private final Duration minRest;
    private final Clock clock;
    private volatile SessionQuery query = SessionQuery.ALL;
    private RedisConnections connection;
    private SessionStore store;
    private SessionSample sample;
    private RecentLogins recent;

    /**
     * For the window: a SCAN step per call without the index; a new sample pass after a rest as
     * long as the last pass took, at least 5 s.
     */
    public SessionListProbe() {
        this(ScanPace.TICK, Duration.ofSeconds(5), Clock.systemUTC());
    }

    SessionListProbe(ScanPace pace, Duration minRest, Clock clock) {
        this.pace = pace;
        this.minRest = minRest;
        this.clock = clock;
    }

    /** What the next {@link #collect} lists; from any thread. */
    public void query(SessionQuery q) {
        this.query = q == null ? SessionQuery.ALL : q;
    }

    public SessionQuery query() {
        return query;
    }

    @Override
    public SessionListing collect(RedisConnections redis) {
        if (redis != connection) {
            connection = redis;
            store = new RedisSessionStore(redis, "dashboard", clock);
            sample = new SessionSample(SAMPLE_SIZE, minRest, clock);
            recent = new RecentLogins();
        }
        SessionQuery q = query;
        Instant now = clock.instant();
        boolean indexed = RedisErrors.call("Looking for the session index", () -> redis.sync().exists(redis.keys().sessionsExpiry())) > 0;
        return indexed ? fromIndex(redis, q, now) : fromSample(redis, q, now);
    }

    private SessionListing fromIndex(RedisConnections redis, SessionQuery q, Instant now) {
        LoginRate logins = recent.read(redis, now);
        if (q.userId() != null) {
            return forUser(redis, q, null, logins, now);
        }
        int offset = q.page() * PAGE_SIZE;
        // one extra row tells whether a next page exists
        List<SessionEntry> read = store.page(offset, PAGE_SIZE + 1);
        boolean hasMore = read.size() > PAGE_SIZE;
        List<SessionEntry> page = hasMore ? read.subList(0, PAGE_SIZE) : read;
        return new SessionListing(q, SessionListing.Source.INDEX, SessionRow.read(new SessionBatchReader(redis), page), offset, hasMore,
                -1, false, false, logins, now);
    }

    private SessionListing fromSample(RedisConnections redis, SessionQuery q, Instant now) {
        sample.advance(redis, pace);
        List<String> ids = sample.ids();
        List<SessionEntry> entries = new ArrayList<>(new SessionBatchReader(redis).read("Reading sessions", ids));
        Set<String> present = new HashSet<>();
        entries.forEach(e -> present.add(e.sessionId()));
        sample.forget(ids.stream().filter(id -> !present.contains(id)).toList());
        entries.sort(MOST_RECENT_FIRST);
        LoginRate logins = LoginRate.of(entries, now, null, !sample.complete());
        if (q.userId() != null) {
            return forUser(redis, q, entries, logins, now);
        }
        int offset = q.page() * PAGE_SIZE;
        return new SessionListing(q, SessionListing.Source.SCAN_SAMPLE, SessionRow.read(new SessionBatchReader(redis), slice(entries, offset)), offset,
                offset + PAGE_SIZE < entries.size(), entries.size(), sample.complete(), false, logins, now);
    }

    /**
     * The user's set members that exist, plus their sessions among {@code sampled} (the SCAN sample,
     * read anyway); with the index ({@code sampled} null), among the most recently active sessions,
     * read only when the user has no set.
     */
    private SessionListing forUser(RedisConnections redis, SessionQuery q, List<SessionEntry> sampled, LoginRate logins, Instant now) {
        long uid = q.userId();
        String setKey = redis.keys().userSessions(uid);
        List<String> members = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            ValueScanCursor<String> page = RedisErrors.call("Reading the sessions of user " + uid,
                    () -> redis.sync().sscan(setKey, from, ScanArgs.Builder.limit(READ_BATCH)));
            members.addAll(page.getValues());
            cursor = page;
        } while (!cursor.isFinished() && members.size() < USER_MAX);
        Map<String, SessionEntry> mine = new LinkedHashMap<>();
        // a malformed value listed in the user's set is attributed to the user by the set
        new SessionBatchReader(redis).read("Reading sessions", members.stream().distinct().limit(USER_MAX).toList()).stream()
                .filter(e -> !(e instanceof SessionEntry.Valid v) || v.session().userId() == uid)
                .forEach(e -> mine.put(e.sessionId(), e));
        List<SessionEntry> known = sampled != null ? sampled : members.isEmpty() ? store.page(0, READ_BATCH) : List.of();
        known.stream().filter(e -> e instanceof SessionEntry.Valid v && v.session().userId() == uid)
                .forEach(e -> mine.putIfAbsent(e.sessionId(), e));
        List<SessionEntry> sorted = new ArrayList<>(mine.values());
        sorted.sort(MOST_RECENT_FIRST);
        int offset = q.page() * PAGE_SIZE;
        return new SessionListing(q, SessionListing.Source.USER, SessionRow.read(new SessionBatchReader(redis), slice(sorted, offset)), offset,
                offset + PAGE_SIZE < sorted.size(), sorted.size(), false, !members.isEmpty(), logins, now);
    }

    /**
     * For the command line: up to {@code limit} sessions at once, most recently active first.
     * One user's: {@link SessionStore#listUser} (exact; enumerates every session when their set
     * is missing or stale). All: the index by recency; without the index, the first {@code limit}
     * session keys a SCAN finds (for at most about a minute), then sorted.
     */
    public static SessionListing once(RedisConnections redis, Long userId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        SessionStore store = new RedisSessionStore(redis, "dashboard", clock);
        SessionQuery q = new SessionQuery(userId, 0);
        if (userId != null) {
            List<SessionEntry> all = store.listUser(userId);
            boolean setFound = RedisErrors.call("Reading the sessions of user " + userId,
                    () -> redis.sync().exists(redis.keys().userSessions(userId))) > 0;
            return new SessionListing(q, SessionListing.Source.USER, SessionRow.read(new SessionBatchReader(redis), all.subList(0, Math.min(limit, all.size()))),
                    0, all.size() > limit, all.size(), false, setFound, LoginRate.NONE, now);
        }
        boolean indexed = RedisErrors.call("Looking for the session index", () -> redis.sync().exists(redis.keys().sessionsExpiry())) > 0;
        if (indexed) {
            List<SessionEntry> read = new ArrayList<>();
            boolean end = false;
            for (int offset = 0; read.size() < limit && !end; offset += READ_BATCH) {
                List<SessionEntry> page = store.page(offset, READ_BATCH);
                read.addAll(page);
                end = page.isEmpty();
            }
            List<SessionEntry> shown = read.subList(0, Math.min(limit, read.size()));
            return new SessionListing(q, SessionListing.Source.INDEX, SessionRow.read(new SessionBatchReader(redis), shown), 0, read.size() > limit || !end,
                    -1, false, false, LoginRate.NONE, now);
        }
        SessionSample sample = new SessionSample(limit, Duration.ZERO, clock);
        sample.advance(redis, ScanPace.UNTIL_DONE);
        List<SessionEntry> entries = new ArrayList<>(new SessionBatchReader(redis).read("Reading sessions", sample.ids()));
        entries.sort(MOST_RECENT_FIRST);
        return new SessionListing(q, SessionListing.Source.SCAN_SAMPLE, SessionRow.read(new SessionBatchReader(redis), entries), 0, !sample.complete(),
                entries.size(), sample.complete(), false, LoginRate.NONE, now);
    }

    private static List<SessionEntry> slice(List<SessionEntry> all, int offset) {
        return offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + PAGE_SIZE));
    }

}
