package io.trackeep.dashboard.ui.format;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Points in time as the user reads them: in this computer's time zone and the user's locale.
 * Redis and the backends store UTC or offsets; the window converts only here.
 */
public final class Times {

    private Times() {
    }

    public static ZoneId zone() {
        return ZoneId.systemDefault();
    }

    private static Locale locale() {
        return Locale.getDefault(Locale.Category.FORMAT);
    }

    /** The time of day with seconds, e.g. {@code 14:03:22} (or {@code 2:03:22 PM} where that is the custom). */
    public static String time(Instant t) {
        return time(t, zone(), locale());
    }

    public static String time(Instant t, ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(locale).format(t.atZone(zone));
    }

    /** Date and time with seconds, e.g. {@code 27/11/2026, 14:03:22}. */
    public static String dateTime(Instant t) {
        return dateTime(t, zone(), locale());
    }

    public static String dateTime(Instant t, ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM).withLocale(locale).format(t.atZone(zone));
    }

    /** How long ago (or how far ahead): {@code just now}, {@code 12 s ago}, {@code 3 min ago}, {@code in 5 min}. */
    public static String relative(Instant t, Instant now) {
        Duration d = Duration.between(t, now);
        if (d.abs().compareTo(Duration.ofSeconds(1)) < 0) {
            return "just now";
        }
        Duration whole = Duration.ofSeconds(d.abs().getSeconds());
        String amount = whole.compareTo(Duration.ofMinutes(1)) < 0 ? Units.duration(whole)
                : Units.duration(whole.minusSeconds(whole.getSeconds() % 60)); // minutes are precise enough
        return d.isNegative() ? "in " + amount : amount + " ago";
    }

    /** The zone for a status line: {@code Europe/Berlin (UTC+01:00)}. */
    public static String zoneLabel() {
        return zoneLabel(zone(), Instant.now());
    }

    public static String zoneLabel(ZoneId zone, Instant at) {
        ZonedDateTime z = at.atZone(zone);
        String offset = z.getOffset().getId().equals("Z") ? "+00:00" : z.getOffset().getId();
        ZoneId normal = zone.normalized();
        if (normal instanceof java.time.ZoneOffset && z.getOffset().getTotalSeconds() == 0) {
            return "UTC"; // Etc/UTC, Z, GMT, UTC: no need to say it twice
        }
        return zone.getId() + " (UTC" + offset + ")";
    }
}
