package io.trackeep.dashboard.service.health;

import java.time.Instant;

/**
 * INFO {@code server}: what is running. Any field is null when INFO did not report it (older
 * version, restricted section, missing section).
 *
 * @param version       {@code redis_version}
 * @param mode          {@code redis_mode}: standalone, cluster or sentinel
 * @param os            {@code os}
 * @param processId     {@code process_id}
 * @param tcpPort       {@code tcp_port}
 * @param uptimeSeconds {@code uptime_in_seconds}
 * @param runId         {@code run_id}: changes on every restart, so counters can be compared only within one run
 * @param serverTime    {@code server_time_usec} (Redis 6.2+): the server's clock when it answered
 */
public record ServerInfo(String version, String mode, String os, Long processId, Integer tcpPort,
                         Long uptimeSeconds, String runId, Instant serverTime) {
}
