package io.trackeep.dashboard.service.redis;

import java.util.Locale;

/** How a Redis deployment is reached: one server, a master found through Sentinels, or a Cluster. */
public enum Topology {
    /** One server ({@code redis://}, {@code rediss://}). */
    STANDALONE,
    /** A master named by Sentinels, followed across failovers ({@code redis-sentinel://}, {@code rediss-sentinel://}). */
    SENTINEL,
    /** A Redis Cluster reached through one or more seed nodes ({@code redis-cluster://}, {@code rediss-cluster://}). */
    CLUSTER;

    /** {@code standalone}, {@code sentinel} or {@code cluster}, as the command line spells it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@link #label()} (any case). */
    public static Topology ofLabel(String label) {
        for (Topology t : values()) {
            if (t.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("Topology must be standalone, sentinel or cluster, not " + label);
    }
}
