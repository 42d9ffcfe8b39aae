package io.trackeep.dashboard.service.json;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as Go's {@code time.Time} marshals them to JSON (RFC 3339 with nanoseconds,
 * {@code time.RFC3339Nano}): fraction trimmed of trailing zeros and left out when zero, offset
 * {@code Z} for UTC, otherwise {@code +hh:mm}.
 */
public final class GoTime {

    private static final DateTimeFormatter BASE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    private GoTime() {
    }

    public static String format(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder(35).append(BASE.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(digits, 0, end);
        }
        if (t.getOffset().getTotalSeconds() == 0) {
            sb.append('Z');
        } else {
            sb.append(OFFSET.format(t));
        }
        return sb.toString();
    }

    /** Accepts any RFC 3339 timestamp (any fraction length, {@code Z} or an offset). */
    public static OffsetDateTime parse(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not an RFC 3339 timestamp: '" + text + "'", e);
        }
    }
}
