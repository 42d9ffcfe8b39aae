package io.trackeep.dashboard.monitor.server;

import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.health.SlowLogEntry;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the Server panel shows, as read in one refresh. A part that was not asked for this time
 * is null (the panel keeps what it showed); a part that was asked is a {@link Readout}.
 *
 * @param slowLog     SLOWLOG GET, newest first
 * @param clients     CLIENT LIST
 * @param ownClientId CLIENT ID of the connection the dashboard reads with, or null when unknown
 * @param info        INFO everything, section name → field → value, in INFO order
 * @param config      CONFIG GET *, sorted by name, passwords masked
 */
public record ServerDetails(Readout<List<SlowLogEntry>> slowLog, Readout<List<ClientConnection>> clients, Long ownClientId,
                            Readout<Map<String, Map<String, String>>> info, Readout<SortedMap<String, String>> config) {
}
