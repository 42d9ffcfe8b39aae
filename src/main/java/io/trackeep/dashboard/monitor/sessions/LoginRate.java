package io.trackeep.dashboard.monitor.sessions;

import io.trackeep.dashboard.service.session.SessionEntry;
import io.trackeep.dashboard.service.stats.StatsWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Logins per minute over the last {@value #MINUTES} minutes, and what they were counted from:
 * <ul>
 *   <li>{@link Basis#COUNTED_AT_LOGIN}: the per-minute counters this project's session store writes
 *       at each login ({@link io.trackeep.dashboard.service.session.SessionCounters}). A session that
 *       ends later still counts. Used when every session is this project's (the index is complete).</li>
 *   <li>{@link Basis#CREATED_STILL_ALIVE}: the {@code created_at} of the sessions that were read,
 *       for data written (also) by the Go backend, which counts nothing: sessions created per minute
 *       that still exist, so a session killed or expired since is not counted. {@code sampled} when
 *       those were a scanning sample rather than every session.</li>
 * </ul>
 *
 * @param minutes        one count per minute, oldest first; the last is the current minute, still in progress
 * @param basis          what the counts are
 * @param sessionsRead   for {@link Basis#CREATED_STILL_ALIVE}, the sessions they were derived from
 * @param sampled        true when those sessions are a scanning sample rather than all of them
 * @param countedAtLogin logins the store's counters hold over the same minutes (the Go backend's not
 *                       among them): with {@link Basis#CREATED_STILL_ALIVE}, a second view for people
 */
public record LoginRate(List<MinuteCount> minutes, Basis basis, int sessionsRead, boolean sampled, long countedAtLogin) {

    public static final int MINUTES = 15;
    public static final LoginRate NONE = new LoginRate(List.of(), Basis.NONE, 0, false, 0);

    public LoginRate {
        minutes = List.copyOf(minutes);
    }

    /** What the minutes count. */
    public enum Basis {
        COUNTED_AT_LOGIN,
        CREATED_STILL_ALIVE,
        /** Nothing read. */
        NONE
    }

    /** Logins (or sessions created) in the minute starting at {@code minute}. */
    public record MinuteCount(Instant minute, long logins) {
    }

    /** The finished minutes, oldest first: the unfinished current one left out. */
    public List<MinuteCount> finishedMinutes() {
        return minutes.isEmpty() ? minutes : minutes.subList(0, minutes.size() - 1);
    }

    /** The current minute so far, or null when nothing was read. */
    public MinuteCount currentMinute() {
        return minutes.isEmpty() ? null : minutes.get(minutes.size() - 1);
    }

    /** Logins in the last finished minute. */
    public long lastMinute() {
        return minutes.size() < 2 ? 0 : minutes.get(minutes.size() - 2).logins();
    }

    /** Logins in the whole window, the current minute included. */
    public long total() {
        return minutes.stream().mapToLong(MinuteCount::logins).sum();
    }

    /** From the store's counters (first field: logins). */
    public static LoginRate counted(List<StatsWindow.Minute> counters) {
        return new LoginRate(counters.stream().map(m -> new MinuteCount(m.minute(), m.first())).toList(),
                Basis.COUNTED_AT_LOGIN, 0, false, 0);
    }

    /** From these sessions' creation times; malformed entries carry no time and are skipped. */
    public static LoginRate of(Collection<SessionEntry> sessions, Instant now, boolean sampled, long countedAtLogin) {
        List<Instant> created = sessions.stream().filter(e -> e instanceof SessionEntry.Valid)
                .map(e -> ((SessionEntry.Valid) e).session().createdAt().toInstant()).toList();
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
        return new LoginRate(minutes, Basis.CREATED_STILL_ALIVE, sessions.size(), sampled, countedAtLogin);
    }
}
