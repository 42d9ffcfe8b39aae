package io.trackeep.dashboard.monitor.sessions;

import io.lettuce.core.ScanCursor;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.SessionBatchReader;
import io.trackeep.dashboard.service.session.SessionEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Every session key read once, for the command line ({@code sessions list}), whoever wrote the
 * sessions: {@code SCAN MATCH P:session:*} with {@link SessionBatchReader} (MGET of
 * {@value SessionBatchReader#BATCH}), keeping the {@code limit} most recently active readable
 * sessions and the first {@code limit} values that are not sessions, and counting both. The index
 * is not used: beside a Go backend it lists only some sessions. Stops after {@code budget}; then
 * the result says it is not complete. Memory: {@code 2 × limit} entries.
 */
public final class SessionSweep {

    /**
     * @param recent          the most recently active readable sessions, most recent first
     * @param unreadable      values that are not sessions, in the order found
     * @param sessions        readable sessions read
     * @param unreadableCount values that are not sessions read
     * @param complete        true when every session key was read (SCAN may have returned a key twice; it is then counted twice)
     */
    public record Result(List<SessionRow> recent, List<SessionRow> unreadable, long sessions, long unreadableCount, boolean complete) {

        public Result {
            recent = List.copyOf(recent);
            unreadable = List.copyOf(unreadable);
        }
    }

    private SessionSweep() {
    }

    public static Result run(RedisConnections redis, int limit, Duration budget) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        SessionBatchReader reader = new SessionBatchReader(redis);
        PriorityQueue<SessionEntry> recent = new PriorityQueue<>(SessionListProbe.MOST_RECENT_FIRST.reversed());
        Set<String> kept = new HashSet<>();
        List<SessionEntry> unreadable = new ArrayList<>();
        long sessions = 0;
        long unreadableCount = 0;
        long deadline = System.nanoTime() + budget.toNanos();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            SessionBatchReader.Page page = reader.scan("Reading sessions", cursor, SessionBatchReader.SCAN_COUNT);
            for (SessionEntry e : page.entries()) {
                if (e instanceof SessionEntry.Valid) {
                    sessions++;
                    if (kept.add(e.sessionId())) {
                        recent.add(e);
                        if (recent.size() > limit) {
                            kept.remove(recent.poll().sessionId());
                        }
                    }
                } else {
                    unreadableCount++;
                    if (unreadable.size() < limit) {
                        unreadable.add(e);
                    }
                }
            }
            cursor = page.cursor();
        } while (!cursor.isFinished() && System.nanoTime() < deadline);
        List<SessionEntry> sorted = new ArrayList<>(recent);
        sorted.sort(SessionListProbe.MOST_RECENT_FIRST);
        return new Result(SessionRow.read(reader, sorted), SessionRow.read(reader, unreadable), sessions, unreadableCount,
                cursor.isFinished());
    }
}
