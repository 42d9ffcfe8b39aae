package io.trackeep.dashboard.service.health;

/** How a health check went. */
public enum HealthStatus {
    /** Redis answered PING and INFO. */
    UP,
    /** Redis answered PING but refused INFO (ACL, renamed command): the report has a round trip and no figures. */
    PARTIAL,
    /** Redis did not answer PING (unreachable, timeout, wrong password, LOADING, ...). */
    DOWN
}
