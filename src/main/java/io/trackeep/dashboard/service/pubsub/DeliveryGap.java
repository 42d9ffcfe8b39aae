package io.trackeep.dashboard.service.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One time the pub/sub connection was cut and subscribed again: every message published in
 * between is lost (Redis keeps nothing for an absent subscriber), and so is whatever Redis still
 * held for the connection when it closed it. The gap's length is measured; what it cost in
 * messages is an estimate, and {@link #describe} says so. Where what Redis held is not known, the
 * estimate is a range: Redis cannot have held more than its pubsub hard limit plus its own reply
 * buffer, so the most it may have held is that, in messages of the average size.
 *
 * @param lostAt            when the connection went
 * @param backAt            when Redis confirmed every subscription again, or null while it is not back
 * @param cause             why the connection went, as far as the server tells
 * @param evidence          what the cause rests on, in words (the server's figures)
 * @param messagesPerSecond the arrival rate the estimate uses: the higher of the second before the cut and the second after
 * @param heldBytes         bytes Redis held for the connection when it closed it, as far as known (0 when not known)
 * @param bytesPerMessage   the average size of the messages received so far, on the wire
 * @param hardLimit         Redis's pubsub hard output-buffer limit, in bytes, which bounds what it held where that is not
 *                          known (0: no hard limit, no bound)
 * @param limitAssumed      the limit is Redis's default, as CONFIG GET was refused or not answered
 */
public record DeliveryGap(Instant lostAt, Instant backAt, Cause cause, String evidence,
                          double messagesPerSecond, long heldBytes, double bytesPerMessage, long hardLimit, boolean limitAssumed) {

    /**
     * Redis's own reply buffer per client (PROTO_REPLY_CHUNK_BYTES): filled before the output
     * buffer the limit counts, and lost with it.
     */
    public static final long REPLY_BUFFER = 16 * 1024;

    public enum Cause {
        /** Redis closed the connection because its output buffer for it passed the pubsub limit. */
        OUTPUT_BUFFER_LIMIT,
        /** Redis stayed up but the connection was closed: CLIENT KILL, a timeout, or the buffer limit where the server does not count it. */
        CLOSED,
        /** Redis did not answer either (a restart, the network). */
        UNREACHABLE,
        /** Not asked yet (the question to the server is under way). */
        UNKNOWN
    }

    /** How long no message could arrive; up to now while the connection is not back. */
    public Duration duration(Instant now) {
        return Duration.between(lostAt, backAt != null ? backAt : now);
    }

    /** Messages estimated published during the gap (the arrival rate times the gap). */
    public long publishedMeanwhile(Instant now) {
        return Math.round(messagesPerSecond * duration(now).toNanos() / 1e9);
    }

    /** Whether what Redis held for the connection is known (it closed it at its output-buffer limit); if not, more may be lost. */
    public boolean heldKnown() {
        return heldBytes > 0;
    }

    /** Messages estimated lost with what Redis held for the connection. */
    public long heldMessages() {
        return heldBytes <= 0 || bytesPerMessage <= 0 ? 0 : Math.round(heldBytes / bytesPerMessage);
    }

    /**
     * Whether what Redis held, where not known, has a bound in messages: its hard limit is known
     * (or Redis's default assumed) and the size of a message is.
     */
    public boolean heldBounded() {
        return heldKnown() || hardLimit > 0 && bytesPerMessage > 0;
    }

    /**
     * The most messages Redis may have held for the connection beyond {@link #heldMessages()}, where
     * that is not known: its hard limit and reply buffer in messages of the average size (0 when
     * known, or when there is no bound).
     */
    public long mayHaveHeldMessages() {
        return heldKnown() || !heldBounded() ? 0 : (long) Math.ceil((hardLimit + REPLY_BUFFER) / bytesPerMessage);
    }

    /** Messages estimated lost in all: the lower end of the range where what Redis held is not known. */
    public long estimatedLost(Instant now) {
        return publishedMeanwhile(now) + heldMessages();
    }

    DeliveryGap back(Instant at) {
        return new DeliveryGap(lostAt, at, cause, evidence, messagesPerSecond, heldBytes, bytesPerMessage, hardLimit, limitAssumed);
    }

    DeliveryGap withCause(Cause c, String why, long held) {
        return new DeliveryGap(lostAt, backAt, c, why, messagesPerSecond, held, bytesPerMessage, hardLimit, limitAssumed);
    }

    DeliveryGap withRate(double perSecond, double bytes) {
        return new DeliveryGap(lostAt, backAt, cause, evidence, perSecond, heldBytes, bytes, hardLimit, limitAssumed);
    }

    /** One sentence for the log and the panel's tooltip, e.g. "Redis closed the pub/sub connection ... at least 171,000 messages lost". */
    public String describe(Instant now) {
        return text(now, true);
    }

    /** {@link #describe} without the evidence for the cause: the panel's note, with the whole sentence as its tooltip. */
    public String summary(Instant now) {
        return text(now, false);
    }

    /**
     * Whether the estimate is a floor: Redis cut the connection while it stayed up, so what was
     * published between the cut and the moment it showed here is lost too and not counted (the
     * subscriber reads what the network still held first; 0.8 s at 30k msg/s on a test machine).
     */
    public boolean atLeast() {
        return cause == Cause.OUTPUT_BUFFER_LIMIT || cause == Cause.CLOSED;
    }

    private String text(Instant now, boolean withEvidence) {
        StringBuilder s = new StringBuilder(switch (cause) {
            case OUTPUT_BUFFER_LIMIT -> "Redis closed the pub/sub connection: its output buffer for it passed the pubsub limit";
            case CLOSED -> "The pub/sub connection was closed while Redis stayed up";
            case UNREACHABLE -> "The pub/sub connection was lost and Redis did not answer";
            case UNKNOWN -> "The pub/sub connection was lost";
        });
        if (withEvidence && evidence != null && !evidence.isEmpty()) {
            s.append(" (").append(evidence).append(')');
        }
        long ms = duration(now).toMillis();
        s.append(backAt != null ? "; subscribed again after " + ms + " ms" : "; not back after " + ms + " ms");
        if (heldKnown()) {
            s.append(String.format(Locale.ROOT, ": at least %,d messages lost (%,d published meanwhile at %,.0f msg/s, and %,d Redis "
                            + "held for it: %.1f MB of messages of about %.0f bytes", estimatedLost(now), publishedMeanwhile(now),
                    messagesPerSecond, heldMessages(), heldBytes / 1e6, bytesPerMessage)).append(')');
        } else if (heldBounded()) {
            s.append(String.format(Locale.ROOT, ": at least %,d messages lost (published meanwhile at %,.0f msg/s), and up to %,d more "
                            + "that Redis may have held for it (%s pubsub hard limit %s and its %s reply buffer, at about %.0f bytes "
                            + "a message)", publishedMeanwhile(now), messagesPerSecond, mayHaveHeldMessages(),
                    limitAssumed ? "Redis's default" : "its", ConnectionGaps.megabytes(hardLimit),
                    ConnectionGaps.megabytes(REPLY_BUFFER), bytesPerMessage));
        } else if (hardLimit > 0) {
            s.append(String.format(Locale.ROOT, ": messages lost (about %,d published meanwhile at %,.0f msg/s, and whatever Redis "
                            + "still held for it: at most %s pubsub hard limit %s and its %s reply buffer, in messages of a size not "
                            + "known yet)", publishedMeanwhile(now), messagesPerSecond, limitAssumed ? "Redis's default" : "its",
                    ConnectionGaps.megabytes(hardLimit), ConnectionGaps.megabytes(REPLY_BUFFER)));
        } else {
            s.append(String.format(Locale.ROOT, ": messages lost (about %,d published meanwhile at %,.0f msg/s, and whatever Redis "
                    + "still held for it, which it does not tell)", publishedMeanwhile(now), messagesPerSecond));
        }
        return s.append(notCounted()).toString();
    }

    /**
     * What the estimate cannot count: the messages published from Redis's cut until it shows here.
     * A subscriber that had fallen behind sees the cut only once it has read what the network
     * buffers still held for it (megabytes: on Linux they grow to tcp_rmem's and tcp_wmem's
     * maximum), and a burst inside one command goes on after the cut; when Redis cut it is not
     * known, so these are named, not guessed.
     */
    private String notCounted() {
        return switch (cause) {
            case OUTPUT_BUFFER_LIMIT -> "; not counted: those published from the cut until it showed here (after what the network "
                    + "still held was read)";
            case CLOSED -> "; not counted, if Redis cut it at its limit: those published from the cut until it showed here (after "
                    + "what the network still held was read)";
            case UNREACHABLE, UNKNOWN -> "";
        };
    }
}
