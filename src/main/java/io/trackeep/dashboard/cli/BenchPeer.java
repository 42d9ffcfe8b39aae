package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.redis.RedisSettings;

import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;

/**
 * A rate limiter of another library that {@code bench ratelimit} runs beside this project's.
 * The implementations and their libraries are benchmark-only: they live in {@code src/bench},
 * are built by the {@code bench} Maven profile into the test classpath and are found with
 * {@link ServiceLoader} when present, so the product jar and its libraries never contain them.
 */
public interface BenchPeer {

    /** How a missing peer set is reported, with the command that brings the peers in. */
    String NOT_INSTALLED = "peers not installed: run ./mvnw -Pbench -q test-compile exec:exec -Dbench.args=\"ratelimit\""
            + " to compare with Bucket4j and Redisson in the same run";

    /** Short name used in column headers and as the limiter name of its keys, e.g. {@code Bucket4j}. */
    String label();

    /** What exactly runs, e.g. {@code Bucket4j 8.19.0 (Lettuce, compare-and-swap)}. */
    String description();

    /**
     * Connects to {@code server} with one command connection of its own and prepares one limiter
     * per key, each admitting {@code limit} requests per {@code window}.
     */
    Limiters open(RedisSettings server, List<String> keys, long limit, Duration window);

    /** The limiters of one run; a client is an index into the keys given to {@link #open}. */
    interface Limiters extends AutoCloseable {

        /** One decision, blocking; true when admitted. */
        boolean tryAcquire(int client);

        /** One decision without blocking; completes with true when admitted. */
        CompletionStage<Boolean> tryAcquireAsync(int client);

        @Override
        void close();
    }

    /** The peers on {@code loader}'s classpath, in a stable order (by label). */
    static List<BenchPeer> installed(ClassLoader loader) {
        return ServiceLoader.load(BenchPeer.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(java.util.Comparator.comparing(BenchPeer::label))
                .toList();
    }
}
