package io.trackeep.dashboard.service.session;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScoredValueScanCursor;
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
 * {@code kill} one GET (to learn the user) and one pipelined batch. No Lua script touches more
 * than one key, so every command can go to its own Cluster slot.
 *
 * <p>Finding a user's sessions: the user set ({@code P:user:sessions:<uid>}) is only a hint. It
 * can hold ids of expired sessions, and it can miss live ones: it expires 24 h after the user's
 * latest login while a session in use lives on, and a backend may have lost it. So:
 * <ul>
 *   <li>{@link #listUser} reads the set (SSCAN + MGET, about |set|/{@value #BATCH} round trips each)
 *       and, when the set is missing or holds a stale id, also enumerates all sessions;</li>
 *   <li>{@link #killAllOfUser} always enumerates all sessions as well, because a kill must be complete.</li>
 * </ul>
 * Enumerating walks the index when it exists (ZSCAN + MGET, about 2·n/{@value #BATCH} round trips
 * for n indexed sessions, transferring every session value once) and otherwise the keyspace
 * (SCAN MATCH {@code P:session:*} COUNT {@value #BATCH} + MGET, about k/{@value #BATCH} calls for
 * k keys of any kind). Each command is bounded, so Redis is never held for long, but the total is
 * O(sessions) or O(keyspace): seconds for a million sessions. The index is trusted to be complete
 * when it exists, which holds when every backend maintains it (or none does and it is absent).
 */
public final class RedisSessionStore implements SessionStore {

    /** Keys, members or ids handled per command or pipelined batch. */
    static final int BATCH = 200;
    private static final int MAX_SCAN_COUNT = 10_000;
    private static final long TTL_MS = TTL.toMillis();
    private static final LuaScript TOUCH = LuaScript.load(RedisSessionStore.class, "touch-session.lua");

    private final RedisConnections redis;
    private final KeySchema keys;
    private final AdminEvents events;
    private final String actor;
    private final Clock clock;

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
        awaitAll("Creating a session",
                async.set(keys.session(sid), session.toJson(), SetArgs.Builder.ex(TTL)),
                async.sadd(userSet, sid),
                async.expire(userSet, TTL),
                async.zadd(keys.sessionsExpiry(), expiryScore(now), sid));
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
        String raw = RedisErrors.call("Reading a session", () -> sync().get(keys.session(sessionId)));
        return Optional.ofNullable(raw).map(value -> parse(sessionId, value));
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
        String raw = RedisErrors.call("Killing a session", () -> sync().get(keys.session(sessionId)));
        OptionalLong userId = raw == null ? OptionalLong.empty() : userIdOf(raw);
        RedisClusterAsyncCommands<String, String> async = redis.async();
        List<CompletionStage<Long>> removals = new ArrayList<>();
        removals.add(async.del(keys.session(sessionId)));
        removals.add(async.zrem(keys.sessionsExpiry(), sessionId));
        if (userId.isPresent()) {
            removals.add(async.srem(keys.userSessions(userId.getAsLong()), sessionId));
        }
        CompletionStage<Long> announced = raw == null ? CompletableFuture.completedFuture(0L)
                : events.publishAsync(async, killedEvent(sessionId, userId));
        List<CompletionStage<?>> all = new ArrayList<>(removals);
        all.add(announced);
        awaitAll("Killing a session", all.toArray(CompletionStage[]::new));
        return removals.stream().mapToLong(RedisSessionStore::result).sum() > 0;
    }

    @Override
    public int killAllOfUser(long userId) {
        String what = "Killing all sessions of user " + userId;
        redis.requireWritable(what);
        UserSessions found = findUserSessions(userId, true);
        List<String> live = found.live().stream().map(SessionEntry::sessionId).toList();
        Set<String> liveIds = Set.copyOf(live);
        int deleted = 0;
        for (List<String> batch : batches(live)) {
            deleted += killBatch(what, userId, batch);
        }
        // Set members that are not the user's live sessions (expired, or another user's) do not belong there.
        List<String> foreign = found.setMembers().stream().filter(id -> !liveIds.contains(id)).toList();
        for (List<String> batch : batches(foreign)) {
            RedisErrors.call(what, () -> sync().srem(keys.userSessions(userId), batch.toArray(String[]::new)));
        }
        return deleted;
    }

    /** One pipelined batch: DEL and an event per session, one ZREM and one SREM for all of them. */
    private int killBatch(String what, long userId, List<String> sessionIds) {
        RedisClusterAsyncCommands<String, String> async = redis.async();
        String[] members = sessionIds.toArray(String[]::new);
        List<CompletionStage<Long>> deletions = new ArrayList<>();
        List<CompletionStage<?>> all = new ArrayList<>();
        for (String sid : sessionIds) {
            CompletionStage<Long> del = async.del(keys.session(sid));
            deletions.add(del);
            all.add(del);
            all.add(events.publishAsync(async, killedEvent(sid, OptionalLong.of(userId))));
        }
        all.add(async.zrem(keys.sessionsExpiry(), members));
        all.add(async.srem(keys.userSessions(userId), members));
        awaitAll(what, all.toArray(CompletionStage[]::new));
        return (int) deletions.stream().mapToLong(RedisSessionStore::result).sum();
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
        boolean stale = false;
        for (List<String> batch : batches(members)) {
            List<SessionEntry> entries = fetch(what, batch);
            stale |= entries.size() < batch.size();
            // A malformed value listed in the user's set is attributed to the user by the set.
            entries.stream().filter(e -> !(e instanceof SessionEntry.Valid v) || v.session().userId() == userId)
                    .forEach(e -> live.put(e.sessionId(), e));
        }
        if (enumerate || stale || members.isEmpty()) {
            forEachSession(what, e -> {
                if (e instanceof SessionEntry.Valid v && v.session().userId() == userId) {
                    live.putIfAbsent(e.sessionId(), e);
                }
            });
        }
        return new UserSessions(List.copyOf(live.values()), members);
    }

    /** Every stored session: through the index when it exists, else by scanning the keyspace. */
    private void forEachSession(String what, Consumer<SessionEntry> sink) {
        String index = keys.sessionsExpiry();
        boolean indexed = RedisErrors.call(what, () -> sync().exists(index)) > 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            List<String> ids;
            if (indexed) {
                ScoredValueScanCursor<String> page = RedisErrors.call(what,
                        () -> sync().zscan(index, from, ScanArgs.Builder.limit(BATCH)));
                ids = page.getValues().stream().map(ScoredValue::getValue).toList();
                cursor = page;
            } else {
                KeyScanCursor<String> page = RedisErrors.call(what,
                        () -> sync().scan(from, KeyScanArgs.Builder.matches(keys.sessionPattern()).limit(BATCH)));
                ids = page.getKeys().stream().flatMap(k -> keys.parseSessionId(k).stream()).toList();
                cursor = page;
            }
            fetch(what, ids).forEach(sink);
        } while (!cursor.isFinished());
    }

    /** MGET of the given sessions, in order, leaving out the ones that do not exist (or are not strings). */
    private List<SessionEntry> fetch(String what, List<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        String[] sessionKeys = sessionIds.stream().map(keys::session).toArray(String[]::new);
        List<KeyValue<String, String>> values = RedisErrors.call(what, () -> sync().mget(sessionKeys));
        List<SessionEntry> entries = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).hasValue()) {
                entries.add(entry(sessionIds.get(i), values.get(i).getValue()));
            }
        }
        return entries;
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
        if (offset < 0 || limit < 1 || limit > BATCH) {
            throw new IllegalArgumentException("Page needs offset >= 0 and 1 <= limit <= " + BATCH + ", got " + offset + ", " + limit);
        }
        Range<Long> live = Range.from(Range.Boundary.including(clock.millis()), Range.Boundary.unbounded());
        List<String> ids = RedisErrors.call("Listing sessions",
                () -> sync().zrevrangebyscore(keys.sessionsExpiry(), live, Limit.create(offset, limit)));
        return fetch("Listing sessions", ids);
    }

    @Override
    public PruneResult prune() {
        redis.requireWritable("Cleaning stale session index entries");
        long[] index = pruneIndex();
        long[] sets = pruneUserSets();
        return new PruneResult(index[0], index[1], sets[0], sets[1]);
    }

    /** ZSCAN the index; drop members whose session is gone, move scores that fell behind. Returns {removed, rescored}. */
    private long[] pruneIndex() {
        String what = "Cleaning the session index";
        String index = keys.sessionsExpiry();
        long removed = 0;
        long rescored = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            ScoredValueScanCursor<String> page = RedisErrors.call(what, () -> sync().zscan(index, from, ScanArgs.Builder.limit(BATCH)));
            cursor = page;
            List<ScoredValue<String>> members = page.getValues();
            RedisClusterAsyncCommands<String, String> async = redis.async();
            List<CompletionStage<Long>> ttls = members.stream().<CompletionStage<Long>>map(m -> async.pttl(keys.session(m.getValue()))).toList();
            awaitAll(what, ttls.toArray(CompletionStage[]::new));
            long now = clock.millis();
            List<String> gone = new ArrayList<>();
            List<CompletionStage<?>> fixes = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                long pttl = result(ttls.get(i));
                ScoredValue<String> member = members.get(i);
                if (pttl == -2) {
                    gone.add(member.getValue());
                } else if (pttl >= 0 && member.getScore() < now) {
                    // A backend that does not index refreshed this session: keep the index truthful.
                    fixes.add(async.zadd(index, ZAddArgs.Builder.xx(), now + pttl, member.getValue()));
                    rescored++;
                }
            }
            if (!gone.isEmpty()) {
                fixes.add(async.zrem(index, gone.toArray(String[]::new)));
                removed += gone.size();
            }
            awaitAll(what, fixes.toArray(CompletionStage[]::new));
        } while (!cursor.isFinished());
        return new long[]{removed, rescored};
    }

    /**
     * SCAN for user sets; per SCAN page, read all its sets, check all their ids and remove the
     * gone ones, each step one pipelined batch. Returns {sets visited, ids removed}.
     */
    private long[] pruneUserSets() {
        String what = "Cleaning user session sets";
        long visited = 0;
        long removed = 0;
        KeyScanArgs args = KeyScanArgs.Builder.matches(keys.userSessionsPattern()).type("set").limit(BATCH);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = RedisErrors.call(what, () -> sync().scan(from, args));
            cursor = page;
            visited += page.getKeys().size();
            removed += pruneUserSets(what, membersOf(what, page.getKeys()));
        } while (!cursor.isFinished());
        return new long[]{visited, removed};
    }

    /** Members of several sets, SSCANning them side by side: one pipelined batch per SSCAN round. */
    private Map<String, List<String>> membersOf(String what, List<String> setKeys) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        Map<String, ScanCursor> pending = new LinkedHashMap<>();
        setKeys.forEach(k -> {
            members.put(k, new ArrayList<>());
            pending.put(k, ScanCursor.INITIAL);
        });
        while (!pending.isEmpty()) {
            RedisClusterAsyncCommands<String, String> async = redis.async();
            Map<String, CompletionStage<ValueScanCursor<String>>> calls = new LinkedHashMap<>();
            pending.forEach((k, c) -> calls.put(k, async.sscan(k, c, ScanArgs.Builder.limit(BATCH))));
            awaitAll(what, calls.values().toArray(CompletionStage[]::new));
            calls.forEach((k, call) -> {
                ValueScanCursor<String> page = result(call);
                members.get(k).addAll(page.getValues());
                if (page.isFinished()) {
                    pending.remove(k);
                } else {
                    pending.put(k, page);
                }
            });
        }
        return members;
    }

    /** Removes from each set the ids whose session key is gone; returns how many. */
    private long pruneUserSets(String what, Map<String, List<String>> members) {
        RedisClusterAsyncCommands<String, String> async = redis.async();
        Map<String, CompletionStage<Long>> exists = new LinkedHashMap<>();
        members.values().stream().flatMap(List::stream).distinct()
                .forEach(id -> exists.put(id, async.exists(keys.session(id))));
        awaitAll(what, exists.values().toArray(CompletionStage[]::new));
        List<CompletionStage<Long>> removals = new ArrayList<>();
        members.forEach((setKey, ids) -> {
            String[] gone = ids.stream().filter(id -> result(exists.get(id)) == 0).toArray(String[]::new);
            if (gone.length > 0) {
                removals.add(async.srem(setKey, gone));
            }
        });
        awaitAll(what, removals.toArray(CompletionStage[]::new));
        return removals.stream().mapToLong(RedisSessionStore::result).sum();
    }

    // ---- helpers -----------------------------------------------------------------------

    private static List<List<String>> batches(List<String> items) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            batches.add(items.subList(from, Math.min(items.size(), from + BATCH)));
        }
        return batches;
    }

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
        SessionEntry entry = entry(sessionId, raw);
        if (entry instanceof SessionEntry.Malformed malformed) {
            throw new MalformedSessionException(malformed, null);
        }
        return ((SessionEntry.Valid) entry).session();
    }

    private static SessionEntry entry(String sessionId, String raw) {
        try {
            return new SessionEntry.Valid(sessionId, Session.fromJson(raw));
        } catch (Json.MalformedJsonException e) {
            return new SessionEntry.Malformed(sessionId, e.getMessage(), raw);
        }
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
