package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.redis.ReplyNumbers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The text of {@code INFO commandstats} read into calls and server time per command: the
 * server's own account of what each command cost it. A pure function that never throws: a line
 * that is not {@code cmdstat_<name>:calls=N,usec=N,...} is skipped, whatever the Redis version
 * adds to it (7.0's {@code rejected_calls}, {@code failed_calls}).
 */
public final class CommandStats {

    /** One command's totals since the server started or its statistics were reset. */
    public record Totals(long calls, long micros) {
        public static final Totals NONE = new Totals(0, 0);

        public Totals minus(Totals earlier) {
            return new Totals(calls - earlier.calls, micros - earlier.micros);
        }

        public Totals plus(Totals other) {
            return new Totals(calls + other.calls, micros + other.micros);
        }
    }

    private CommandStats() {
    }

    /** Totals by command name in lower case ({@code scan}, {@code evalsha}, {@code client|list} on 7.0). */
    public static Map<String, Totals> parse(String raw) {
        Map<String, Totals> totals = new HashMap<>();
        for (String line : (raw == null ? "" : raw).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("cmdstat_") || colon < 0) {
                continue;
            }
            Long calls = null;
            Long micros = null;
            for (String field : line.substring(colon + 1).strip().split(",")) {
                if (field.startsWith("calls=")) {
                    calls = ReplyNumbers.longOrNull(field.substring("calls=".length()));
                } else if (field.startsWith("usec=")) {
                    micros = ReplyNumbers.longOrNull(field.substring("usec=".length()));
                }
            }
            if (calls != null && micros != null) {
                totals.put(line.substring("cmdstat_".length(), colon).toLowerCase(Locale.ROOT), new Totals(calls, micros));
            }
        }
        return totals;
    }

    /** What each command cost between two readings of one server; a reset or restart in between reads as the later totals. */
    public static Map<String, Totals> since(Map<String, Totals> earlier, Map<String, Totals> later) {
        Map<String, Totals> delta = new HashMap<>();
        later.forEach((command, now) -> {
            Totals before = earlier.getOrDefault(command, Totals.NONE);
            delta.put(command, now.calls() < before.calls() ? now : now.minus(before));
        });
        return delta;
    }
}
