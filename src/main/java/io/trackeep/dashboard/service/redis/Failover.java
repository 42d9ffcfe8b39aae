package io.trackeep.dashboard.service.redis;

import java.time.Instant;
import java.util.Objects;

/**
 * A master that another node replaced, as this program saw it happen: for the topology view and
 * the "failover" alert. Immutable.
 *
 * @param at   when this program saw the change (its own clock)
 * @param from {@code host:port} of the master before
 * @param to   {@code host:port} of the master after
 * @param how  how it was seen, for people ("announced by the Sentinels (+switch-master)", "the old master failed")
 */
public record Failover(Instant at, String from, String to, String how) {

    public Failover {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        how = how == null ? "" : how;
    }
}
