package io.trackeep.dashboard.monitor.sessions;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ValueScanCursor;
import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.SessionBatchReader;
import io.trackeep.dashboard.service.session.SessionCounters;
import io.trackeep.dashboard.service.session.SessionEntry;
import io.trackeep.dashboard.service.session.SessionStore;
import io.trackeep.dashboard.service.stats.StatsWindow;

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
 *   <li><b>The index, when the census found it complete</b> ({@link SessionFigures#indexTrusted()}):
 *       pages by recency through {@link SessionStore#page} (ZREVRANGEBYSCORE + MGET). Every session
 *       is then this project's, so logins come from the store's per-minute counters
 *       ({@link LoginRate.Basis#COUNTED_AT_LOGIN}).</li>
 *   <li><b>Otherwise</b> (Go backend only, or beside this project): a {@link SessionSample} of at
 *       most {@value #SAMPLE_SIZE} sessions found by a paced SCAN, re-read every call, sorted by last
 *       activity and paged; logins are the sessions of the sample created per minute that still
 *       exist ({@link LoginRate.Basis#CREATED_STILL_ALIVE}), since the Go backend counts nothing.</li>
 *   <li><b>One user</b>: the ids in their set (SSCAN, at most {@value #USER_MAX}); plus any of their
 *       sessions in the sample, since a set can miss live sessions.</li>
 *   <li><b>Unreadable values</b>: the session keys the census found holding something else, read again.</li>
 * </ul>
 * Every row gets its time left (pipelined PTTL). Reads go through {@link SessionBatchReader}
 * ({@value SessionBatchReader#BATCH} keys per MGET). Per call: two HMGET for the counters, one
 * index page, or the sample's re-read ({@value #SAMPLE_SIZE}/{@value SessionBatchReader#BATCH} MGETs)
 * and its SCAN budget; plus at most {@value #USER_MAX}/{@value SessionBatchReader#BATCH} SSCAN and
 * MGET calls for a user.
 *
 * <p>Malformed values are rows with {@link SessionRow#problem()}, never an exception. Redis failures
 * are thrown as {@link io.trackeep.dashboard.service.redis.RedisAccessException}. Not thread-safe
 * apart from {@link #query}: one caller at a time.
 */
public final class SessionListProbe implements Probe<SessionListing> {

    public static final int PAGE_SIZE = 100;
    public static final int SAMPLE_SIZE = 500;
    static final int USER_MAX = 1000;
    private static final int BATCH = SessionBatchReader.BATCH;

    static final Comparator<SessionEntry> MOST_RECENT_FIRST = Comparator.comparing(
            (SessionEntry e) -> e instanceof SessionEntry.Valid v ? v.session().lastActive() : null,
            Comparator.nullsLast(Comparator.<OffsetDateTime>reverseOrder()));

    private final ScanPace pace;
    private final Duration minRest;
    private final Clock clock;
    private volatile SessionQuery query = SessionQuery.ALL;
    private RedisConnections connection;
    private SessionStore store;
    private SessionBatchReader reader;
    private SessionSample sample;
    private StatsWindow counters;

    /**
     * For the window: a SCAN step per call while the index is not known complete; a new sample
     * pass after a rest as long as the last pass took, at least 5 s.
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

    public SessionQuery query() { return query; }

    /** The page, without figures: as if the index were not known complete. */
    @Override
    public SessionListing collect(RedisConnections redis) {
        return collect(redis, null);
    }

    /** The page; {@code figures} (null when unknown) tell whether the index may be used and which values are unreadable. */
    public SessionListing collect(RedisConnections redis, SessionFigures figures) {
        if (redis != connection) {
            connection = redis;
            store = new RedisSessionStore(redis, "dashboard", clock);
            reader = new SessionBatchReader(redis);
            sample = new SessionSample(SAMPLE_SIZE, minRest, clock);
            counters = SessionCounters.window();
        }
        SessionQuery q = query;
        Instant now = clock.instant();
        List<StatsWindow.Minute> counted = SessionCounters.read(redis, counters, LoginRate.MINUTES, now);
        if (figures != null && figures.indexTrusted()) {
            LoginRate logins = LoginRate.counted(counted);
            if (q.userId() != null) {
                return forUser(redis, q, null, logins, now);
            }
            return q.unreadable() ? unreadable(q, figures, logins, now) : fromIndex(q, logins, now);
        }
        sample.advance(redis, pace);
        List<String> ids = sample.ids();
        List<SessionEntry> entries = new ArrayList<>(reader.read("Reading sessions", ids));
        Set<String> present = new HashSet<>();
        entries.forEach(e -> present.add(e.sessionId()));
        sample.forget(ids.stream().filter(id -> !present.contains(id)).toList());
        entries.sort(MOST_RECENT_FIRST);
        LoginRate logins = LoginRate.of(entries, now, !sample.complete(), counted.stream().mapToLong(StatsWindow.Minute::first).sum());
        if (q.userId() != null) {
            return forUser(redis, q, entries, logins, now);
        }
        if (q.unreadable()) {
            return unreadable(q, figures, logins, now);
        }
        int offset = q.page() * PAGE_SIZE;
        return new SessionListing(q, SessionListing.Source.SCAN_SAMPLE, SessionRow.read(reader, slice(entries, offset)), offset,
                offset + PAGE_SIZE < entries.size(), entries.size(), sample.complete(), false, logins, now);
    }

    private SessionListing fromIndex(SessionQuery q, LoginRate logins, Instant now) {
        int offset = q.page() * PAGE_SIZE;
        // one extra row tells whether a next page exists
        List<SessionEntry> read = store.page(offset, PAGE_SIZE + 1);
        boolean hasMore = read.size() > PAGE_SIZE;
        List<SessionEntry> page = hasMore ? read.subList(0, PAGE_SIZE) : read;
        return new SessionListing(q, SessionListing.Source.INDEX, SessionRow.read(reader, page), offset, hasMore,
                -1, false, false, logins, now);
    }

    /** The unreadable values the census remembered, as they are now (gone ones left out). */
    private SessionListing unreadable(SessionQuery q, SessionFigures figures, LoginRate logins, Instant now) {
        List<String> ids = figures == null || figures.census() == null ? List.of()
                : figures.census().unreadableIds().stream().map(SessionCensus.Unreadable::sessionId).toList();
        List<SessionEntry> entries = reader.read("Reading unreadable sessions", ids);
        int offset = q.page() * PAGE_SIZE;
        return new SessionListing(q, SessionListing.Source.UNREADABLE, SessionRow.read(reader, slice(entries, offset)), offset,
                offset + PAGE_SIZE < entries.size(), entries.size(), false, false, logins, now);
    }

    /**
     * The user's set members that exist, plus their sessions among {@code sampled} (the SCAN sample,
     * read anyway); with a complete index ({@code sampled} null), among the most recently active
     * sessions, read only when the user has no set.
     */
    private SessionListing forUser(RedisConnections redis, SessionQuery q, List<SessionEntry> sampled, LoginRate logins, Instant now) {
        long uid = q.userId();
        String setKey = redis.keys().userSessions(uid);
        List<String> members = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            ValueScanCursor<String> page = RedisErrors.call("Reading the sessions of user " + uid,
                    () -> redis.sync().sscan(setKey, from, ScanArgs.Builder.limit(BATCH)));
            members.addAll(page.getValues());
            cursor = page;
        } while (!cursor.isFinished() && members.size() < USER_MAX);
        Map<String, SessionEntry> mine = new LinkedHashMap<>();
        // a malformed value listed in the user's set is attributed to the user by the set
        reader.read("Reading the sessions of user " + uid, members.stream().distinct().limit(USER_MAX).toList()).stream()
                .filter(e -> !(e instanceof SessionEntry.Valid v) || v.session().userId() == uid)
                .forEach(e -> mine.put(e.sessionId(), e));
        List<SessionEntry> known = sampled != null ? sampled : members.isEmpty() ? store.page(0, BATCH) : List.of();
        known.stream().filter(e -> e instanceof SessionEntry.Valid v && v.session().userId() == uid)
                .forEach(e -> mine.putIfAbsent(e.sessionId(), e));
        List<SessionEntry> sorted = new ArrayList<>(mine.values());
        sorted.sort(MOST_RECENT_FIRST);
        int offset = q.page() * PAGE_SIZE;
        return new SessionListing(q, SessionListing.Source.USER, SessionRow.read(reader, slice(sorted, offset)), offset,
                offset + PAGE_SIZE < sorted.size(), sorted.size(), false, !members.isEmpty(), logins, now);
    }

    /**
     * For the command line: one user's sessions, most recently active first, at most {@code limit}:
     * {@link SessionStore#listUser} (exact; enumerates every session when their set is missing or stale).
     */
    public static SessionListing forUser(RedisConnections redis, long userId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        Clock clock = Clock.systemUTC();
        List<SessionEntry> all = new RedisSessionStore(redis, "dashboard", clock).listUser(userId);
        boolean setFound = RedisErrors.call("Reading the sessions of user " + userId,
                () -> redis.sync().exists(redis.keys().userSessions(userId))) > 0;
        return new SessionListing(new SessionQuery(userId, 0), SessionListing.Source.USER,
                SessionRow.read(new SessionBatchReader(redis), all.subList(0, Math.min(limit, all.size()))),
                0, all.size() > limit, all.size(), false, setFound, LoginRate.NONE, clock.instant());
    }

    private static List<SessionEntry> slice(List<SessionEntry> all, int offset) {
        return offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + PAGE_SIZE));
    }
}
