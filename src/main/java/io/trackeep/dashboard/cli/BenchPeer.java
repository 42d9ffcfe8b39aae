package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.redis.RedisSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
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

    /**
     * The peers on {@code loader}'s classpath, in a stable order (by label). A peer whose classes
     * cannot load (a services file left in target/test-classes by an earlier {@code -Pbench}
     * build, the peers' libraries absent) counts as not installed.
     */
    static List<BenchPeer> installed(ClassLoader loader) {
        List<BenchPeer> peers = new ArrayList<>();
        Iterator<BenchPeer> found = ServiceLoader.load(BenchPeer.class, loader).iterator();
        for (int attempt = 0; attempt < 100; attempt++) { // bounded: a broken provider must not spin forever
            try {
                if (!found.hasNext()) {
                    break;
                }
                peers.add(found.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // not installed; the iterator goes on with the next provider
            }
        }
        peers.sort(Comparator.comparing(BenchPeer::label));
        return List.copyOf(peers);
    }
}
