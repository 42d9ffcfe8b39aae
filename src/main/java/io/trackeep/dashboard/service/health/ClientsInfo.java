package io.trackeep.dashboard.service.health;

/**
 * INFO {@code clients}. Fields are null when not reported.
 *
 * @param connected  {@code connected_clients}
 * @param blocked    {@code blocked_clients}
 * @param maxClients {@code maxclients} from INFO (Redis 6.2+) or else {@code CONFIG GET maxclients};
 *                   null when neither is available (CONFIG disabled or denied)
 */
public record ClientsInfo(Long connected, Long blocked, Long maxClients) {

    /** connected / maxclients, or null when either is unknown. */
    public Double usedFractionOfMax() {
        if (connected == null || maxClients == null || maxClients <= 0) {
            return null;
        }
        return (double) connected / maxClients;
    }

    ClientsInfo withMaxClients(Long max) {
        return new ClientsInfo(connected, blocked, max);
    }
}
