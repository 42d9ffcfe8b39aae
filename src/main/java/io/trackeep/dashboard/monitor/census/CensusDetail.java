package io.trackeep.dashboard.monitor.census;

import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Work a census pass does on the keys it finds, for figures that need more than key names (the
 * sessions' owners, for instance, are in the values). A detail is done only in passes that start
 * while someone asks for it ({@link CensusTracker#current(RedisConnections, CensusDetail)}), so
 * panels that need only key counts do not pay for it.
 *
 * <p>Its reads share the census's budget per tick: {@link Pass#scanned} runs within the SCAN
 * call that found the keys, each {@link Pass#step} counts as one of the tick's calls, and each
 * must stay bounded (a few pipelined batches of at most 100 keys). They share its pace too: each
 * round trip goes through {@link Pacing#roundTrip}, which waits the census's gap first and tells
 * the pace how long the round trip took ({@link CensusPace}); the reads for a SCAN page are sized
 * by that page ({@link CensusPace#SCAN}), a step's by a {@link CensusPace.Batch} of the detail's
 * own. Implementations are used as map keys: one instance per kind of detail.
 *
 * @param <T> the immutable figures of a pass
 */
public interface CensusDetail<T> {

    /** The accumulator of a new pass (the pass has not scanned anything yet), its round trips paced by {@code pacing}. */
    Pass<T> start(RedisConnections redis, Pacing pacing);

    /** The census's pace as a detail sees it. */
    interface Pacing {

        /** The size of the next batch of this kind. */
        int size(CensusPace.Batch batch);

        /**
         * Runs one round trip ({@code call} sends and waits for its replies, nothing else) after the
         * census's gap, and tells the pace how long it took.
         *
         * @param commands what it sends, for people ("MGET+ZMSCORE")
         * @param batch    the kind of batch it is, when the pace sizes it; else null
         */
        <R> R roundTrip(String commands, CensusPace.Batch batch, Supplier<R> call);
    }

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
