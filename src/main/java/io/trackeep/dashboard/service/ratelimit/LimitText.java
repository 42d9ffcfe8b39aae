package io.trackeep.dashboard.service.ratelimit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Limits as admins read and type them: "100 / 1 min, sliding window" in the dashboard, the
 * confirmation questions and the command line, and windows typed as {@code 60s}, {@code 10m},
 * {@code 1h} or {@code 500ms} (a bare number is seconds).
 */
public final class LimitText {

    private static final Pattern WINDOW = Pattern.compile("(\\d{1,9})\\s*(ms|s|sec|m|min|h)?");

    private LimitText() {
    }

    /** {@code 100 / 1 min, sliding window}; a token bucket adds its refill rate. */
    public static String of(LimitDefinition d) {
        String base = rate(d) + ", " + algorithm(d.algorithm());
        return d.algorithm() == LimitAlgorithm.TOKEN_BUCKET
                ? base + " (refills " + threeDigits(d.refillPerSec()) + "/s)" : base;
    }

    /** {@code 0.333}, {@code 1}, {@code 20}: three significant digits, no trailing zeros. */
    static String threeDigits(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** {@code 100 / 1 min}. */
    public static String rate(LimitDefinition d) {
        return d.limit() + " / " + window(d.window());
    }

    /** {@code sliding window}, {@code token bucket}, {@code fixed window}. */
    public static String algorithm(LimitAlgorithm a) {
        return a.wireName().replace('-', ' ');
    }

    /** {@code 1 min}, {@code 10 min}, {@code 30 s}, {@code 1 h 30 min}, {@code 250 ms}. */
    public static String window(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + " ms";
        }
        long s = ms / 1000;
        if (s % 60 != 0 || s < 60) {
            return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
        }
        long min = s / 60;
        if (min % 60 == 0) {
            return min / 60 + " h";
        }
        return min > 60 ? min / 60 + " h " + min % 60 + " min" : min + " min";
    }

    /**
     * Parses a window: {@code 60s}, {@code 10m} / {@code 10min}, {@code 1h}, {@code 500ms}, or a
     * bare number of seconds.
     *
     * @throws IllegalArgumentException with a message for people when it is not one, or not positive
     */
    public static Duration parseWindow(String text) {
        Matcher m = WINDOW.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("Window '" + text + "' is not a length of time: write e.g. 60s, 10m, 1h or 500ms");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException("Window must be longer than 0");
        }
        return d;
    }

    /**
     * Parses a limit: a whole number of requests per window, at least 1.
     *
     * @throws IllegalArgumentException with a message for people otherwise
     */
    public static long parseLimit(String text) {
        String t = text == null ? "" : text.strip().replace(",", "").replace("_", "");
        try {
            long n = Long.parseLong(t);
            if (n < 1) {
                throw new IllegalArgumentException("Limit must be at least 1 request per window, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Limit '" + text + "' is not a whole number of requests");
        }
    }

    /** The definition of {@code algorithm} with {@code limit} requests per {@code window} (a token bucket: capacity and refill time). */
    public static LimitDefinition definition(LimitAlgorithm algorithm, long limit, Duration window) {
        return new LimitDefinition(algorithm, limit, window.toMillis(), 0, 0);
    }
}
