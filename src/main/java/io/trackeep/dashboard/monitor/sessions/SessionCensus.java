package io.trackeep.dashboard.monitor.sessions;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScoredValueScanCursor;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.monitor.census.CensusDetail;
import io.trackeep.dashboard.monitor.census.CensusPace;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.session.SessionBatchReader;
import io.trackeep.dashboard.service.session.SessionEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import static io.trackeep.dashboard.service.session.SessionBatchReader.BATCH;
import static io.trackeep.dashboard.service.session.SessionBatchReader.await;
import static io.trackeep.dashboard.service.session.SessionBatchReader.join;

/**
 * What the keyspace census learns about sessions on the way ({@link CensusDetail}), whoever wrote
 * them (the Go backend, this project, or both):
 * <ul>
 *   <li>every session key's value ({@link SessionBatchReader}: MGET of {@value SessionBatchReader#BATCH}),
 *       so sessions that can be read are counted apart from values that are not sessions, and
 *       users are the distinct owners of live sessions, ranked by live sessions;</li>
 *   <li>every user set ({@code SSCAN}, {@link #USER_SETS} sets per step as the census's pace sizes
 *       them, at most {@value #MAX_SETS_PER_STEP}, a large set in pages of
 *       about {@value SessionBatchReader#BATCH} ids, then EXISTS of {@value SessionBatchReader#BATCH}
 *       session keys): ids whose session is gone ("ghost ids");</li>
 *   <li>when the project's index {@code P:sessions:expiry} exists, whether it is complete: each
 *       session key's entry (ZMSCORE) must be there and not past its expiry, and, once
 *       the keyspace has been scanned, a sweep of the index (ZSCAN pages of {@link #INDEX_PAGE}
 *       entries as the census's pace sizes them, EXISTS of the live entries' keys, a second look when one
 *       is missing) must find no live entry without its session. The sweep is skipped once the
 *       index is known to be incomplete.</li>
 * </ul>
 * A pass's figures are exact as of its end, up to the keys SCAN returns twice while Redis
 * rehashes (counted twice, as by the census itself). Memory: the owner tally
 * ({@link OwnerTally}, at most {@value #MAX_USERS} users), {@value #UNREADABLE_KEPT} unreadable
 * ids, the queue of user sets a SCAN page found.
 */
public final class SessionCensus implements CensusDetail<SessionCensus.Figures> {

    /** The sessions detail of the census: the key of its figures in a census snapshot. */
    public static final SessionCensus DETAIL = new SessionCensus();

    /** Users told apart per pass; sessions of further users count only in the totals. */
    static final int MAX_USERS = 1_000_000;
    /** Unreadable session ids remembered per pass, to list them. */
    public static final int UNREADABLE_KEPT = 100;
    /** The most user sets read per step (one SSCAN each: a small set whole, a large one a page of about 100 ids). */
    static final int MAX_SETS_PER_STEP = 200;
    /** User sets read per step, sized by the census's pace (see {@link CensusPace}) from 50. */
    public static final CensusPace.Batch USER_SETS = new CensusPace.Batch("user sets per step", 1, 50, MAX_SETS_PER_STEP);
    /** ZSCAN's COUNT in the sweep of the index, sized by the census's pace from 100. */
    public static final CensusPace.Batch INDEX_PAGE = new CensusPace.Batch("index entries per step", 10, BATCH, 4 * BATCH);
    /** Users ranked. */
    public static final int TOP_USERS = 10;

    private final Clock clock;
    private final int maxUsers;

    private SessionCensus() {
        this(Clock.systemUTC(), MAX_USERS);
    }

    SessionCensus(Clock clock, int maxUsers) {
        this.clock = clock;
        this.maxUsers = maxUsers;
    }

    @Override
    public Pass<Figures> start(RedisConnections redis, Pacing pacing) {
        return new Tally(redis, pacing);
    }

    /**
     * One pass's figures.
     *
     * @param complete      true when the pass visited the whole keyspace and finished its checks
     * @param completedAt   when it did (null while it runs)
     * @param progress      share of the keyspace scanned, 0..1
     * @param sessions      session keys holding a readable session
     * @param unreadable    session keys holding something else (not JSON, not a session, another type)
     * @param unreadableIds the first {@value #UNREADABLE_KEPT} of those, with why
     * @param users         distinct owners of the readable sessions (a lower bound when {@code usersCapped})
     * @param usersCapped   true when more users than the tally keeps were seen
     * @param topUsers      the users with the most live sessions, most first (no usernames)
     * @param userSets      user session sets seen
     * @param setIds        ids in those sets
     * @param ghostIds      ids in those sets whose session is gone
     * @param index         what the pass found about the index
     */
    public record Figures(boolean complete, Instant completedAt, double progress, long sessions, long unreadable,
                          List<Unreadable> unreadableIds, long users, boolean usersCapped, List<SessionsSnapshot.TopUser> topUsers,
                          long userSets, long setIds, long ghostIds, IndexCheck index) {

        public Figures {
            unreadableIds = List.copyOf(unreadableIds);
            topUsers = List.copyOf(topUsers);
        }
    }

    /** A session key whose value is not a session. */
    public record Unreadable(String sessionId, String reason) {
    }

    /**
     * The index as one pass found it.
     *
     * @param present          the index existed when the pass began
     * @param listed           readable sessions with a live index entry
     * @param notListed        readable sessions without one (absent, or past its expiry while the session lives on)
     * @param unreadableListed unreadable values with a live index entry (which the index's count takes for sessions)
     * @param deadEntries      live index entries whose session is gone; null when the sweep did not run
     *                         (no index, or already known incomplete) or has not finished
     */
    public record IndexCheck(boolean present, long listed, long notListed, long unreadableListed, Long deadEntries) {

        /** True when the index lists exactly the readable sessions: its live count is the session count. */
        public boolean complete() {
            return present && notListed == 0 && unreadableListed == 0 && deadEntries != null && deadEntries == 0;
        }
    }

    /** One pass's accumulator. */
    private final class Tally implements Pass<Figures> {

        private final RedisConnections redis;
        private final Pacing pacing;
        private final KeySchema keys;
        private final SessionBatchReader reader;
        private final boolean indexPresent;
        private final OwnerTally owners = new OwnerTally(maxUsers);
        private final List<Unreadable> unreadableIds = new ArrayList<>();
        private final Deque<UserSet> sets = new ArrayDeque<>();
        private long sessions;
        private long unreadable;
        private long userSets;
        private long setIds;
        private long ghostIds;
        private long listed;
        private long notListed;
        private long unreadableListed;
        private ScanCursor sweep;
        private boolean sweepScanned;
        private List<String> sweepPending = List.of();
        private long deadEntries;
        private boolean sweepDone;
        private Figures cached;
        private volatile boolean zmscore = true; // cleared from a reply callback when Redis predates ZMSCORE

        Tally(RedisConnections redis, Pacing pacing) {
            this.redis = redis;
            this.pacing = pacing;
            this.keys = redis.keys();
            this.reader = new SessionBatchReader(redis);
            this.indexPresent = pacing.roundTrip("EXISTS", null,
                    () -> RedisErrors.call("Looking for the session index", () -> redis.sync().exists(keys.sessionsExpiry()))) > 0;
        }

        @Override
        public void scanned(List<String> found) {
            List<String> ids = new ArrayList<>();
            List<String> setKeys = new ArrayList<>();
            for (String key : found) {
                keys.parseSessionId(key).ifPresentOrElse(ids::add,
                        () -> keys.parseUserSessionsUserId(key).ifPresent(uid -> setKeys.add(key)));
            }
            setKeys.forEach(k -> sets.add(new UserSet(k, ScanCursor.INITIAL)));
            if (ids.isEmpty()) {
                cached = null;
                return;
            }
            // One round trip for the page: the values (MGET) and their index entries (ZMSCORE), sized by the page's COUNT.
            String what = "Reading sessions";
            Sent sent = pacing.roundTrip(indexPresent ? "MGET+ZMSCORE" : "MGET", CensusPace.SCAN, () -> {
                Sent s = new Sent(reader.send(what, ids), indexPresent ? scores(redis.async(), ids) : List.of());
                s.values().awaitReplies();
                await(what, s.scores());
                return s;
            });
            List<SessionEntry> entries = sent.values().entries();
            List<CompletionStage<List<Double>>> scores = sent.scores();
            Map<String, Double> scored = new HashMap<>();
            List<Double> flat = new ArrayList<>(ids.size());
            scores.forEach(batch -> flat.addAll(join(batch)));
            for (int i = 0; i < flat.size(); i++) {
                if (flat.get(i) != null) {
                    scored.put(ids.get(i), flat.get(i));
                }
            }
            sessions(entries, scored);
            cached = null;
        }

        /** The reads of a page, sent. */
        private record Sent(SessionBatchReader.Pending values, List<CompletionStage<List<Double>>> scores) {
        }

        /**
         * The index entries of these ids: ZMSCORE of {@value SessionBatchReader#BATCH} members per call
         * (Redis 6.2 and later); on an older Redis, where it is an unknown command, one ZSCORE per id
         * in the same pipelined batch.
         */
        private List<CompletionStage<List<Double>>> scores(RedisClusterAsyncCommands<String, String> async, List<String> ids) {
            String index = keys.sessionsExpiry();
            List<CompletionStage<List<Double>>> batches = new ArrayList<>();
            for (List<String> batch : SessionBatchReader.batches(ids)) {
                if (zmscore) {
                    batches.add(async.zmscore(index, batch.toArray(String[]::new)).toCompletableFuture().exceptionallyCompose(e -> {
                        if (!unknownCommand(e)) {
                            return CompletableFuture.failedFuture(e);
                        }
                        zmscore = false;
                        return zscores(async, index, batch);
                    }));
                } else {
                    batches.add(zscores(async, index, batch));
                }
            }
            return batches;
        }

        private CompletableFuture<List<Double>> zscores(RedisClusterAsyncCommands<String, String> async, String index, List<String> ids) {
            List<CompletableFuture<Double>> each = ids.stream().map(id -> async.zscore(index, id).toCompletableFuture()).toList();
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
        }

        private void sessions(List<SessionEntry> entries, Map<String, Double> scores) {
            long now = clock.millis();
            for (SessionEntry e : entries) {
                Double score = scores.get(e.sessionId());
                if (e instanceof SessionEntry.Valid v) {
                    sessions++;
                    owners.add(v.session().userId());
                    if (indexPresent && score != null && score >= now) {
                        listed++;
                    } else if (indexPresent) {
                        notListed++;
                    }
                } else {
                    unreadable++;
                    if (unreadableIds.size() < UNREADABLE_KEPT) {
                        unreadableIds.add(new Unreadable(e.sessionId(), ((SessionEntry.Malformed) e).reason()));
                    }
                    if (score != null && score >= now) { // the index counts it as a live session
                        unreadableListed++;
                    }
                }
            }
        }

        @Override
        public boolean step(boolean keyspaceDone) {
            if (!sets.isEmpty()) {
                checkSets();
            } else if (keyspaceDone && indexPresent && !sweepDone && notListed == 0 && unreadableListed == 0) {
                sweepIndex();
            } else {
                return false;
            }
            cached = null;
            return true;
        }

        /**
         * Reads the next {@link #USER_SETS} sets (whole when small, one SSCAN page of about
         * {@value SessionBatchReader#BATCH} ids when large) and counts their ids whose session key is
         * gone (EXISTS of {@value SessionBatchReader#BATCH} keys per call): two round trips.
         */
        private void checkSets() {
            String what = "Checking user session sets";
            RedisClusterAsyncCommands<String, String> async = redis.async();
            Map<UserSet, CompletionStage<ValueScanCursor<String>>> reads = new LinkedHashMap<>();
            int size = pacing.size(USER_SETS);
            pacing.roundTrip("SSCAN", USER_SETS, () -> {
                while (!sets.isEmpty() && reads.size() < size) {
                    UserSet set = sets.poll();
                    // COUNT is a hint: a small set comes back whole in one call, a large one in pages of about BATCH
                    reads.put(set, async.sscan(set.key(), set.cursor(), ScanArgs.Builder.limit(BATCH)).toCompletableFuture()
                            .exceptionally(SessionCensus::wrongTypeAsNull));
                }
                await(what, reads.values());
                return null;
            });
            List<String> ids = new ArrayList<>();
            reads.forEach((set, read) -> {
                ValueScanCursor<String> page = join(read);
                if (page == null) {
                    return; // a key of another type is no user set
                }
                if (set.cursor() == ScanCursor.INITIAL) {
                    userSets++;
                }
                ids.addAll(page.getValues());
                if (!page.isFinished()) {
                    sets.addFirst(new UserSet(set.key(), page));
                }
            });
            setIds += ids.size();
            ghostIds += ids.isEmpty() ? 0 : ids.size() - pacing.roundTrip("EXISTS", USER_SETS, () -> existing(what, ids));
        }

        /**
         * One step of the sweep of the index: the next ZSCAN page and the PTTL of the live entries
         * (not past their expiry) of the page before, in one round trip. A live entry whose session
         * key is gone is dead when a second look confirms it (a kill deletes the key just before
         * the entry, a session may expire between the two reads).
         */
        private void sweepIndex() {
            String what = "Checking the session index";
            String index = keys.sessionsExpiry();
            RedisClusterAsyncCommands<String, String> async = redis.async();
            ScanCursor from = sweep == null ? ScanCursor.INITIAL : sweep;
            boolean more = !sweepScanned;
            List<String> checked = sweepPending;
            ScanArgs pageSize = ScanArgs.Builder.limit(pacing.size(INDEX_PAGE));
            Sweep step = pacing.roundTrip(more ? "ZSCAN+EXISTS" : "EXISTS", INDEX_PAGE, () -> {
                Sweep sent = new Sweep(more ? async.zscan(index, from, pageSize) : null, sendExists(async, checked));
                List<CompletionStage<?>> all = new ArrayList<>(sent.found());
                if (more) {
                    all.add(sent.next());
                }
                await(what, all);
                return sent;
            });
            CompletionStage<ScoredValueScanCursor<String>> next = step.next();
            List<CompletionStage<Long>> found = step.found();
            if (found.stream().mapToLong(SessionBatchReader::join).sum() < checked.size()) {
                // some key is missing: which, and is it really dead?
                deadEntries += pacing.roundTrip("ZSCORE+EXISTS", null, () -> confirmDead(what, index, checked));
            }
            if (next != null) {
                ScoredValueScanCursor<String> page = join(next);
                long now = clock.millis();
                sweep = page;
                sweepScanned = page.isFinished();
                sweepPending = page.getValues().stream().filter(m -> m.getScore() >= now).map(ScoredValue::getValue).toList();
            } else {
                sweepPending = List.of();
            }
            sweepDone = sweepScanned && sweepPending.isEmpty();
        }

        /** A sweep step's reads, sent: the next index page (null once the index was scanned) and EXISTS of the last page's live entries. */
        private record Sweep(CompletionStage<ScoredValueScanCursor<String>> next, List<CompletionStage<Long>> found) {
        }

        /** Of these index entries, those still live in the index and without their session key. */
        private long confirmDead(String what, String index, List<String> missing) {
            RedisClusterAsyncCommands<String, String> async = redis.async();
            List<CompletionStage<Double>> scores = missing.stream().<CompletionStage<Double>>map(id -> async.zscore(index, id)).toList();
            List<CompletionStage<Long>> exists = missing.stream().<CompletionStage<Long>>map(id -> async.exists(keys.session(id))).toList();
            List<CompletionStage<?>> all = new ArrayList<>(scores);
            all.addAll(exists);
            await(what, all);
            long later = clock.millis();
            long dead = 0;
            for (int i = 0; i < missing.size(); i++) {
                Double score = join(scores.get(i));
                if (score != null && score >= later && join(exists.get(i)) == 0) {
                    dead++;
                }
            }
            return dead;
        }

        /** How many of these ids have a session key: EXISTS of {@value SessionBatchReader#BATCH} keys per call, one round trip. */
        private long existing(String what, List<String> ids) {
            List<CompletionStage<Long>> counts = sendExists(redis.async(), ids);
            await(what, counts);
            return counts.stream().mapToLong(SessionBatchReader::join).sum();
        }

        /** EXISTS of the session keys of these ids, {@value SessionBatchReader#BATCH} per call, sent without waiting. */
        private List<CompletionStage<Long>> sendExists(RedisClusterAsyncCommands<String, String> async, List<String> ids) {
            return SessionBatchReader.batches(ids).stream()
                    .<CompletionStage<Long>>map(batch -> async.exists(batch.stream().map(keys::session).toArray(String[]::new))).toList();
        }

        @Override
        public Figures figures(Instant completedAt, double progress) {
            if (cached == null || cached.complete() != (completedAt != null) || cached.progress() != progress) {
                Long dead = indexPresent && sweepDone ? deadEntries : null;
                List<SessionsSnapshot.TopUser> top = owners.top(TOP_USERS).stream()
                        .map(u -> new SessionsSnapshot.TopUser(u.userId(), null, u.sessions())).toList();
                cached = new Figures(completedAt != null, completedAt, progress, sessions, unreadable, unreadableIds,
                        owners.users(), owners.overflow() > 0, top, userSets, setIds, ghostIds,
                        new IndexCheck(indexPresent, listed, notListed, unreadableListed, dead));
            }
            return cached;
        }
    }

    /** A user set to read: its key and where reading goes on. */
    private record UserSet(String key, ScanCursor cursor) {
    }

    private static boolean unknownCommand(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null && cause.getMessage().startsWith("ERR unknown command");
    }

    /** A WRONGTYPE reply (the key holds another type) as null; any other failure as it was. */
    private static <T> T wrongTypeAsNull(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause.getMessage() != null && cause.getMessage().startsWith("WRONGTYPE")) {
            return null;
        }
        throw e instanceof RuntimeException re ? re : new CompletionException(e);
    }
}
