package io.trackeep.dashboard.service.leaderboard;

import java.util.OptionalLong;

/** Score and member text as Redis reads and writes them. */
final class Scores {

    private static final double EXACT_LONG_LIMIT = 9.007199254740992E15; // 2^53

    private Scores() {
    }

    /** A finite score as an argument: whole numbers without ".0", others in Java's round-trip form (Redis parses both). */
    static String format(double score) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("A score must be a finite number, got " + score);
        }
        if (score == Math.rint(score) && Math.abs(score) < EXACT_LONG_LIMIT) {
            return Long.toString((long) score);
        }
        return Double.toString(score);
    }

    /** Redis prints scores with up to 17 significant digits, which read back exactly; infinities as "inf". */
    static double parse(String score) {
        return switch (score) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(score);
        };
    }

    /** The number a member or board id stands for, only in canonical decimal form ("42", not "042" or "+42"). */
    static OptionalLong canonicalDecimal(String text) {
        try {
            long id = Long.parseLong(text);
            return Long.toString(id).equals(text) ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
