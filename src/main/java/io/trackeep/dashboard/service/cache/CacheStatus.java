package io.trackeep.dashboard.service.cache;

/** How a cached value was obtained. */
public enum CacheStatus {
    /** Served from Redis. */
    HIT,
    /** Not in Redis: loaded, and stored for the next caller (unless the loader returned null). */
    MISS,
    /**
     * Redis failed while reading or storing (down, timeout, error answer, read-only profile): the
     * value came from the loader and was not stored. The cache is an optimisation, so this is not
     * an error for the caller.
     */
    BYPASS;

    /** The {@code X-Cache} header value the Go backend sends: only a hit is a {@code HIT}. */
    public String header() {
        return this == HIT ? "HIT" : "MISS";
    }
}
