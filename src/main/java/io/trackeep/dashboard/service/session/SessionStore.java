package io.trackeep.dashboard.service.session;

import io.lettuce.core.ScanCursor;
import io.trackeep.dashboard.service.redis.RedisAccessException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Login sessions shared by every backend (docs/ARCHITECTURE.md §6: {@code P:session:<sid>},
 * {@code P:user:sessions:<uid>} and the index {@code P:sessions:expiry}).
 *
 * <p>Failure behaviour, for every method: when Redis is unreachable, times out or answers with an
 * error, the method throws {@link RedisAccessException}; nothing is assumed, in particular
 * {@link #get} never treats a session as valid it could not read (fails closed). Methods that
 * write throw {@link RedisAccessException.Kind#READ_ONLY} on a read-only connection. A single
 * session whose value is not a session makes {@link #get}, {@link #peek} and {@link #update} throw
 * {@link MalformedSessionException}; listings return it as {@link SessionEntry.Malformed} instead.
 */
public interface SessionStore {

    /** Lifetime of a session after its latest read or update, and of a user's session set after a login. */
    Duration TTL = Duration.ofHours(24);

    /** Stores a new session with a fresh random id and indexes it. */
    Session create(NewSession login);

    /**
     * The session, with its lifetime reset to {@link #TTL} and {@code last_active} set to now
     * (replaced in place; the rest of the stored value is left byte for byte as it was).
     * Never recreates a session that was deleted meanwhile: a kill racing with this call wins.
     */
    Optional<Session> get(String sessionId);

    /** The session as stored, without touching its lifetime (for the dashboard). */
    Optional<Session> peek(String sessionId);

    /**
     * Replaces a session that still exists with {@code session} (matched by its {@code session_id}),
     * {@code last_active} set to now and lifetime reset, as the Go backend's UpdateSession does.
     *
     * @return the stored session, or empty when it no longer exists (nothing is written then)
     */
    Optional<Session> update(Session session);

    /**
     * Deletes a session, removes it from its user's set and the index, and announces
     * {@code session.killed} on {@code P:admin:events}.
     *
     * @return true when this call deleted the session key; false when there was none (an index
     *         entry left behind is removed all the same)
     */
    boolean kill(String sessionId);

    /**
     * Kills every session of the user that exists when the call starts, each announced like
     * {@link #kill}. Complete whatever state the user's set is in: it also enumerates every
     * session (O(sessions), see {@link RedisSessionStore} for the cost).
     *
     * @return how many session keys were deleted
     */
    int killAllOfUser(long userId);

    /**
     * The user's live sessions, most recently active first, malformed ones last. Reads the user's
     * set and, when the set is missing or holds ids of sessions that are gone, also enumerates
     * every session. A set that exists and holds only live ids is trusted.
     */
    List<SessionEntry> listUser(long userId);

    /**
     * Live sessions by the index (O(log n)): members whose expiry lies in the future. Empty when
     * the index does not exist: no writer maintains it (the Go backend does not) or it is empty,
     * since Redis deletes empty sorted sets. Then only {@link #countByScan} can tell. Exact only
     * while every writer maintains the index: beside a Go backend it counts only this project's sessions.
     */
    OptionalLong indexedCount();

    /** One bounded step of counting session keys with SCAN; start with {@link ScanCount#START}. */
    ScanCount countStep(ScanCount from, int count);

    /** Counts session keys with SCAN to the end, {@code count} keys per call and {@code pause} between calls. */
    long countByScan(int count, Duration pause);

    /**
     * Sessions by recency through the index (latest expiry first, i.e. most recently used),
     * skipping index entries whose session is gone; empty when there is no index. At most
     * {@link RedisSessionStore#MAX_PAGE} sessions, read in pages of {@value SessionBatchReader#BATCH}.
     */
    List<SessionEntry> page(int offset, int limit);

    /** Removes ids of sessions that no longer exist from the index and from every user set. */
    PruneResult prune();

    /**
     * Progress of a SCAN count.
     *
     * @param cursor   where the next step continues (opaque: a Cluster cursor also names the node)
     * @param sessions session keys seen so far (SCAN may report a key twice while the keyspace is rehashed)
     * @param calls    SCAN calls made so far
     */
    record ScanCount(ScanCursor cursor, long sessions, long calls) {
        public static final ScanCount START = new ScanCount(ScanCursor.INITIAL, 0, 0);

        /** True when the whole keyspace was visited. */
        public boolean finished() {
            return cursor.isFinished();
        }
    }

    /**
     * What {@link #prune()} did.
     *
     * @param indexRemoved     index members removed because their session is gone
     * @param indexRescored    index members whose score was behind the session's real expiry (e.g. refreshed by a backend that does not index)
     * @param userSetsVisited  user session sets examined
     * @param userSetRemoved   ids removed from user sets because their session is gone
     */
    record PruneResult(long indexRemoved, long indexRescored, long userSetsVisited, long userSetRemoved) {
    }
}
