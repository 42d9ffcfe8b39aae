package io.trackeep.dashboard.service.admin;

import io.lettuce.core.Range;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.session.MalformedSessionException;
import io.trackeep.dashboard.service.session.NoSuchSessionException;
import io.trackeep.dashboard.service.session.RedisSessionStore;
import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.service.session.SessionEntry;
import io.trackeep.dashboard.service.session.SessionId;
import io.trackeep.dashboard.service.session.SessionStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The session admin actions as {@link ActionPlan}s, shared by the Sessions panel and the
 * {@code sessions} command: kill one session, kill all sessions of a user, clean stale index
 * entries. Planning reads Redis so the question is exact ("Kill 3 sessions of user 42 (ann)?");
 * session ids are masked in every question, effect and audit target, since they are bearer
 * credentials.
 *
 * <p>Failure behaviour: planning throws {@link io.trackeep.dashboard.service.redis.RedisAccessException}
 * when Redis fails (nothing is planned, nothing changed), and {@link NoSuchSessionException} when
 * there is nothing to kill (no session with that id, a masked id, a user without live sessions); a
 * session whose value is malformed is still planned (and killed) by its id. Executing goes through
 * {@link AdminActions#execute}, which refuses on a read-only connection before anything is sent; an
 * execution that finds the sessions already gone throws {@link NoSuchSessionException}, so the audit
 * trail records it as failed, not as done.
 */
public final class SessionActions {

    public static final String KILL_SESSION = "session.kill";
    public static final String KILL_USER = "session.kill-user";
    public static final String PRUNE = "session.prune";

    /** How many masked ids a "kill user" question lists before it says "and N more". */
    private static final int LISTED_IDS = 5;

    private final RedisConnections redis;
    private final SessionStore store;
    private final KeySchema keys;
    private final Clock clock;

    public SessionActions(RedisConnections redis, SessionStore store, Clock clock) {
        this.redis = redis;
        this.store = store;
        this.keys = redis.keys();
        this.clock = clock;
    }

    /** With a {@link RedisSessionStore} whose {@code session.killed} events name {@code actor}. */
    public static SessionActions of(RedisConnections redis, String actor) {
        return new SessionActions(redis, new RedisSessionStore(redis, actor), Clock.systemUTC());
    }

    /**
     * Kills one session; the plan names its user when the stored value tells.
     *
     * @throws NoSuchSessionException when no session has that id, or the id is a masked one
     */
    public ActionPlan<Boolean> killSession(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("Session id must not be empty");
        }
        if (SessionId.isMasked(sessionId)) {
            String shown = sessionId.length() <= 8 ? sessionId : SessionId.mask(sessionId); // never more than a mask
            throw new NoSuchSessionException("\"" + shown + "\" is a masked session id, as listings print it: it names no session."
                    + " Give the whole id.");
        }
        String masked = SessionId.mask(sessionId);
        Optional<Session> session;
        boolean malformed = false;
        try {
            session = store.peek(sessionId);
        } catch (MalformedSessionException e) {
            session = Optional.empty();
            malformed = true;
        }
        String owner = session.map(s -> " of " + userLabel(s.userId(), s.username())).orElse("");
        if (session.isEmpty() && !malformed) {
            boolean listed = RedisErrors.call("Looking at the session index", () -> redis.sync().zscore(keys.sessionsExpiry(), sessionId)) != null;
            throw new NoSuchSessionException("No session with that id (" + masked + "): " + keys.session(masked) + " does not exist"
                    + (listed ? "; the index still lists the id, which removing stale entries (prune) cleans up" : ""));
        }
        List<String> effects = new ArrayList<>();
        effects.add("Deletes " + keys.session(masked) + (malformed ? " (its value is malformed)" : ""));
        session.ifPresent(s -> effects.add("Removes it from " + keys.userSessions(s.userId()) + " and " + keys.sessionsExpiry()));
        if (malformed) {
            effects.add("Removes it from " + keys.sessionsExpiry());
        }
        effects.add("Publishes session.killed on " + keys.adminEventsChannel() + " so every backend drops it");
        session.ifPresent(s -> effects.add("Logs out " + userLabel(s.userId(), s.username())
                + (s.ipAddress().isEmpty() ? "" : " on " + s.ipAddress()) + " on every backend"));
        String target = masked + session.map(s -> " (user " + s.userId() + ")").orElse("");
        return new ActionPlan<>(KILL_SESSION, target, "Kill session " + masked + owner + "?", effects, "Kill session",
                () -> {
                    if (!store.kill(sessionId)) {
                        throw new NoSuchSessionException("Session " + masked + " ended before it could be killed: nothing was deleted");
                    }
                    return true;
                },
                killed -> "Killed session " + masked + owner);
    }

    /**
     * Kills every session of a user. The count in the question comes from
     * {@link SessionStore#listUser}: the user's set, and every session when the set is missing or
     * stale (exact, O(sessions) in that case). The execution checks every session again, so one
     * created meanwhile goes too; the summary gives the real number.
     *
     * @throws NoSuchSessionException when the user has no live session
     */
    public ActionPlan<Integer> killUser(long userId) {
        if (userId < 0) {
            throw new IllegalArgumentException("User id must not be negative: " + userId);
        }
        List<SessionEntry> live = store.listUser(userId);
        String username = live.stream().filter(e -> e instanceof SessionEntry.Valid)
                .map(e -> ((SessionEntry.Valid) e).session().username())
                .filter(u -> !u.isBlank()).findFirst().orElse("");
        String who = userLabel(userId, username);
        int n = live.size();
        if (n == 0) {
            long listed = RedisErrors.call("Looking at the sessions of user " + userId, () -> redis.sync().scard(keys.userSessions(userId)));
            throw new NoSuchSessionException("User " + userId + " has no live sessions" + (listed == 0 ? ""
                    : ": " + keys.userSessions(userId) + " lists " + listed + (listed == 1 ? " id" : " ids")
                    + " of sessions that are gone, which removing stale entries (prune) cleans up"));
        }
        List<String> effects = new ArrayList<>();
        effects.add("Deletes " + sessions(n) + ": " + maskedList(live));
        effects.add("Removes them from " + keys.userSessions(userId) + " and " + keys.sessionsExpiry());
        effects.add("Publishes " + n + " session.killed event" + (n == 1 ? "" : "s") + " on " + keys.adminEventsChannel());
        effects.add("Also kills any session of user " + userId + " created meanwhile or missing from their set (every session is checked)");
        return new ActionPlan<>(KILL_USER, "user " + userId + (username.isBlank() ? "" : " (" + username + ")"),
                "Kill " + sessions(n) + " of " + who + "?", effects, "Kill " + sessions(n),
                () -> {
                    int killed = store.killAllOfUser(userId);
                    if (killed == 0) {
                        throw new NoSuchSessionException("The sessions of " + who + " ended before they could be killed: nothing was deleted");
                    }
                    return killed;
                },
                killed -> "Killed " + sessions(killed) + " of " + who);
    }

    /**
     * Removes ids of sessions that are gone from the index and from every user set. Counting them
     * first would cost as much as removing them (every index member and set member is checked),
     * so the question says the count is known only when done; the effects give the cheap figure
     * of index entries already past their expiry (one ZCOUNT).
     */
    public ActionPlan<SessionStore.PruneResult> prune() {
        String index = keys.sessionsExpiry();
        String what = "Looking at the session index";
        boolean indexed = RedisErrors.call(what, () -> redis.sync().exists(index)) > 0;
        List<String> effects = new ArrayList<>();
        if (indexed) {
            long pastExpiry = RedisErrors.call(what, () -> redis.sync().zcount(index,
                    Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(clock.millis()))));
            effects.add(index + ": " + entries(pastExpiry) + " past their expiry now; every entry whose session is gone is removed,"
                    + " and one whose session a backend kept alive is re-dated");
        } else {
            effects.add("No session index (" + index + ") exists, as with the Go backend alone: only user session sets are cleaned");
        }
        effects.add("Every " + keys.userSessionsPattern() + " set: ids of sessions that no longer exist are removed"
                + " (found by SCAN in small batches)");
        effects.add("Live sessions are not touched");
        return new ActionPlan<>(PRUNE, index + " and " + keys.userSessionsPattern(),
                "Remove stale index entries (count unknown until done)?", effects, "Remove stale entries",
                store::prune, SessionActions::pruneSummary);
    }

    static String pruneSummary(SessionStore.PruneResult r) {
        StringBuilder s = new StringBuilder("Removed ").append(entries(r.indexRemoved())).append(" from the index and ")
                .append(r.userSetRemoved()).append(r.userSetRemoved() == 1 ? " stale id" : " stale ids")
                .append(" from ").append(r.userSetsVisited()).append(r.userSetsVisited() == 1 ? " user set" : " user sets");
        if (r.indexRescored() > 0) {
            s.append("; re-dated ").append(entries(r.indexRescored()));
        }
        return s.toString();
    }

    private static String maskedList(List<SessionEntry> entries) {
        List<String> ids = entries.stream().limit(LISTED_IDS).map(e -> SessionId.mask(e.sessionId())).toList();
        String list = String.join(", ", ids);
        return entries.size() > LISTED_IDS ? list + " and " + (entries.size() - LISTED_IDS) + " more" : list;
    }

    private static String userLabel(long userId, String username) {
        return "user " + userId + (username == null || username.isBlank() ? "" : " (" + username + ")");
    }

    private static String sessions(long n) {
        return n + (n == 1 ? " session" : " sessions");
    }

    private static String entries(long n) {
        return n + (n == 1 ? " entry" : " entries");
    }
}
