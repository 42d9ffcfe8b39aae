package io.trackeep.dashboard.ui.format;

import java.time.Duration;
import java.util.Locale;

/**
 * Numbers with their units, the way every panel shows them: binary byte sizes, grouped counts,
 * rates, percentages, latencies and lengths of time. Three significant digits are enough on a
 * dashboard; the digits follow the user's formatting locale unless one is passed.
 */
public final class Units {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final String[] COMPACT_UNITS = {"", "k", "M", "G", "T"};

    private Units() {
    }

    private static Locale locale() {
        return Locale.getDefault(Locale.Category.FORMAT);
    }

    /** {@code 512 B}, {@code 1.50 KiB}, {@code 12.3 MiB}, {@code 512 GiB}. */
    public static String bytes(long bytes) {
        return bytes(bytes, locale());
    }

    public static String bytes(long bytes, Locale locale) {
        if (bytes < 0) {
            return "-" + bytes(-bytes, locale);
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return threeDigits(value, locale) + " " + BYTE_UNITS[unit];
    }

    /** A count with grouping: {@code 1,234,567}. */
    public static String count(long n) {
        return count(n, locale());
    }

    public static String count(long n, Locale locale) {
        return String.format(locale, "%,d", n);
    }

    /** A count shortened for tight spaces: {@code 999}, {@code 12.3 k}, {@code 1.20 M}. */
    public static String compact(long n) {
        return compact(n, locale());
    }

    public static String compact(long n, Locale locale) {
        if (Math.abs(n) < 1000) {
            return Long.toString(n);
        }
        double value = n;
        int unit = 0;
        while (Math.abs(value) >= 1000 && unit < COMPACT_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return threeDigits(value, locale) + " " + COMPACT_UNITS[unit];
    }

    /** A rate per second: {@code 1,234 ops/s}, {@code 12.5 msg/s}, {@code 0.25 req/s}. */
    public static String perSecond(double value, String what) {
        return perSecond(value, what, locale());
    }

    public static String perSecond(double value, String what, Locale locale) {
        String number = Math.abs(value) >= 1000 ? String.format(locale, "%,.0f", value) : threeDigits(value, locale);
        return number + " " + what + "/s";
    }

    /** A fraction as a percentage: {@code 0.875} → {@code 87.5%}. NaN (nothing measured yet) → {@code –}. */
    public static String percent(double fraction) {
        return percent(fraction, locale());
    }

    public static String percent(double fraction, Locale locale) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
            return "–";
        }
        double p = fraction * 100;
        String digits = p == Math.rint(p) ? String.format(locale, "%.0f", p) : String.format(locale, "%.1f", p);
        return digits + "%";
    }

    /** A latency: {@code 0.42 ms}, {@code 12.0 ms}, {@code 1.20 s}. */
    public static String latency(Duration d) {
        return latency(d, locale());
    }

    public static String latency(Duration d, Locale locale) {
        double ms = d.toNanos() / 1_000_000.0;
        if (ms < 1000) {
            return threeDigits(ms, locale) + " ms";
        }
        return threeDigits(ms / 1000, locale) + " s";
    }

    /**
     * A length of time in its two largest units: {@code 45 s}, {@code 4 min 12 s},
     * {@code 2 h 5 min}, {@code 3 d 4 h}. Below a second: {@code 0.4 s}.
     */
    public static String duration(Duration d) {
        return duration(d, locale());
    }

    public static String duration(Duration d, Locale locale) {
        if (d.isNegative()) {
            return "-" + duration(d.negated(), locale);
        }
        long s = d.getSeconds();
        if (s == 0) {
            return d.isZero() ? "0 s" : String.format(locale, "%.1f s", d.toMillis() / 1000.0);
        }
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        if (minutes > 0) {
            return minutes + " min" + (seconds > 0 ? " " + seconds + " s" : "");
        }
        return seconds + " s";
    }

    /** A Redis TTL reply in seconds: {@code -1} → {@code no expiry}, {@code -2} → {@code expired}, else {@link #duration}. */
    public static String ttl(long seconds) {
        if (seconds == -1) {
            return "no expiry";
        }
        if (seconds < 0) {
            return "expired";
        }
        return duration(Duration.ofSeconds(seconds));
    }

    private static String threeDigits(double value, Locale locale) {
        double a = Math.abs(value);
        if (a >= 100) {
            return String.format(locale, "%.0f", value);
        }
        if (a >= 10) {
            return String.format(locale, "%.1f", value);
        }
        return String.format(locale, "%.2f", value);
    }
}
