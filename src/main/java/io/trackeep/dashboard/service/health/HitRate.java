package io.trackeep.dashboard.service.health;

/** The one definition of a hit rate used by the health figures and alerts. */
final class HitRate {

    private HitRate() {
    }

    /** hits / (hits + misses); null when there were no lookups, which is no evidence of a bad cache. */
    static Double of(long hits, long misses) {
        long total = hits + misses;
        return total <= 0 ? null : (double) hits / total;
    }
}
