package io.trackeep.dashboard.local.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the local topologies ({@link ClusterTopology}, {@link SentinelTopology}) do to their
 * processes as a group: start several at once, stop several at once, and wait until the group
 * has formed.
 */
final class NodeGroup {

    private static final Logger log = LoggerFactory.getLogger(NodeGroup.class);

    private NodeGroup() {
    }

    /**
     * Runs every start at once, each on a daemon thread named {@code threadName}, and waits for
     * all of them. When any fails, the ones that did start are stopped again and the first
     * failure is thrown, so that a failed start leaves no process behind.
     *
     * @param process the process of a started node, to stop it
     */
    static <T> List<T> startAll(List<Supplier<T>> starts, Function<T, RedisServerProcess> process, String threadName) {
        Executor daemonThreads = r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            t.start();
        };
        List<CompletableFuture<T>> starting = starts.stream().map(s -> CompletableFuture.supplyAsync(s, daemonThreads)).toList();
        List<T> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<T> f : starting) {
            try {
                started.add(f.join());
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            closeAll(started.stream().map(process).toList());
            throw failure;
        }
        return started;
    }

    /** Stops every process, in parallel: none saves, each stops in milliseconds. */
    static void closeAll(List<RedisServerProcess> processes) {
        CompletableFuture<?>[] closing = processes.stream()
                .map(p -> CompletableFuture.runAsync(p::close))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).join();
        } catch (RuntimeException e) {
            log.warn("Stopping a node failed: {}", e.toString());
        }
    }

    /** Polls {@code condition} every 10 ms until it holds; a refused command counts as "not yet". */
    static void await(long deadline, String what, BooleanSupplier condition) {
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RespConnection.ServerError notYet) {
                // e.g. CLUSTER REPLICATE before the master's id has been gossiped
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + what, e);
            }
        }
    }
}
