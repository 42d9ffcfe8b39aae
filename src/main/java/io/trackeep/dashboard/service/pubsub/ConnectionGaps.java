package io.trackeep.dashboard.service.pubsub;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.trackeep.dashboard.service.pubsub.DeliveryGap.Cause;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The gaps of one pub/sub connection: Lettuce reconnects it and subscribes again by itself, within
 * milliseconds, so a cut is invisible unless counted. Each cut opens a {@link DeliveryGap} (logged at
 * once), the server is asked why on the command connection (INFO, and CONFIG GET for the pubsub
 * output-buffer limit, which also bounds what Redis may have held for the connection), the gap
 * closes when Redis has confirmed every subscription again, and a second later (or at the next
 * cut, if sooner) its estimate takes the arrival rate after it into account and is logged.
 *
 * <p>Called on Lettuce's I/O threads (the connection events, the confirmations, the answers from
 * the server) and on the dispatch thread ({@link #tick}); all state is guarded by {@code this}.
 */
final class ConnectionGaps implements RedisConnectionStateListener {

    /** How long after a gap its estimate waits for the arrival rate after it. */
    static final Duration RATE_AFTER = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
    /** Redis's default {@code client-output-buffer-limit pubsub 32mb 8mb 60}, used when CONFIG GET is refused. */
    private static final long[] DEFAULT_PUBSUB_LIMIT = {32L << 20, 8L << 20, 60};

    /** What the gap accounting reads of the subscriptions. */
    interface Arrivals {
        /** Messages arrived so far (delivered or dropped). */
        long count();

        /** Arrival rate over about the last second. */
        double recentRate();

        /** Average size of the messages on the wire, in bytes (0 before the first). */
        double bytesPerMessage();
    }

    private final RedisConnections redis;
    private final Arrivals arrivals;
    private final Supplier<Set<Topic>> topics;
    private final ArrayDeque<DeliveryGap> done = new ArrayDeque<>();
    private int cuts;
    private DeliveryGap open;
    private Set<Topic> unconfirmed;
    private long arrivedAtBack;
    private long[] pubsubLimit; // hard bytes, soft bytes, soft seconds; null until read
    private boolean limitRead; // false: the default, CONFIG GET was refused or not answered yet
    private Long limitDisconnections; // INFO stats client_output_buffer_limit_disconnections (Redis 7.2+), null where not counted
    private boolean closed;

    ConnectionGaps(RedisConnections redis, Arrivals arrivals, Supplier<Set<Topic>> topics) {
        this.redis = redis;
        this.arrivals = arrivals;
        this.topics = topics;
        readServerLimits();
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        Instant now = Instant.now();
        DeliveryGap gap;
        DeliveryGap finished = null;
        synchronized (this) {
            if (closed || open != null && open.backAt() == null) {
                return; // still the same gap: not subscribed again yet
            }
            if (open != null) {
                // cut again while the last gap was waiting for the rate after it: that gap ends here
                finished = finish(now);
            }
            cuts++;
            long[] limit = pubsubLimit != null ? pubsubLimit : DEFAULT_PUBSUB_LIMIT;
            open = new DeliveryGap(now, null, Cause.UNKNOWN, "", arrivals.recentRate(), 0, arrivals.bytesPerMessage(),
                    limit[0], !limitRead);
            unconfirmed = new HashSet<>(topics.get());
            gap = open;
        }
        if (finished != null) {
            log.warn("{}", finished.describe(now));
        }
        log.warn("The pub/sub connection was lost: messages published until it is subscribed again are lost (received {} msg/s before)",
                String.format(Locale.ROOT, "%,.0f", gap.messagesPerSecond()));
        askWhy(gap);
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
        // Back only once Redis confirms the subscriptions again (confirmed()); with none, now.
        synchronized (this) {
            if (open != null && open.backAt() == null && unconfirmed.isEmpty()) {
                back(Instant.now());
            }
        }
    }

    /** Redis confirmed a subscription (Lettuce subscribes every topic again after a reconnect). */
    synchronized void confirmed(Topic topic) {
        if (open != null && open.backAt() == null && unconfirmed.remove(topic) && unconfirmed.isEmpty()) {
            back(Instant.now());
        }
    }

    /** A topic was given up while the connection was away: not waited for. */
    synchronized void forget(Topic topic) {
        if (open != null && open.backAt() == null && unconfirmed.remove(topic) && unconfirmed.isEmpty()) {
            back(Instant.now());
        }
    }

    private void back(Instant at) {
        open = open.back(at);
        arrivedAtBack = arrivals.count();
    }

    /** Closes the estimate of a gap that has been back for {@link #RATE_AFTER}; run now and then by the dispatch thread. */
    void tick(Instant now) {
        DeliveryGap finished;
        synchronized (this) {
            if (open == null || open.backAt() == null || open.backAt().plus(RATE_AFTER).isAfter(now)) {
                return;
            }
            finished = finish(now);
        }
        log.warn("{}", finished.describe(now));
    }

    /**
     * Ends the open gap, which is back: its rate is the higher of the one before it and the one
     * since, and a cut before the first message learns the size of a message from those since.
     */
    private DeliveryGap finish(Instant now) {
        double seconds = Duration.between(open.backAt(), now).toNanos() / 1e9;
        double after = seconds > 0 ? (arrivals.count() - arrivedAtBack) / seconds : 0;
        DeliveryGap finished = open.withRate(Math.max(open.messagesPerSecond(), after),
                open.bytesPerMessage() > 0 ? open.bytesPerMessage() : arrivals.bytesPerMessage());
        done.addLast(finished);
        while (done.size() > Subscriptions.GAPS_KEPT) {
            done.removeFirst();
        }
        open = null;
        unconfirmed = null;
        return finished;
    }

    synchronized DeliveryLosses losses(long dropped, Instant now) {
        List<DeliveryGap> all = new java.util.ArrayList<>(done);
        if (open != null) {
            all.add(open);
        }
        return new DeliveryLosses(dropped, all, cuts, now);
    }

    synchronized void close() {
        closed = true;
    }

    /** The pubsub output-buffer limit, and the server's count of output-buffer disconnections where it keeps one. */
    private void readServerLimits() {
        try {
            redis.async().configGet("client-output-buffer-limit").whenComplete((config, error) -> {
                long[] parsed = error == null ? pubsubLimit(config) : null;
                synchronized (this) {
                    limitRead = parsed != null;
                    pubsubLimit = parsed != null ? parsed : DEFAULT_PUBSUB_LIMIT;
                }
            });
            redis.async().info("stats").thenAccept(info -> {
                Long n = field(info, "client_output_buffer_limit_disconnections");
                synchronized (this) {
                    limitDisconnections = n;
                }
            });
        } catch (RuntimeException e) {
            log.debug("Could not ask Redis for its output-buffer limits: {}", e.getMessage());
        }
    }

    /** Asks the server (command connection) why the pub/sub connection went; fills in the open gap's cause. */
    private void askWhy(DeliveryGap gap) {
        try {
            redis.async().info("everything").whenComplete((info, error) -> {
                synchronized (this) {
                    explain(gap, info, error);
                }
            });
        } catch (RuntimeException e) {
            synchronized (this) {
                explain(gap, null, e);
            }
        }
    }

    private void explain(DeliveryGap gap, String info, Throwable error) {
        Why why = why(info, error, limitDisconnections, pubsubLimit != null ? pubsubLimit : DEFAULT_PUBSUB_LIMIT, limitRead);
        if (why.disconnections() != null) {
            limitDisconnections = why.disconnections();
        }
        if (open != null && open.lostAt().equals(gap.lostAt())) {
            open = open.withCause(why.cause(), why.evidence(), why.heldBytes());
        } else {
            // answered after the gap was closed: replace it in the list
            List<DeliveryGap> copy = List.copyOf(done);
            done.clear();
            for (DeliveryGap g : copy) {
                done.addLast(g.lostAt().equals(gap.lostAt()) ? g.withCause(why.cause(), why.evidence(), why.heldBytes()) : g);
            }
        }
    }

    /** Why a connection went, as the server tells: the cause, the evidence, the bytes it held for it where known. */
    record Why(Cause cause, String evidence, long heldBytes, Long disconnections) {
    }

    /**
     * Reads the server's answer to INFO, taken just after the cut: Redis 7.2 and later count
     * output-buffer disconnections ({@code client_output_buffer_limit_disconnections}); before
     * that, {@code client_recent_max_output_buffer} (sampled about once a second) at or over the
     * pubsub limit shows it. The buffer Redis held is taken as the limit (or the sampled peak, if higher).
     *
     * @param info   the answer to INFO, or null when it failed with {@code error}
     * @param before the disconnections counted before, or null
     * @param limit  the pubsub limit: hard bytes, soft bytes, soft seconds
     */
    static Why why(String info, Throwable error, Long before, long[] limit, boolean limitRead) {
        long hard = limit[0] > 0 ? limit[0] : limit[1];
        long lowest = limit[1] > 0 && limit[0] > 0 ? Math.min(limit[0], limit[1]) : hard;
        String limitText = "the pubsub limit is " + (limitRead ? "" : "probably Redis's default, ") + limitText(limit);
        if (error != null) {
            return new Why(Cause.UNREACHABLE, "INFO on the command connection failed too: "
                    + RedisErrors.translate("INFO", error).getMessage(), 0, null);
        }
        Long disconnections = field(info, "client_output_buffer_limit_disconnections");
        Long recentMax = field(info, "client_recent_max_output_buffer");
        long peak = recentMax == null ? 0 : recentMax;
        if (disconnections != null) {
            if (before != null && disconnections > before) {
                return new Why(Cause.OUTPUT_BUFFER_LIMIT, "INFO stats client_output_buffer_limit_disconnections went from " + before
                        + " to " + disconnections + "; " + limitText, Math.max(hard, peak), disconnections);
            }
            return new Why(Cause.CLOSED, "INFO stats counts no output-buffer disconnection", 0, disconnections);
        }
        if (lowest > 0 && peak >= lowest) {
            return new Why(Cause.OUTPUT_BUFFER_LIMIT, String.format(Locale.ROOT,
                    "INFO clients: the largest client output buffer of the last seconds was %s; %s", megabytes(peak), limitText),
                    Math.max(hard, peak), null);
        }
        return new Why(Cause.CLOSED, String.format(Locale.ROOT, "perhaps at its output-buffer limit, which this Redis does not count "
                + "(7.2 and later do): the largest client output buffer it sampled in the last seconds was %s and %s, "
                + "but it samples once a second", peak == 0 ? "0" : megabytes(peak), limitText), 0, null);
    }

    private static String limitText(long[] limit) {
        return String.format(Locale.ROOT, "%s hard, %s soft for %d s", megabytes(limit[0]), megabytes(limit[1]), limit[2]);
    }

    /** Bytes as Redis's configuration reads them: "32 MB", "64 KB", "1.5 MB" (binary units). */
    static String megabytes(long bytes) {
        if (bytes == 0) {
            return "none";
        }
        if (bytes < 1 << 20) {
            return bytes % 1024 == 0 ? (bytes >> 10) + " KB" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    /** "normal 0 0 0 slave ... pubsub 33554432 8388608 60" to {hard, soft, seconds} of pubsub, or null. */
    static long[] pubsubLimit(Map<String, String> config) {
        String value = config == null ? null : config.get("client-output-buffer-limit");
        if (value == null) {
            return null;
        }
        String[] words = value.trim().split("\\s+");
        for (int i = 0; i + 3 < words.length; i++) {
            if (words[i].equals("pubsub")) {
                try {
                    return new long[]{Long.parseLong(words[i + 1]), Long.parseLong(words[i + 2]), Long.parseLong(words[i + 3])};
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** A numeric field of an INFO answer, or null when absent. */
    static Long field(String info, String name) {
        if (info == null) {
            return null;
        }
        String prefix = name + ":";
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                try {
                    return Long.parseLong(line.substring(prefix.length()).trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
