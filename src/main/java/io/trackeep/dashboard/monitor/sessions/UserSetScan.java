package io.trackeep.dashboard.monitor.sessions;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sessions per user from the user session sets ({@code P:user:sessions:<uid>}): a paced
 * {@code SCAN MATCH P:user:sessions:* TYPE set} with one pipelined SCARD batch per page, keeping
 * only the {@code top} largest sets, so memory stays bounded whatever the number of users. A pass
 * over the keyspace spans as many calls as it needs; the last complete pass stays available while
 * the next one runs. A new pass starts after a rest as long as the previous pass took, but at
 * least {@code minRest}: so a large keyspace is scanned at most half the time, a small one
 * is seen again within seconds. Before the first pass completes, the running pass's figures are
 * returned, marked incomplete.
 *
 * <p>SCARD counts ids in the set, which may include sessions that already expired (the Go
 * backend never removes them); that is what the backends keep, and what "prune" cleans.
 * Not thread-safe: one caller at a time (the refresh thread, or the command line).
 */
final class UserSetScan {

    /** A user and the size of their session set. */
    record UserCount(long userId, long sessions) {
    }

    /**
     * @param top      the largest sets, largest first
     * @param sets     user sets seen in the pass (so far, when incomplete)
     * @param complete true when the whole keyspace was visited
     * @param at       when the pass completed (or now, for a running pass)
     */
    record Tally(List<UserCount> top, long sets, boolean complete, Instant at) {
    }

    private static final Comparator<UserCount> SMALLEST_FIRST =
            Comparator.comparingLong(UserCount::sessions).thenComparing(Comparator.comparingLong(UserCount::userId).reversed());

    private final int top;
    private final Duration minRest;
    private final Clock clock;
    private ScanCursor cursor = ScanCursor.INITIAL;
    private Pass running;
    private Instant passStarted;
    private Tally last;
    private Instant nextPass = Instant.MIN;

    UserSetScan(int top, Duration minRest, Clock clock) {
        this.top = top;
        this.minRest = minRest;
        this.clock = clock;
    }

    /** Scans the next slice (within {@code pace}) and returns the current figures. */
    Tally advance(RedisConnections redis, ScanPace pace) {
        if (running == null) {
            if (last != null && clock.instant().isBefore(nextPass)) {
                return last;
            }
            running = new Pass();
            cursor = ScanCursor.INITIAL;
            passStarted = clock.instant();
        }
        KeySchema keys = redis.keys();
        KeyScanArgs args = KeyScanArgs.Builder.matches(keys.userSessionsPattern()).type("set").limit(pace.count());
        long deadline = System.nanoTime() + pace.budget().toNanos();
        for (int i = 0; i < pace.callsPerTick() && System.nanoTime() < deadline; i++) {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = RedisErrors.call("Scanning user session sets", () -> redis.sync().scan(from, args));
            count(redis, keys, page.getKeys());
            cursor = page;
            if (page.isFinished()) {
                Instant end = clock.instant();
                last = running.tally(true, end);
                running = null;
                Duration took = Duration.between(passStarted, end);
                nextPass = end.plus(took.compareTo(minRest) > 0 ? took : minRest);
                return last;
            }
        }
        return last != null ? last : running.tally(false, clock.instant());
    }

    private void count(RedisConnections redis, KeySchema keys, List<String> setKeys) {
        if (setKeys.isEmpty()) {
            return;
        }
        RedisClusterAsyncCommands<String, String> async = redis.async();
        List<CompletionStage<Long>> sizes = setKeys.stream().<CompletionStage<Long>>map(async::scard).toList();
        RedisErrors.call("Counting user sessions", () -> CompletableFuture.allOf(
                sizes.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new)).join());
        for (int i = 0; i < setKeys.size(); i++) {
            long size = sizes.get(i).toCompletableFuture().join();
            keys.parseUserSessionsUserId(setKeys.get(i)).ifPresent(uid -> running.add(new UserCount(uid, size)));
        }
    }

    /** One pass's bounded accumulator. */
    private final class Pass {
        private final PriorityQueue<UserCount> largest = new PriorityQueue<>(SMALLEST_FIRST);
        private long sets;

        void add(UserCount c) {
            sets++;
            largest.removeIf(u -> u.userId() == c.userId()); // SCAN may return a key twice
            largest.add(c);
            if (largest.size() > top) {
                largest.poll();
            }
        }

        Tally tally(boolean complete, Instant at) {
            List<UserCount> sorted = new ArrayList<>(largest);
            sorted.sort(SMALLEST_FIRST.reversed());
            return new Tally(List.copyOf(sorted), sets, complete, at);
        }
    }
}
