package io.trackeep.dashboard.monitor.sessions;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.session.SessionBatchReader;
import io.trackeep.dashboard.service.session.SessionEntry;
import io.trackeep.dashboard.service.session.SessionStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The login rate from the index: the ids of the most recently active sessions, in pages of
 * {@value #PAGE} (ZREVRANGEBYSCORE WITHSCORES; a score is the expiry, so last activity = score −
 * {@link SessionStore#TTL}), until one was last active before the 15-minute window or
 * {@value #MAX} were read. A session's {@code created_at} never changes, so it is read (MGET) only
 * for ids not seen before and remembered while the id stays among those read: a refresh costs a
 * few ZREVRANGEBYSCORE calls and an MGET of the new logins, not a read of every recent session.
 * Memory: at most {@value #MAX} remembered times. Not thread-safe.
 */
final class RecentLogins {

    static final int MAX = 1000;
    private static final int PAGE = 200;
    private static final Duration WINDOW = Duration.ofMinutes(LoginRate.MINUTES);

    /** Creation time per session id; empty for a session whose value has none (malformed, gone). */
    private final Map<String, Optional<Instant>> created = new HashMap<>();

    LoginRate read(RedisConnections redis, Instant now) {
        String index = redis.keys().sessionsExpiry();
        long ttl = SessionStore.TTL.toMillis();
        Instant windowStart = now.minus(WINDOW);
        Range<Long> live = Range.from(Range.Boundary.including(now.toEpochMilli()), Range.Boundary.unbounded());
        List<String> ids = new ArrayList<>();
        Instant oldest = null;
        boolean complete = false;
        for (int offset = 0; offset < MAX && !complete; offset += PAGE) {
            int from = offset;
            List<ScoredValue<String>> page = RedisErrors.call("Reading recent sessions",
                    () -> redis.sync().zrevrangebyscoreWithScores(index, live, Limit.create(from, PAGE)));
            for (ScoredValue<String> m : page) {
                ids.add(m.getValue());
                oldest = Instant.ofEpochMilli((long) m.getScore() - ttl);
            }
            complete = page.size() < PAGE || (oldest != null && oldest.isBefore(windowStart));
        }
        List<String> unknown = ids.stream().filter(id -> !created.containsKey(id)).toList();
        Map<String, Optional<Instant>> fresh = new HashMap<>();
        unknown.forEach(id -> fresh.put(id, Optional.empty()));
        for (SessionEntry e : new SessionBatchReader(redis).read("Reading recent sessions", unknown)) {
            if (e instanceof SessionEntry.Valid v) {
                fresh.put(e.sessionId(), Optional.of(v.session().createdAt().toInstant()));
            }
        }
        Set<String> current = new HashSet<>(ids);
        created.keySet().retainAll(current);
        created.putAll(fresh);
        List<Instant> times = ids.stream().map(created::get).flatMap(Optional::stream).toList();
        return LoginRate.fromCreationTimes(times, ids.size(), now, complete ? null : oldest, false);
    }
}
