package io.trackeep.dashboard.monitor.leaderboards;

import java.util.Locale;

/**
 * A score as the window and the command line show it: whole numbers grouped ({@code 1,250}),
 * others with two decimals ({@code 12.50}), and what a sorted set may hold beyond that as it
 * is: {@code +inf} and {@code -inf} as Redis writes them, and numbers too large or too small for
 * digits ({@code 1.0E308}, {@code 4.9E-324}) in Java's exact form, never a 309-digit number.
 */
public final class Points {

    private static final double LARGEST_GROUPED = 1e15; // beyond, a double has no exact units digit to show

    private Points() {
    }

    public static String text(double score, Locale locale) {
        if (Double.isNaN(score)) {
            return "NaN";
        }
        if (Double.isInfinite(score)) {
            return score > 0 ? "+inf" : "-inf";
        }
        double size = Math.abs(score);
        if (size >= LARGEST_GROUPED || (size != 0 && size < 0.005)) {
            return Double.toString(score);
        }
        return score == Math.rint(score) ? String.format(locale, "%,d", (long) score) : String.format(locale, "%,.2f", score);
    }
}
