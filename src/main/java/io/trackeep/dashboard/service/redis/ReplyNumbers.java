package io.trackeep.dashboard.service.redis;

/**
 * Numbers that Redis writes as text inside a reply (INFO, CLIENT LIST, CLUSTER INFO, a
 * Sentinel's fields, CONFIG GET). A field that is missing, blank or not a number reads as null,
 * unknown: a server of another version or make that writes one field differently must not fail
 * the whole reply, nor have a guess stand in for the figure.
 */
public final class ReplyNumbers {

    private ReplyNumbers() {
    }

    /** The whole number in {@code text} (surrounding white space ignored), or null. */
    public static Long longOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@link #longOrNull}, and null too when it does not fit an int. */
    public static Integer intOrNull(String text) {
        Long n = longOrNull(text);
        return n == null || n > Integer.MAX_VALUE || n < Integer.MIN_VALUE ? null : n.intValue();
    }
}
