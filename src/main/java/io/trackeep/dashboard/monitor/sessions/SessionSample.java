package io.trackeep.dashboard.monitor.sessions;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Session ids found by scanning, for a Redis without the index: a paced
 * {@code SCAN MATCH P:session:*} that stops when {@code cap} ids are found or the keyspace ends.
 * The first pass is visible while it runs; later passes (to pick up new sessions, each after a
 * rest as long as the previous pass took but at least {@code minRest}) replace the sample only
 * when they are done, so the table does not empty itself while a pass refills it. Memory: at most {@code 2 × cap} ids. Not thread-safe.
 */
final class SessionSample {

    private final int cap;
    private final Duration minRest;
    private final Clock clock;
    private Instant passStarted;
    private ScanCursor cursor = ScanCursor.INITIAL;
    private Set<String> collecting;
    private Set<String> published;
    private boolean complete;
    private Instant nextPass = Instant.MIN;

    SessionSample(int cap, Duration minRest, Clock clock) {
        this.cap = cap;
        this.minRest = minRest;
        this.clock = clock;
    }

    /** Scans the next slice within {@code pace}, starting a new pass when one is due. */
    void advance(RedisConnections redis, ScanPace pace) {
        if (collecting == null) {
            if (published != null && clock.instant().isBefore(nextPass)) {
                return;
            }
            collecting = new LinkedHashSet<>();
            cursor = ScanCursor.INITIAL;
            passStarted = clock.instant();
        }
        KeySchema keys = redis.keys();
        KeyScanArgs args = KeyScanArgs.Builder.matches(keys.sessionPattern()).limit(pace.count());
        long deadline = System.nanoTime() + pace.budget().toNanos();
        for (int i = 0; i < pace.callsPerTick() && System.nanoTime() < deadline; i++) {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = RedisErrors.call("Scanning for sessions", () -> redis.sync().scan(from, args));
            cursor = page;
            for (String key : page.getKeys()) {
                if (collecting.size() < cap) {
                    keys.parseSessionId(key).ifPresent(collecting::add);
                }
            }
            boolean full = collecting.size() >= cap;
            if (full || page.isFinished()) {
                published = collecting;
                complete = page.isFinished() && !full;
                collecting = null;
                Instant end = clock.instant();
                Duration took = Duration.between(passStarted, end);
                nextPass = end.plus(took.compareTo(minRest) > 0 ? took : minRest);
                return;
            }
        }
    }

    /** The sample: the last finished pass's ids, or the first pass's ids so far. */
    List<String> ids() {
        if (published != null) {
            return List.copyOf(published);
        }
        return collecting == null ? List.of() : List.copyOf(collecting);
    }

    /** True when the last pass visited the whole keyspace and every session key found fits the sample. */
    boolean complete() {
        return published != null && complete;
    }

    /** Drops ids whose session is gone, so a sample does not fill up with dead ids until the next pass. */
    void forget(Collection<String> gone) {
        if (published != null) {
            published.removeAll(gone);
        }
        if (collecting != null) {
            collecting.removeAll(gone);
        }
    }
}
