package io.trackeep.dashboard.monitor.sessions;

import io.trackeep.dashboard.service.session.SessionEntry;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Logins per minute over the last {@value #MINUTES} minutes, derived from the {@code created_at}
 * of the sessions that were read (a session is created by a login). No counter is needed, so it
 * works on data written by the Go backend alone; it counts logins whose session still exists (a
 * session killed or expired since is not counted).
 *
 * <p>With the index the sessions read are the most recently active ones, read until one older than
 * the window appears: then every session created in the window was read and the figures are
 * exact ({@code coveredSince} null). When the read stops at its cap first, minutes before
 * {@code coveredSince} may be undercounted. Without the index the sessions are a SCAN sample
 * ({@code sampled}): the figures are those of the sample.
 *
 * @param minutes      one count per minute, oldest first; the last is the current, unfinished minute
 * @param coveredSince null when every session created in the window was read, else the time from which counts are complete
 * @param sessionsRead sessions the figures were derived from
 * @param sampled      true when those sessions are a scanning sample rather than all recent ones
 */
public record LoginRate(List<MinuteCount> minutes, Instant coveredSince, int sessionsRead, boolean sampled) {

    public static final int MINUTES = 15;
    public static final LoginRate NONE = new LoginRate(List.of(), null, 0, false);

    public LoginRate {
        minutes = List.copyOf(minutes);
    }

    /** Logins (sessions created) in the minute starting at {@code minute}. */
    public record MinuteCount(Instant minute, long logins) {
    }

    /** Logins in the last finished minute. */
    public long lastMinute() {
        return minutes.size() < 2 ? 0 : minutes.get(minutes.size() - 2).logins();
    }

    /** Logins in the whole window. */
    public long total() {
        return minutes.stream().mapToLong(MinuteCount::logins).sum();
    }

    /** The figures from these sessions' creation times; malformed entries carry no time and are skipped. */
    public static LoginRate of(Collection<SessionEntry> sessions, Instant now, Instant coveredSince, boolean sampled) {
        List<Instant> created = sessions.stream().filter(e -> e instanceof SessionEntry.Valid)
                .map(e -> ((SessionEntry.Valid) e).session().createdAt().toInstant()).toList();
        return fromCreationTimes(created, sessions.size(), now, coveredSince, sampled);
    }

    /**
     * The figures from creation times.
     *
     * @param sessionsRead how many sessions were looked at (some may have had no readable time)
     */
    public static LoginRate fromCreationTimes(Collection<Instant> created, int sessionsRead, Instant now, Instant coveredSince,
                                              boolean sampled) {
        Instant start = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(MINUTES - 1));
        long[] counts = new long[MINUTES];
        for (Instant t : created) {
            // a backend's clock a little ahead of ours still counts in the current minute
            if (!t.isBefore(start) && t.isBefore(now.plus(Duration.ofMinutes(1)))) {
                counts[(int) Math.min(MINUTES - 1, Duration.between(start, t).toMinutes())]++;
            }
        }
        List<MinuteCount> minutes = new ArrayList<>(MINUTES);
        for (int i = 0; i < MINUTES; i++) {
            minutes.add(new MinuteCount(start.plus(Duration.ofMinutes(i)), counts[i]));
        }
        return new LoginRate(minutes, coveredSince, sessionsRead, sampled);
    }
}
