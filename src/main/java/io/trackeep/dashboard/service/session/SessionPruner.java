package io.trackeep.dashboard.service.session;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValueScanCursor;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import static io.trackeep.dashboard.service.session.SessionBatchReader.BATCH;
import static io.trackeep.dashboard.service.session.SessionBatchReader.await;
import static io.trackeep.dashboard.service.session.SessionBatchReader.join;

/**
 * {@link SessionStore#prune}: removes ids of sessions that are gone from the index
 * {@code P:sessions:expiry} and from every user set {@code P:user:sessions:<uid>} (which the Go
 * backend never cleans), and re-dates index entries whose session a backend that does not index
 * kept alive. Works the same on data written by the Go backend, by this project or by both.
 *
 * <p>Cost: the index is read with ZSCAN ({@value SessionBatchReader#BATCH} members per call), user
 * sets are found with {@code SCAN MATCH P:user:sessions:* TYPE set} and read with SSCAN, and every
 * id is checked with PTTL, {@value SessionBatchReader#BATCH} per pipelined batch: O(index + user
 * set members + keyspace) in small commands, none holding Redis for long.
 */
final class SessionPruner {

    private final RedisConnections redis;
    private final KeySchema keys;
    private final SessionBatchReader reader;
    private final Clock clock;

    SessionPruner(RedisConnections redis, Clock clock) {
        this.redis = redis;
        this.keys = redis.keys();
        this.reader = new SessionBatchReader(redis);
        this.clock = clock;
    }

    SessionStore.PruneResult prune() {
        redis.requireWritable("Cleaning stale session index entries");
        long[] index = pruneIndex();
        long[] sets = pruneUserSets();
        return new SessionStore.PruneResult(index[0], index[1], sets[0], sets[1]);
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
            ScoredValueScanCursor<String> page = RedisErrors.call(what, () -> redis.sync().zscan(index, from, ScanArgs.Builder.limit(BATCH)));
            cursor = page;
            Map<String, Double> scores = new LinkedHashMap<>();
            page.getValues().forEach(m -> scores.put(m.getValue(), m.getScore()));
            Map<String, Long> ttls = reader.ttls(what, scores.keySet());
            long now = clock.millis();
            List<String> gone = new ArrayList<>();
            RedisClusterAsyncCommands<String, String> async = redis.async();
            List<CompletionStage<?>> fixes = new ArrayList<>();
            for (Map.Entry<String, Double> member : scores.entrySet()) {
                long pttl = ttls.get(member.getKey());
                if (pttl == -2) {
                    gone.add(member.getKey());
                } else if (pttl >= 0 && member.getValue() < now) {
                    // A backend that does not index refreshed this session: keep the index truthful.
                    fixes.add(async.zadd(index, ZAddArgs.Builder.xx(), now + pttl, member.getKey()));
                    rescored++;
                }
            }
            if (!gone.isEmpty()) {
                fixes.add(async.zrem(index, gone.toArray(String[]::new)));
                removed += gone.size();
            }
            await(what, fixes);
        } while (!cursor.isFinished());
        return new long[]{removed, rescored};
    }

    /**
     * SCAN for user sets; per SCAN page, read all its sets, check all their ids and remove the
     * gone ones. Returns {sets visited, ids removed}.
     */
    private long[] pruneUserSets() {
        String what = "Cleaning user session sets";
        long visited = 0;
        long removed = 0;
        KeyScanArgs args = KeyScanArgs.Builder.matches(keys.userSessionsPattern()).type("set").limit(SessionBatchReader.SCAN_COUNT);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = RedisErrors.call(what, () -> redis.sync().scan(from, args));
            cursor = page;
            visited += page.getKeys().size();
            for (List<String> sets : SessionBatchReader.batches(page.getKeys())) {
                removed += removeGone(what, membersOf(what, sets));
            }
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
            await(what, calls.values());
            calls.forEach((k, call) -> {
                ValueScanCursor<String> page = join(call);
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
    private long removeGone(String what, Map<String, List<String>> members) {
        Set<String> ids = new LinkedHashSet<>();
        members.values().forEach(ids::addAll);
        Map<String, Long> ttls = reader.ttls(what, ids);
        RedisClusterAsyncCommands<String, String> async = redis.async();
        List<CompletionStage<Long>> removals = new ArrayList<>();
        members.forEach((setKey, setIds) -> {
            String[] gone = setIds.stream().filter(id -> ttls.get(id) == -2).toArray(String[]::new);
            if (gone.length > 0) {
                removals.add(async.srem(setKey, gone));
            }
        });
        await(what, removals);
        return removals.stream().mapToLong(SessionBatchReader::join).sum();
    }
}
