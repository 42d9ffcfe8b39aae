package io.trackeep.dashboard.service.session;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one way sessions are read in bulk, by the store and by the dashboard's probes alike: MGET of
 * at most {@value #BATCH} keys per command, pipelined batches of at most {@value #BATCH} PTTL or
 * TYPE calls, and SCAN over session keys with {@code COUNT} {@value #SCAN_COUNT}. Each command is
 * small, so none holds Redis for long however many sessions there are (on 1,000,000 sessions an
 * MGET of 200 keys took 0.8 ms of server time on average, {@code bench census} on a 2-core VM; 100
 * keeps each well under the millisecond the dashboard may hold Redis).
 *
 * <p>Never throws for a bad value: one that is not a session, or a session key of another type,
 * comes back as {@link SessionEntry.Malformed} (see {@link SessionEntry#of}). Redis failures are
 * thrown as {@link io.trackeep.dashboard.service.redis.RedisAccessException}. Thread-safe (no state
 * besides the shared connection).
 */
public final class SessionBatchReader {

    /** Keys per MGET, members per index or set page, commands per pipelined batch. */
    public static final int BATCH = 100;
    /** SCAN COUNT when looking for session keys: keeps one SCAN with MATCH well under a millisecond. */
    public static final int SCAN_COUNT = 250;

    private final RedisConnections redis;
    private final KeySchema keys;

    public SessionBatchReader(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
    }

    /**
     * The sessions of these ids that exist, in the order given; ids whose key is gone are left out.
     * One MGET per {@value #BATCH} ids, plus one pipelined batch of TYPE when MGET found no string
     * under some keys (gone, or a key of another type).
     */
    public List<SessionEntry> read(String what, List<String> ids) {
        List<SessionEntry> entries = new ArrayList<>(ids.size());
        for (List<String> batch : batches(ids)) {
            entries.addAll(send(what, batch).entries());
        }
        return entries;
    }

    /**
     * Sends the MGETs for these ids ({@value #BATCH} keys each) without waiting, so that other
     * commands can share their round trip; {@link Pending#entries()} waits for them. At most a
     * few hundred ids at once: all the MGETs go in one pipelined batch.
     */
    public Pending send(String what, List<String> ids) {
        RedisClusterAsyncCommands<String, String> async = redis.async();
        List<CompletionStage<List<KeyValue<String, String>>>> calls = new ArrayList<>();
        for (List<String> batch : batches(ids)) {
            calls.add(async.mget(batch.stream().map(keys::session).toArray(String[]::new)));
        }
        return new Pending(what, List.copyOf(ids), calls);
    }

    /** MGETs sent by {@link #send}. */
    public final class Pending {

        private final String what;
        private final List<String> ids;
        private final List<CompletionStage<List<KeyValue<String, String>>>> calls;

        private Pending(String what, List<String> ids, List<CompletionStage<List<KeyValue<String, String>>>> calls) {
            this.what = what;
            this.ids = ids;
            this.calls = calls;
        }

        /** Waits for the MGETs' replies without reading them (so a caller can time the round trip alone). */
        public void awaitReplies() {
            await(what, calls);
        }

        /** The sessions that exist, in the order of the ids (see {@link #read}). */
        public List<SessionEntry> entries() {
            await(what, calls);
            List<KeyValue<String, String>> values = new ArrayList<>(ids.size());
            calls.forEach(call -> values.addAll(join(call)));
            Map<Integer, CompletionStage<String>> types = new LinkedHashMap<>();
            RedisClusterAsyncCommands<String, String> async = redis.async();
            for (int i = 0; i < values.size(); i++) {
                if (!values.get(i).hasValue()) {
                    types.put(i, async.type(keys.session(ids.get(i))));
                }
            }
            await(what, types.values());
            List<SessionEntry> entries = new ArrayList<>(ids.size());
            for (int i = 0; i < values.size(); i++) {
                String id = ids.get(i);
                if (values.get(i).hasValue()) {
                    entries.add(SessionEntry.of(id, values.get(i).getValue()));
                } else {
                    String type = join(types.get(i));
                    if (type != null && !"none".equals(type)) {
                        entries.add(new SessionEntry.Malformed(id, "not a string but a " + type, null));
                    }
                }
            }
            return entries;
        }
    }

    /** Time left of each session key in ms (PTTL: -1 no expiry, -2 gone), one pipelined batch per {@value #BATCH} ids. */
    public Map<String, Long> ttls(String what, Collection<String> ids) {
        Map<String, Long> ttls = new LinkedHashMap<>();
        for (List<String> batch : batches(List.copyOf(ids))) {
            RedisClusterAsyncCommands<String, String> async = redis.async();
            List<CompletionStage<Long>> calls = batch.stream().<CompletionStage<Long>>map(id -> async.pttl(keys.session(id))).toList();
            await(what, calls);
            for (int i = 0; i < batch.size(); i++) {
                ttls.put(batch.get(i), join(calls.get(i)));
            }
        }
        return ttls;
    }

    /**
     * One step of a walk over the session keys: {@code SCAN MATCH P:session:* COUNT count} from
     * {@code from}, and what the keys it returned hold ({@link #read}). Start with
     * {@link ScanCursor#INITIAL}; SCAN may return a key twice while the keyspace is rehashed.
     */
    public Page scan(String what, ScanCursor from, int count) {
        KeyScanArgs args = KeyScanArgs.Builder.matches(keys.sessionPattern()).limit(count);
        KeyScanCursor<String> page = RedisErrors.call(what, () -> redis.sync().scan(from, args));
        List<String> ids = page.getKeys().stream().flatMap(k -> keys.parseSessionId(k).stream()).toList();
        return new Page(page, ids, read(what, ids));
    }

    /**
     * @param cursor  where the walk goes on ({@link ScanCursor#isFinished()} at the end of the keyspace)
     * @param ids     the session ids this step found
     * @param entries what those sessions hold, leaving out keys that vanished meanwhile
     */
    public record Page(ScanCursor cursor, List<String> ids, List<SessionEntry> entries) {

        public boolean finished() {
            return cursor.isFinished();
        }
    }

    /** {@code items} cut into consecutive lists of at most {@value #BATCH}. */
    public static <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            batches.add(items.subList(from, Math.min(items.size(), from + BATCH)));
        }
        return batches;
    }

    /** Waits for pipelined commands; the first failure becomes a RedisAccessException. */
    public static void await(String what, Collection<? extends CompletionStage<?>> stages) {
        if (stages.isEmpty()) {
            return;
        }
        RedisErrors.call(what, () -> CompletableFuture.allOf(
                stages.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new)).join());
    }

    /** The value of a stage that {@link #await} has seen complete successfully. */
    public static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
