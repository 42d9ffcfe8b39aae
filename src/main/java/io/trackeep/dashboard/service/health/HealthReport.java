package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.redis.OwnTraffic;

import java.time.Instant;
import java.util.List;

/**
 * One health check: an immutable snapshot the Overview shows and {@link AlertRules} evaluates.
 *
 * @param status     UP, PARTIAL or DOWN
 * @param checkedAt  when the check started (this workstation's clock); two reports give rates
 * @param pingMicros PING round trip in microseconds on the shared connection; null when DOWN
 * @param info       parsed INFO; {@link RedisInfo#EMPTY} unless UP
 * @param slowLog    the newest slow log entries, newest first; empty when unknown or denied
 * @param problem    why the status is not UP; null when UP
 * @param own        this program's own traffic on the connection up to the moment INFO ran, to be
 *                   left out of the figures ({@link KeyspaceLookups}); {@link OwnTraffic#NOT_COUNTED}
 *                   when the connection does not count it
 * @param slowLogRefused why the slow log could not be read (this Redis user may not run SLOWLOG),
 *                   so slow commands are not judged; null when it was read
 */
public record HealthReport(HealthStatus status, Instant checkedAt, Long pingMicros, RedisInfo info,
                           List<SlowLogEntry> slowLog, HealthProblem problem, OwnTraffic own, String slowLogRefused) {

    public HealthReport {
        info = info == null ? RedisInfo.EMPTY : info;
        slowLog = slowLog == null ? List.of() : List.copyOf(slowLog);
        own = own == null ? OwnTraffic.NOT_COUNTED : own;
    }

    /** A report of a connection that does not count its own traffic. */
    public HealthReport(HealthStatus status, Instant checkedAt, Long pingMicros, RedisInfo info,
                        List<SlowLogEntry> slowLog, HealthProblem problem) {
        this(status, checkedAt, pingMicros, info, slowLog, problem, OwnTraffic.NOT_COUNTED, null);
    }

    static HealthReport up(Instant at, long pingMicros, RedisInfo info, List<SlowLogEntry> slowLog, OwnTraffic own,
                           String slowLogRefused) {
        return new HealthReport(HealthStatus.UP, at, pingMicros, info, slowLog, null, own, slowLogRefused);
    }

    static HealthReport partial(Instant at, long pingMicros, HealthProblem problem) {
        return new HealthReport(HealthStatus.PARTIAL, at, pingMicros, RedisInfo.EMPTY, List.of(), problem);
    }

    static HealthReport down(Instant at, HealthProblem problem) {
        return new HealthReport(HealthStatus.DOWN, at, null, RedisInfo.EMPTY, List.of(), problem);
    }

    public boolean isUp() {
        return status == HealthStatus.UP;
    }
}
