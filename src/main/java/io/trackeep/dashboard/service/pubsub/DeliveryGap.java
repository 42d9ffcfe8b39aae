package io.trackeep.dashboard.service.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One time the pub/sub connection was cut and subscribed again: every message published in
 * between is lost (Redis keeps nothing for an absent subscriber), and so is whatever Redis still
 * held for the connection when it closed it. The gap's length is measured; what it cost in
 * messages is an estimate, and {@link #describe()} says so.
 *
 * @param lostAt            when the connection went
 * @param backAt            when Redis confirmed every subscription again, or null while it is not back
 * @param cause             why the connection went, as far as the server tells
 * @param evidence          what the cause rests on, in words (the server's figures)
 * @param messagesPerSecond the arrival rate the estimate uses: the higher of the second before the cut and the second after
 * @param heldBytes         bytes Redis held for the connection when it closed it, as far as known (0 when not known)
 * @param bytesPerMessage   the average size of the messages received so far, on the wire
 */
public record DeliveryGap(Instant lostAt, Instant backAt, Cause cause, String evidence,
                          double messagesPerSecond, long heldBytes, double bytesPerMessage) {

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

    /** Messages estimated lost in all. */
    public long estimatedLost(Instant now) {
        return publishedMeanwhile(now) + heldMessages();
    }

    DeliveryGap back(Instant at) {
        return new DeliveryGap(lostAt, at, cause, evidence, messagesPerSecond, heldBytes, bytesPerMessage);
    }

    DeliveryGap withCause(Cause c, String why, long held) {
        return new DeliveryGap(lostAt, backAt, c, why, messagesPerSecond, held, bytesPerMessage);
    }

    DeliveryGap withRate(double perSecond) {
        return new DeliveryGap(lostAt, backAt, cause, evidence, perSecond, heldBytes, bytesPerMessage);
    }

    /** One sentence for the log and the panel, e.g. "Redis closed the pub/sub connection ... about 171,000 messages lost". */
    public String describe(Instant now) {
        StringBuilder s = new StringBuilder(switch (cause) {
            case OUTPUT_BUFFER_LIMIT -> "Redis closed the pub/sub connection: its output buffer for it passed the pubsub limit";
            case CLOSED -> "The pub/sub connection was closed while Redis stayed up";
            case UNREACHABLE -> "The pub/sub connection was lost and Redis did not answer";
            case UNKNOWN -> "The pub/sub connection was lost";
        });
        if (evidence != null && !evidence.isEmpty()) {
            s.append(" (").append(evidence).append(')');
        }
        long ms = duration(now).toMillis();
        s.append(backAt != null ? "; subscribed again after " + ms + " ms" : "; not back after " + ms + " ms");
        if (heldKnown()) {
            s.append(String.format(Locale.ROOT, ": about %,d messages lost (%,d published meanwhile at %,.0f msg/s, and %,d Redis "
                            + "held for it: %.1f MB of messages of about %.0f bytes", estimatedLost(now), publishedMeanwhile(now),
                    messagesPerSecond, heldMessages(), heldBytes / 1e6, bytesPerMessage));
        } else {
            s.append(String.format(Locale.ROOT, ": messages lost (about %,d published meanwhile at %,.0f msg/s, and whatever Redis "
                    + "still held for it, which it does not tell", publishedMeanwhile(now), messagesPerSecond));
        }
        return s.append(')').toString();
    }
}
