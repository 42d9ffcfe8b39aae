package io.trackeep.dashboard.service.health;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One SLOWLOG entry: a command that ran longer than the server's {@code slowlog-log-slower-than}
 * (10 ms by default). Redis already redacts the arguments of AUTH and similar commands.
 *
 * @param id            increasing per server run (restarts at 0 after a restart or SLOWLOG RESET)
 * @param startedAt     when the command started (server clock, whole seconds)
 * @param duration      execution time (microsecond resolution)
 * @param command       the command and its arguments as Redis recorded them (long ones truncated by Redis)
 * @param clientAddress ip:port of the client, null before Redis 4
 * @param clientName    the client's CLIENT SETNAME, null when none
 */
public record SlowLogEntry(long id, Instant startedAt, Duration duration, List<String> command,
                           String clientAddress, String clientName) {

    public SlowLogEntry {
        command = List.copyOf(command);
    }

    /** The command name in upper case, e.g. {@code HGETALL}; "?" when Redis recorded none. */
    public String commandName() {
        return command.isEmpty() ? "?" : command.get(0).toUpperCase(Locale.ROOT);
    }

    /**
     * Reads the reply of {@code SLOWLOG GET} as Lettuce returns it (nested lists). Entries that do
     * not have the expected shape are skipped rather than failing the whole list.
     */
    public static List<SlowLogEntry> parse(List<?> reply) {
        List<SlowLogEntry> entries = new ArrayList<>();
        if (reply == null) {
            return entries;
        }
        for (Object item : reply) {
            if (!(item instanceof List<?> fields) || fields.size() < 4
                    || !(fields.get(0) instanceof Long id) || !(fields.get(1) instanceof Long seconds)
                    || !(fields.get(2) instanceof Long micros) || !(fields.get(3) instanceof List<?> args)) {
                continue;
            }
            List<String> command = args.stream().map(String::valueOf).toList();
            try {
                entries.add(new SlowLogEntry(id, Instant.ofEpochSecond(seconds), Duration.of(micros, ChronoUnit.MICROS),
                        command, fields.size() > 4 ? emptyToNull(fields.get(4)) : null,
                        fields.size() > 5 ? emptyToNull(fields.get(5)) : null));
            } catch (DateTimeException | ArithmeticException outOfRange) {
                // a time no clock can hold: not a real entry
            }
        }
        return entries;
    }

    private static String emptyToNull(Object value) {
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }
}
