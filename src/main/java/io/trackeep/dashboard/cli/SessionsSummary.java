package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot.Accuracy;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lines of the sessions section of plain {@code snapshot} (under its heading): each figure as
 * {@code --json} has it, an approximate one marked with "≥" and "(approximate)", an unknown one as
 * "?" with why, and where the figures come from (a complete scan, the index it found complete, or
 * a scan cut short).
 */
final class SessionsSummary {

    private SessionsSummary() {
    }

    static void print(PrintWriter out, SessionsSnapshot s) {
        SessionsSnapshot.Scan scan = s.scan();
        out.println("  scan        " + (scan.complete()
                ? "every session key read (scan complete at " + scan.completedAt().truncatedTo(ChronoUnit.SECONDS) + ")"
                : String.format(Locale.ROOT, "approximate: the scan read %.0f %% of the keyspace within its time limit", 100 * scan.progress())));
        out.println("  index       " + index(s.index()));
        out.printf(Locale.ROOT, "  sessions    %s%n", figure(s.total(), s.accuracy().get("total"), "no scan got far enough"));
        out.printf(Locale.ROOT, "  unreadable  %s%n", figure(s.unreadable(), s.accuracy().get("unreadable"), "no scan got far enough")
                + (s.unreadable() != null && s.unreadable() > 0 ? " (`sessions list --unreadable` lists them)" : ""));
        out.printf(Locale.ROOT, "  users       %s%n", figure(s.users(), s.accuracy().get("users"), "no scan got far enough"));
        out.printf(Locale.ROOT, "  ghost ids   %s%n", figure(s.ghostIds(), s.accuracy().get("ghostIds"), "no scan got far enough")
                + " in user sets, of sessions that are gone");
        out.printf(Locale.ROOT, "  stale index %s%n", figure(s.staleIds(), s.accuracy().get("staleIds"), "no session index")
                + (s.staleIds() == null ? "" : " entries past their expiry"));
        if (!s.topUsers().isEmpty()) {
            String approximate = s.accuracy().get("topUsers") == Accuracy.APPROXIMATE ? " (approximate, so far)" : "";
            out.println("  top users   " + s.topUsers().stream()
                    .map(u -> (u.username() == null ? "user " + u.userId() : u.username() + " (" + u.userId() + ")") + " " + u.sessions())
                    .collect(Collectors.joining(", ")) + approximate);
        }
    }

    /** What the scan found about the project's index, and whether it gave the count. */
    private static String index(SessionsSnapshot.Index index) {
        if (!index.present()) {
            return "none (the Go backend writes no index)";
        }
        if (index.complete() == null) {
            return "not checked: no scan completed";
        }
        if (index.complete()) {
            return "lists every session" + (index.countsTotal() ? ": the count is its live entries" : "");
        }
        return "incomplete (" + (index.sessionsNotListed() == null || index.sessionsNotListed() == 0
                ? "it lists sessions that are gone or values that are not sessions"
                : index.sessionsNotListed() + " sessions not listed") + "): not used";
    }

    private static String figure(Long value, Accuracy accuracy, String whyUnknown) {
        if (value == null || accuracy == Accuracy.UNKNOWN) {
            return "? (unknown: " + whyUnknown + ")";
        }
        String n = String.format(Locale.ROOT, "%,d", value);
        return accuracy == Accuracy.APPROXIMATE ? "≥ " + n + " (approximate)" : n;
    }
}
