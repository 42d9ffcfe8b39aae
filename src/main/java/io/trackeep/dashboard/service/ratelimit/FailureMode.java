package io.trackeep.dashboard.service.ratelimit;

/**
 * What a limiter decides when it cannot ask Redis: the server is unreachable, does not answer
 * within the command timeout, or answers with a transient state (LOADING, BUSY, OOM,
 * MASTERDOWN, CLUSTERDOWN, TRYAGAIN). Such decisions are marked {@link Decision#degraded()}.
 * Any other error, above all a WRONGTYPE (the key holds another kind of value), is thrown: it
 * will not heal by waiting and must not turn into silently unlimited traffic.
 */
public enum FailureMode {
    /** Admit the request (availability first). The default. */
    OPEN,
    /** Deny the request (protection first), e.g. for login attempts. */
    CLOSED
}
