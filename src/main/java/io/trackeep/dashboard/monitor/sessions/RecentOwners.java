package io.trackeep.dashboard.monitor.sessions;

import io.lettuce.core.ScoredValue;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.session.Session;
import io.trackeep.dashboard.service.session.SessionBatchReader;
import io.trackeep.dashboard.service.session.SessionEntry;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Top users through the index, for the seconds or minutes before the scan of user sets completes
 * its first pass (top users visible within 2 s on 1,000,000 sessions): the
 * owners of the most recently active live sessions, the highest expiry scores in
 * {@code P:sessions:expiry}, read in pages of {@value #PAGE} (ZREVRANGE WITHSCORES by rank, then
 * MGET), at most {@code limit} sessions. Each command is small and O(log n + page), so none holds
 * Redis for long, however large the index.
 *
 * <p>When the index holds at most {@code limit} live sessions, every one is read and the counts are
 * exact live sessions (unlike SCARD of a user set, which also counts expired ids). Entries past
 * their expiry, gone keys and malformed values are skipped.
 */
final class RecentOwners {

    /** Index entries per ZREVRANGE and keys per MGET: the dashboard's batch of session reads. */
    static final int PAGE = SessionBatchReader.BATCH;

    /**
     * @param top          users with the most sessions among those read, most first, with the
     *                     username of one of their sessions
     * @param sessionsRead live sessions read
     * @param allSessions  true when those are all the live sessions in the index
     * @param at           when they were read
     */
    record Tally(List<SessionsSnapshot.TopUser> top, int sessionsRead, boolean allSessions, Instant at) {
    }

    private RecentOwners() {
    }

    static Tally read(RedisConnections redis, int limit, int topUsers, Instant now) {
        KeySchema keys = redis.keys();
        Map<Long, Owner> owners = new HashMap<>();
        int read = 0;
        boolean all = false;
        long maxEntries = 2L * limit; // index entries whose key is gone are skipped, but not without end
        for (long from = 0; read < limit && from < maxEntries; from += PAGE) {
            long start = from;
            List<ScoredValue<String>> page = RedisErrors.call("Reading the session index",
                    () -> redis.sync().zrevrangeWithScores(keys.sessionsExpiry(), start, start + PAGE - 1));
            List<String> live = page.stream().filter(e -> e.getScore() >= now.toEpochMilli()).map(ScoredValue::getValue).toList();
            if (!live.isEmpty()) {
                for (SessionEntry e : new SessionBatchReader(redis).read("Reading sessions", live)) {
                    if (read < limit && e instanceof SessionEntry.Valid v) {
                        Session s = v.session();
                        owners.computeIfAbsent(s.userId(), uid -> new Owner(uid, s.username())).sessions++;
                        read++;
                    }
                }
            }
            if (page.size() < PAGE || live.size() < page.size()) { // the end of the index, or of its live part
                all = read < limit;
                break;
            }
        }
        List<SessionsSnapshot.TopUser> top = owners.values().stream()
                .sorted(Comparator.comparingLong((Owner o) -> o.sessions).reversed().thenComparingLong(o -> o.userId))
                .limit(topUsers)
                .map(o -> new SessionsSnapshot.TopUser(o.userId, o.username.isBlank() ? null : o.username, o.sessions))
                .toList();
        return new Tally(top, read, all, now);
    }

    /** Mutable only inside {@link #read}, which owns it. */
    private static final class Owner {
        final long userId;
        final String username;
        long sessions;

        Owner(long userId, String username) {
            this.userId = userId;
            this.username = username;
        }
    }
}
