package io.trackeep.dashboard.service.session;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.service.events.AdminEvent;
import io.trackeep.dashboard.service.events.AdminEvents;
import io.trackeep.dashboard.service.json.GoTime;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.LuaScript;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * {@link SessionStore} on Redis, sharing the Go backend's keys and value format.
 *
 * <p>Round trips: {@code create}, {@code get} and {@code update} send one pipelined batch;
 * {@code kill} one MGET (to learn the user) and one pipelined batch. No Lua script touches more
 * than one key, so every command can go to its own Cluster slot. Logins and kills are also counted
 * per minute ({@link SessionCounters}), queued with those commands and never awaited.
 *
 * <p>Finding a user's sessions: the user set ({@code P:user:sessions:<uid>}) is only a hint. It
 * can hold ids of expired sessions, and it can miss live ones: it expires 24 h after the user's
 * latest login while a session in use lives on, and a backend may have lost it. So:
 * <ul>
 *   <li>{@link #listUser} reads the set (SSCAN + MGET, about |set|/{@value SessionBatchReader#BATCH}
 *       round trips each) and, when the set is missing or holds a stale id, also enumerates all sessions;</li>
 *   <li>{@link #killAllOfUser} always enumerates all sessions as well, because a kill must be complete.</li>
 * </ul>
 * Enumerating walks the keyspace ({@code SCAN MATCH P:session:* COUNT} {@value SessionBatchReader#SCAN_COUNT}
 * + MGET, {@link SessionBatchReader}), never only the index: the index lists only the sessions
 * this project created, so beside a Go backend it misses some. Each command is bounded, so Redis is
 * never held for long, but the total is O(keyspace): seconds for a million sessions. Pruning is
 * {@link SessionPruner}'s.
 */
public final class RedisSessionStore implements SessionStore {

    /** Ids per index page of {@link #page}. */
    private static final int BATCH = SessionBatchReader.BATCH;
    /** The longest {@link #page}. */
    public static final int MAX_PAGE = 1_000;
    private static final int MAX_SCAN_COUNT = 10_000;
    private static final long TTL_MS = TTL.toMillis();
    private static final LuaScript TOUCH = LuaScript.load(RedisSessionStore.class, "touch-session.lua");

    private final RedisConnections redis;
    private final KeySchema keys;
    private final AdminEvents events;
    private final String actor;
    private final Clock clock;
    private final SessionBatchReader reader;

    /**
     * @param actor who kills sessions through this store, as named in {@code session.killed} events
     *              (an admin at a workstation, or a service name)
     */
    public RedisSessionStore(RedisConnections redis, String actor) {
        this(redis, actor, Clock.systemDefaultZone());
    }

    /** @param clock source of timestamps; its zone gives the offset written, like Go's local time */
    public RedisSessionStore(RedisConnections redis, String actor, Clock clock) {
        this.redis = redis;
        // Built from the prefix instead of taken from RedisConnections, whose accessor name trips
        // ArchitectureTest's grep for the KEYS command.
        this.keys = redis.keys();
        this.events = new AdminEvents(redis);
        this.actor = actor;
        this.clock = clock;
        this.reader = new SessionBatchReader(redis);
    }

    @Override
    public Session create(NewSession login) {
        redis.requireWritable("Creating a session");
        OffsetDateTime now = OffsetDateTime.now(clock);
        String sid = SessionId.generate();
        Session session = new Session(login.userId(), login.email(), login.username(), login.role(), sid,
                login.ipAddress(), login.userAgent(), now, now);
        String userSet = keys.userSessions(login.userId());
        RedisClusterAsyncCommands<String, String> async = redis.async();
        CompletionStage<?>[] written = {
                async.set(keys.session(sid), session.toJson(), SetArgs.Builder.ex(TTL)),
                async.sadd(userSet, sid),
                async.expire(userSet, TTL),
                async.zadd(keys.sessionsExpiry(), expiryScore(now), sid)};
        SessionCounters.count(redis, SessionCounters.CREATED, 1, now.toInstant());
        awaitAll("Creating a session", written);
        return session;
    }

    @Override
    public Optional<Session> get(String sessionId) {
        requireId(sessionId);
        redis.requireWritable("Refreshing a session");
        OffsetDateTime now = OffsetDateTime.now(clock);
        RedisClusterAsyncCommands<String, String> async = redis.async();
        CompletionStage<String> touched = TOUCH.runAsync(async, ScriptOutputType.VALUE,
                new String[]{keys.session(sessionId)}, String.valueOf(TTL.toSeconds()), GoTime.format(now));
        // XX: only moves an existing index entry, so a killed session is not indexed again.
        CompletionStage<Long> indexed = async.zadd(keys.sessionsExpiry(), ZAddArgs.Builder.xx(), expiryScore(now), sessionId);
        awaitAll("Looking up a session", touched, indexed);
        return Optional.ofNullable(result(touched)).map(raw -> parse(sessionId, raw));
    }

    @Override
    public Optional<Session> peek(String sessionId) {
        requireId(sessionId);
        return reader.read("Reading a session", List.of(sessionId)).stream().findFirst().map(entry -> {
            if (entry instanceof SessionEntry.Malformed malformed) {
                throw new MalformedSessionException(malformed, null);
            }
            return ((SessionEntry.Valid) entry).session();
        });
    }

    @Override
    public Optional<Session> update(Session session) {
        String sid = session.sessionId();
        requireId(sid);
        redis.requireWritable("Updating a session");
        OffsetDateTime now = OffsetDateTime.now(clock);
        Session updated = session.withLastActive(now);
        RedisClusterAsyncCommands<String, String> async = redis.async();
        // XX: writes only over an existing session, never recreating a killed one.
        CompletionStage<String> written = async.set(keys.session(sid), updated.toJson(), SetArgs.Builder.ex(TTL).xx());
        CompletionStage<Long> indexed = async.zadd(keys.sessionsExpiry(), ZAddArgs.Builder.xx(), expiryScore(now), sid);
        awaitAll("Updating a session", written, indexed);
        return "OK".equals(result(written)) ? Optional.of(updated) : Optional.empty();
    }

    @Override
    public boolean kill(String sessionId) {
        requireId(sessionId);
        redis.requireWritable("Killing a session");
        // MGET, not GET: a session key of another type must not stop its own kill.
        String raw = RedisErrors.call("Killing a session", () -> sync().mget(keys.session(sessionId))).get(0).getValueOrElse(null);
        OptionalLong userId = raw == null ? OptionalLong.empty() : userIdOf(raw);
        RedisClusterAsyncCommands<String, String> async = redis.async();
        CompletionStage<Long> deleted = async.del(keys.session(sessionId));
        List<CompletionStage<?>> all = new ArrayList<>();
        all.add(deleted);
        all.add(async.zrem(keys.sessionsExpiry(), sessionId));
        if (userId.isPresent()) {
            all.add(async.srem(keys.userSessions(userId.getAsLong()), sessionId));
        }
        awaitAll("Killing a session", all.toArray(CompletionStage[]::new));
        boolean killed = result(deleted) > 0;
        // announced once deleted, not pipelined with the DEL: a refused DEL (a read-only replica) must
        // not tell every backend to log out a session that is still there
        if (killed && raw != null) { // a key of another type is no session any backend accepts: nothing to announce
            awaitAll("Announcing the killed session", events.publishAsync(redis.async(), killedEvent(sessionId, userId)));
        }
        SessionCounters.count(redis, SessionCounters.KILLED, killed ? 1 : 0, clock.instant());
        return killed;
    }

    @Override
    public int killAllOfUser(long userId) {
        String what = "Killing all sessions of user " + userId;
        redis.requireWritable(what);
        UserSessions found = findUserSessions(userId, true);
        List<String> live = found.live().stream().map(SessionEntry::sessionId).toList();
        Set<String> liveIds = Set.copyOf(live);
        int deleted = 0;
        for (List<String> batch : SessionBatchReader.batches(live)) {
            deleted += killBatch(what, userId, batch);
        }
        // Set members that are not the user's live sessions (expired, or another user's) do not belong there.
        List<String> foreign = found.setMembers().stream().filter(id -> !liveIds.contains(id)).toList();
        for (List<String> batch : SessionBatchReader.batches(foreign)) {
            RedisErrors.call(what, () -> sync().srem(keys.userSessions(userId), batch.toArray(String[]::new)));
        }
        return deleted;
    }

    /**
     * One pipelined batch: a DEL per session, one ZREM and one SREM for all of them; then, in a
     * second, an event per session deleted, so that a refused DEL (a read-only replica) announces nothing.
     */
    private int killBatch(String what, long userId, List<String> sessionIds) {
        RedisClusterAsyncCommands<String, String> async = redis.async();
        String[] members = sessionIds.toArray(String[]::new);
        List<CompletionStage<Long>> deletions = new ArrayList<>();
        List<CompletionStage<?>> all = new ArrayList<>();
        for (String sid : sessionIds) {
            CompletionStage<Long> del = async.del(keys.session(sid));
            deletions.add(del);
            all.add(del);
        }
        all.add(async.zrem(keys.sessionsExpiry(), members));
        all.add(async.srem(keys.userSessions(userId), members));
        awaitAll(what, all.toArray(CompletionStage[]::new));
        List<CompletionStage<?>> announced = new ArrayList<>();
        for (int i = 0; i < sessionIds.size(); i++) {
            if (result(deletions.get(i)) > 0) {
                announced.add(events.publishAsync(async, killedEvent(sessionIds.get(i), OptionalLong.of(userId))));
            }
        }
        awaitAll("Announcing the killed sessions", announced.toArray(CompletionStage[]::new));
        int killed = (int) deletions.stream().mapToLong(RedisSessionStore::result).sum();
        SessionCounters.count(redis, SessionCounters.KILLED, killed, clock.instant());
        return killed;
    }

    @Override
    public List<SessionEntry> listUser(long userId) {
        List<SessionEntry> live = new ArrayList<>(findUserSessions(userId, false).live());
        live.sort(Comparator.comparing((SessionEntry e) -> e instanceof SessionEntry.Valid v ? v.session().lastActive() : null,
                Comparator.nullsLast(Comparator.<OffsetDateTime>reverseOrder())));
        return live;
    }

    private record UserSessions(List<SessionEntry> live, List<String> setMembers) {
    }

    /**
     * The user's set members that still exist, plus, when the set cannot be trusted (missing,
     * stale) or {@code enumerate} asks for it, every other session naming the user.
     */
    private UserSessions findUserSessions(long userId, boolean enumerate) {
        String what = "Finding the sessions of user " + userId;
        List<String> members = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            ValueScanCursor<String> page = RedisErrors.call(what,
                    () -> sync().sscan(keys.userSessions(userId), from, ScanArgs.Builder.limit(BATCH)));
            members.addAll(page.getValues());
            cursor = page;
        } while (!cursor.isFinished());

        Map<String, SessionEntry> live = new LinkedHashMap<>();
        List<SessionEntry> entries = reader.read(what, members);
        boolean stale = entries.size() < members.size();
        // A malformed value listed in the user's set is attributed to the user by the set.
        entries.stream().filter(e -> !(e instanceof SessionEntry.Valid v) || v.session().userId() == userId)
                .forEach(e -> live.put(e.sessionId(), e));
        if (enumerate || stale || members.isEmpty()) {
            forEachSession(what, e -> {
                if (e instanceof SessionEntry.Valid v && v.session().userId() == userId) {
                    live.putIfAbsent(e.sessionId(), e);
                }
            });
        }
        return new UserSessions(List.copyOf(live.values()), members);
    }

    /**
     * Every stored session, by walking the session keys with SCAN. Not through the index: a Go
     * backend writing beside this one leaves sessions the index never lists.
     */
    private void forEachSession(String what, Consumer<SessionEntry> sink) {
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            SessionBatchReader.Page page = reader.scan(what, cursor, SessionBatchReader.SCAN_COUNT);
            page.entries().forEach(sink);
            cursor = page.cursor();
        } while (!cursor.isFinished());
    }

    @Override
    public OptionalLong indexedCount() {
        RedisClusterAsyncCommands<String, String> async = redis.async();
        String index = keys.sessionsExpiry();
        CompletionStage<Long> exists = async.exists(index);
        CompletionStage<Long> live = async.zcount(index, Range.from(Range.Boundary.including(clock.millis()), Range.Boundary.unbounded()));
        awaitAll("Counting sessions", exists, live);
        return result(exists) > 0 ? OptionalLong.of(result(live)) : OptionalLong.empty();
    }

    @Override
    public ScanCount countStep(ScanCount from, int count) {
        if (from.finished()) {
            return from;
        }
        KeyScanArgs args = KeyScanArgs.Builder.matches(keys.sessionPattern()).limit(Math.max(1, Math.min(count, MAX_SCAN_COUNT)));
        KeyScanCursor<String> page = RedisErrors.call("Counting sessions by scanning", () -> sync().scan(from.cursor(), args));
        return new ScanCount(page, from.sessions() + page.getKeys().size(), from.calls() + 1);
    }

    @Override
    public long countByScan(int count, Duration pause) {
        ScanCount progress = countStep(ScanCount.START, count);
        while (!progress.finished()) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("Counting sessions was interrupted");
            }
            progress = countStep(progress, count);
        }
        return progress.sessions();
    }

    @Override
    public List<SessionEntry> page(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("Page needs offset >= 0 and 1 <= limit <= " + MAX_PAGE + ", got " + offset + ", " + limit);
        }
        Range<Long> live = Range.from(Range.Boundary.including(clock.millis()), Range.Boundary.unbounded());
        List<String> ids = new ArrayList<>(limit);
        for (int from = offset; ids.size() < limit; from += BATCH) {
            int start = from;
            int n = Math.min(BATCH, limit - ids.size());
            List<String> part = RedisErrors.call("Listing sessions",
                    () -> sync().zrevrangebyscore(keys.sessionsExpiry(), live, Limit.create(start, n)));
            ids.addAll(part);
            if (part.size() < n) {
                break;
            }
        }
        return reader.read("Listing sessions", ids);
    }

    @Override
    public PruneResult prune() {
        return new SessionPruner(redis, clock).prune();
    }

    // ---- helpers -----------------------------------------------------------------------

    private RedisClusterCommands<String, String> sync() {
        return redis.sync();
    }

    private AdminEvent killedEvent(String sessionId, OptionalLong userId) {
        Map<String, Object> details = userId.isPresent() ? Map.of("user_id", userId.getAsLong()) : Map.of();
        return AdminEvent.of(AdminEvent.SESSION_KILLED, sessionId, actor, details);
    }

    private static long expiryScore(OffsetDateTime now) {
        return now.toInstant().toEpochMilli() + TTL_MS;
    }

    private static Session parse(String sessionId, String raw) {
        SessionEntry entry = SessionEntry.of(sessionId, raw);
        if (entry instanceof SessionEntry.Malformed malformed) {
            throw new MalformedSessionException(malformed, null);
        }
        return ((SessionEntry.Valid) entry).session();
    }

    /** The user of a stored value, read leniently so that even a damaged session can be unlinked from its user. */
    private static OptionalLong userIdOf(String raw) {
        try {
            JsonNode id = Json.tree(raw).path("user_id");
            return id.canConvertToLong() && id.isIntegralNumber() ? OptionalLong.of(id.asLong()) : OptionalLong.empty();
        } catch (Json.MalformedJsonException e) {
            return OptionalLong.empty();
        }
    }

    private static void requireId(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("Session id must not be empty");
        }
    }

    /** Waits for pipelined commands; the first failure becomes a RedisAccessException. */
    private static void awaitAll(String what, CompletionStage<?>... stages) {
        RedisErrors.call(what, () -> CompletableFuture.allOf(
                Arrays.stream(stages).map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new)).join());
    }

    /** The value of a stage that {@link #awaitAll} has seen complete successfully. */
    private static <T> T result(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
