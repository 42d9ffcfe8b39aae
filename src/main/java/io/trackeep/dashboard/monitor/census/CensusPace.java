package io.trackeep.dashboard.monitor.census;

import io.trackeep.dashboard.service.health.CommandStats;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How fast the keyspace census goes, set by what its own commands show of the server rather than
 * by a fixed pause: the size of its next batch of each kind (SCAN's {@code COUNT}, a detail's
 * sets per step) and the gap it leaves between one round trip and the next.
 *
 * <p>Every round trip the census makes is reported with {@link #took}, and judged by the server's
 * part of it (below). Sizes follow AIMD: a round trip under three quarters of the
 * {@linkplain Settings#target() target} lets its kind grow by a small step, one within the target
 * holds it; when the last two of a kind of commands were over the target, it shrinks to three
 * quarters, and to half when both were over the {@linkplain Settings#ceiling() ceiling}. Redis
 * runs one command at a time, so a round trip that stays short holds everyone else for little; a
 * short one also means the server answered at once, and lets the gap shrink by half, down to the
 * floor that keeps the census to its {@linkplain Settings#share() share} of the server's time (the
 * gap is at least the server's part times {@code (1 - share) / share}). Two round trips in a row over the ceiling mean the
 * server is slow to answer (others' load, or the census's own): the gap doubles, to at least the
 * shorter of the two and at most {@link Settings#maxGap()}. On an idle server the census thus runs
 * at its share with batches just under the target; on a busy one it backs off until its round
 * trips are short again.
 *
 * <p>The round trip is the census's own measurement (send to last reply, on its thread), so it
 * holds the server's time for the batch and the queue in front of it, and also the network and the
 * client's decoding of the reply. The server's own account of its commands ({@link #serverAccount},
 * from {@code INFO commandstats}) says which part of a round trip was the server's: the pace then
 * sizes batches and gaps by that part, so the census's share is of the server's time as the server
 * counts it. Until an account arrives (or where INFO is refused) the whole round trip stands in for
 * the server time, which errs on the gentle side. A round trip also holds whatever kept the
 * census's threads off a busy CPU, which adds to it and never takes from it: hence the pace acts
 * on the shorter of two in a row, so that one stall of the client's machine does not cut a batch.
 * Pacing changes when and how much the census reads, never what:
 * SCAN's guarantees hold with a {@code COUNT} that changes from call to call.
 *
 * <p>Not thread-safe: owned by one census, used on its caller's thread.
 */
public final class CensusPace {

    /** SCAN's {@code COUNT}; the reads a detail does for a SCAN page are sized by it too. */
    public static final Batch SCAN = new Batch("SCAN COUNT", 10, 250, 1_000);

    /**
     * One kind of batch the pace sizes.
     *
     * @param name  what is sized, for people
     * @param min   the least size
     * @param start the size before any round trip was seen
     * @param max   the most
     */
    public record Batch(String name, int min, int start, int max) {
        public Batch {
            if (min < 1 || start < min || max < start) {
                throw new IllegalArgumentException("need 1 <= min <= start <= max: " + min + ", " + start + ", " + max);
            }
        }

        /** The additive step: a 40th of the range's top, at least 1. */
        int step() {
            return Math.max(1, max / 40);
        }
    }

    /**
     * @param target  a round trip within this lets its batch grow and the gap shrink
     * @param ceiling a round trip over this halves its batch and doubles the gap
     * @param share   the most of the server's time the census takes, 0..1 (1: no gap when all is quick)
     * @param maxGap  the longest gap after slow round trips
     * @param serverAccount whether the server's account of its commands ({@link #serverAccount}) is asked for and used;
     *                      without it the round trips stand in for the server's time (tests that make up round trips)
     */
    public record Settings(Duration target, Duration ceiling, double share, Duration maxGap, boolean serverAccount) {
        public Settings {
            if (target.compareTo(ceiling) > 0 || share <= 0 || share > 1) {
                throw new IllegalArgumentException("need target <= ceiling and 0 < share <= 1");
            }
        }

        /** These settings with the round trips standing in for the server's time. */
        public Settings roundTripsOnly() {
            return new Settings(target, ceiling, share, maxGap, false);
        }
    }

    /**
     * The dashboard's settings: batches kept to about 0.3 ms of the server's time, none over 1 ms;
     * at most half of the server's time; after slow answers at most 200 ms between round trips; by
     * the server's account. (0.3 ms, not 0.5: with 0.5 ms batches another client's PING p99 went
     * from 0.7 to 1.6 ms during a census of 2.3 million keys on a shared 2-core machine, for a pass
     * 10 % shorter.)
     */
    public static final Settings DEFAULTS = new Settings(Duration.ofNanos(300_000), Duration.ofMillis(1), 0.5,
            Duration.ofMillis(200), true);

    /** Where the census's round trips go besides the pace (a benchmark's record of them). */
    @FunctionalInterface
    public interface Listener {
        /**
         * Told after the pace has taken the round trip into account.
         *
         * @param commands what the round trip sent ("SCAN", "MGET+ZMSCORE", …)
         * @param size     the size of its batch, or 0 when it is not sized by the pace
         * @param nanos    its round trip
         */
        void took(String commands, int size, long nanos);

        Listener NONE = (commands, size, nanos) -> { };
    }

    private final Settings settings;
    private final boolean adaptive;
    private final Listener listener;
    private final Map<Batch, Integer> sizes = new HashMap<>();
    // The last round trip of each kind of commands (0 before the first: a first slow one alone changes nothing). By the
    // commands, not the batch: a SCAN page's reads are sized with SCAN, and quick SCANs must not hide slow reads.
    private final Map<String, Long> lastOf = new HashMap<>();
    // Per kind of commands: their round trips since the server's last account, and the part of a round trip the server
    // spent on them by that account (absent: not known, the whole round trip counts).
    private final Map<String, Long> roundTripsSince = new HashMap<>();
    private final Map<String, Double> serverPart = new HashMap<>();
    private long gapNanos;

    private CensusPace(Settings settings, boolean adaptive, Listener listener) {
        this.settings = settings;
        this.adaptive = adaptive;
        this.listener = listener;
    }

    /** A pace that adapts with these settings, telling {@code listener} of every round trip. */
    public static CensusPace adaptive(Settings settings, Listener listener) {
        return new CensusPace(settings, true, listener);
    }

    /** The dashboard's adaptive pace. */
    public static CensusPace adaptive() {
        return adaptive(DEFAULTS, Listener.NONE);
    }

    /** SCAN's {@code COUNT} fixed, other batches at their start size, and no gap, whatever the round trips. */
    public static CensusPace fixed(int scanCount, Listener listener) {
        CensusPace pace = new CensusPace(DEFAULTS, false, listener);
        pace.sizes.put(SCAN, scanCount);
        return pace;
    }

    /** The size of the next batch of this kind. */
    public int size(Batch batch) {
        return sizes.getOrDefault(batch, batch.start());
    }

    /** Whether the pace wants the server's account of its commands ({@link #serverAccount}). */
    public boolean wantsServerAccount() {
        return adaptive && settings.serverAccount();
    }

    /**
     * The part of a round trip of these commands that the server spent on them, by its last
     * account; 1 while not known.
     */
    public double serverPart(String commands) {
        return serverPart.getOrDefault(commands, 1.0);
    }

    /**
     * The server's account of what its commands cost since the last account: for each host,
     * {@code INFO commandstats} differences ({@link CommandStats#since}) of its masters together. The
     * round trips of each kind since then are set against the server time of their commands on the
     * host that spent the most (on a Cluster a round trip holds one command per master, run side by
     * side). The server's figures hold other clients' calls of the same commands too, which only
     * makes the part larger: never more than the whole round trip. A kind whose commands the server did not
     * count (renamed, or not run) keeps what it had.
     */
    public void serverAccount(Collection<Map<String, CommandStats.Totals>> perHost) {
        roundTripsSince.forEach((commands, roundTrips) -> {
            String[] names = commands.toLowerCase(Locale.ROOT).split("\\+");
            long mostMicros = -1;
            for (Map<String, CommandStats.Totals> host : perHost) {
                long micros = 0;
                boolean counted = true;
                for (String name : names) {
                    CommandStats.Totals t = host.getOrDefault(name, CommandStats.Totals.NONE);
                    counted &= t.calls() > 0;
                    micros += t.micros();
                }
                if (counted) {
                    mostMicros = Math.max(mostMicros, micros);
                }
            }
            if (mostMicros >= 0 && roundTrips > 0) {
                serverPart.put(commands, Math.min(1.0, mostMicros * 1_000.0 / roundTrips));
            }
        });
        roundTripsSince.clear();
    }

    /** How long to leave between the end of the last round trip and the start of the next. */
    public long gapNanos() { return gapNanos; }

    /**
     * A round trip of the census: sizes {@code batch} (null when the pace does not size it) and the
     * gap after it by how long it took.
     */
    public void took(String commands, Batch batch, long nanos) {
        int size = batch == null ? 0 : size(batch);
        if (adaptive) {
            roundTripsSince.merge(commands, nanos, Long::sum);
            adapt(commands, batch, size, nanos);
        }
        listener.took(commands, size, nanos);
    }

    private void adapt(String commands, Batch batch, int size, long roundTrip) {
        long target = settings.target().toNanos();
        long ceiling = settings.ceiling().toNanos();
        long shorterTrip = Math.min(roundTrip, lastOf.getOrDefault(commands, 0L));
        lastOf.put(commands, roundTrip);
        // the server's part of the round trips: what its commands held everyone else for
        double part = serverPart(commands);
        long nanos = (long) (roundTrip * part);
        long shorter = (long) (shorterTrip * part);
        if (batch != null) {
            // grow only with room to spare (under 3/4 of the target), so that a step does not overshoot it; not in proportion
            // to the size: a round trip's fixed part (the client, the network) would keep a small batch from ever growing
            boolean room = nanos * 4 <= target * 3;
            int next = nanos <= target ? (room ? size + batch.step() : size)
                    : shorter <= target ? size : shorter <= ceiling ? size * 3 / 4 : size / 2;
            sizes.put(batch, Math.max(batch.min(), Math.min(batch.max(), next)));
        }
        long floor = (long) ((nanos <= target ? nanos : shorter) * (1 - settings.share()) / settings.share());
        if (nanos <= target) {
            gapNanos = Math.max(floor, gapNanos / 2);
        } else if (shorter <= ceiling) {
            gapNanos = Math.max(floor, gapNanos);
        } else {
            gapNanos = Math.min(settings.maxGap().toNanos(), Math.max(Math.max(floor, shorter), 2 * gapNanos));
        }
    }
}
