package io.trackeep.dashboard.monitor.census;

import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Instant;
import java.util.List;

/**
 * Work a census pass does on the keys it finds, for figures that need more than key names (the
 * sessions' owners, for instance, are in the values). A detail is done only in passes that start
 * while someone asks for it ({@link CensusTracker#current(RedisConnections, CensusDetail)}), so
 * panels that need only key counts do not pay for it.
 *
 * <p>Its reads share the census's budget per tick: {@link Pass#scanned} runs within the SCAN
 * call that found the keys, each {@link Pass#step} counts as one of the tick's calls, and each
 * must stay bounded (a few pipelined batches of at most 100 keys). Implementations are used as
 * map keys: one instance per kind of detail.
 *
 * @param <T> the immutable figures of a pass
 */
public interface CensusDetail<T> {

    /** The accumulator of a new pass (the pass has not scanned anything yet). */
    Pass<T> start(RedisConnections redis);

    /** One pass's accumulator; only the census's caller thread touches it. */
    interface Pass<T> {

        /** The keys one SCAN call returned. */
        void scanned(List<String> keys);

        /**
         * Does one bounded slice of the work the keys left (a long set to read, a check after the
         * keyspace ended).
         *
         * @param keyspaceDone true once SCAN has visited the whole keyspace
         * @return false when nothing was left to do; the pass completes when the keyspace is done
         *         and no detail has work left
         */
        boolean step(boolean keyspaceDone);

        /**
         * The figures so far.
         *
         * @param completedAt when the pass completed, or null while it runs
         * @param progress    share of the keyspace scanned so far, 0..1
         */
        T figures(Instant completedAt, double progress);
    }
}
