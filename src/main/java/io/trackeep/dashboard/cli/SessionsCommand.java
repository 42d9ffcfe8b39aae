package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.monitor.sessions.SessionListProbe;
import io.trackeep.dashboard.monitor.sessions.SessionListing;
import io.trackeep.dashboard.monitor.sessions.SessionRow;
import io.trackeep.dashboard.monitor.sessions.SessionSweep;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.admin.SessionActions;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.session.NoSuchSessionException;
import io.trackeep.dashboard.service.session.SessionId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sessions list|kill|prune}: the Sessions panel's figures and actions for scripts, through
 * the same listing ({@link SessionListProbe#once}) and the same action plans
 * ({@link SessionActions} + {@link AdminActions}) as the window.
 */
@Command(name = "sessions",
        mixinStandardHelpOptions = true,
        description = "List and kill login sessions, clean stale session index entries.",
        subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.Kill.class, SessionsCommand.Prune.class})
public final class SessionsCommand extends CommandGroup {

    /** ISO 8601 always with seconds: OffsetDateTime.toString() leaves out ":00", which shifted the columns. */
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** How long {@code sessions list} reads session keys at most. */
    static final Duration SWEEP_BUDGET = Duration.ofMinutes(1);

    /** What {@code --show-ids} prints first, on standard error. */
    static final String SHOW_IDS_WARNING = "warning: session ids are bearer credentials: whoever holds one is logged in"
            + " as its user. Do not paste this output anywhere or keep it.";

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Sessions, most recently active first, found by reading every session key (whoever wrote them); "
                    + "with --unreadable the session keys whose value is not a session.")
    static final class ListSessions extends RedisCommand {

        @Option(names = "--user", paramLabel = "ID", description = "Only this user's sessions.")
        Long userId;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N sessions (default ${DEFAULT-VALUE}, at most 10000).")
        int limit;

        @Option(names = "--json", description = "Print the sessions as a JSON array.")
        boolean json;

        @Option(names = "--show-ids", description = "Print whole session ids instead of masked ones (they are bearer credentials).")
        boolean showIds;

        @Option(names = "--unreadable", description = "List the session keys whose value is not a session (not JSON, no user_id/session_id, another type).")
        boolean unreadable;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 10_000) {
                throw badOption("--limit must be between 1 and 10000");
            }
            if (userId != null && userId < 0) {
                throw badOption("--user must not be negative");
            }
            if (userId != null && unreadable) {
                throw badOption("--unreadable lists values that belong to no user: leave out --user");
            }
            PrintWriter out = out();
            PrintWriter err = err();
            if (showIds) {
                err.println(SHOW_IDS_WARNING);
            }
            List<SessionRow> rows;
            String note;
            try (RedisConnections connections = redis.open()) {
                if (userId != null) {
                    SessionListing listing = SessionListProbe.forUser(connections, userId, limit);
                    rows = listing.rows();
                    note = listing.userSetFound() ? null : "note: user " + userId + " has no session set; sessions found by checking every session";
                } else {
                    SessionSweep.Result sweep = SessionSweep.run(connections, limit, SWEEP_BUDGET);
                    rows = unreadable ? sweep.unreadable() : sweep.recent();
                    note = note(sweep, rows.size());
                }
            }
            if (note != null) {
                err.println(note);
            }
            long forever = unreadable ? 0 : rows.stream().filter(r -> !r.malformed() && r.ttlMillis() != null && r.ttlMillis() == -1).count();
            if (forever > 0) { // a bearer credential that never expires is worth a line of its own
                err.println("warning: " + forever + " of the sessions listed " + (forever == 1 ? "has" : "have")
                        + " no expiry (TTL -1): " + (forever == 1 ? "it never ends" : "they never end")
                        + " by itself, where the backends give a session 24 h; `sessions kill` ends one");
            }
            if (json) {
                out.println(Json.write(rows.stream().map(this::jsonRow).toList()));
            } else {
                printTable(out, rows);
            }
            out.flush();
            err.flush();
            return 0;
        }

        /** How many there are, which are shown, and whether every session key was read. */
        private String note(SessionSweep.Result r, int shown) {
            String counts = count(r.sessions(), "session") + " and " + count(r.unreadableCount(), "unreadable value")
                    + (r.complete() ? "" : " found before the time limit (" + SWEEP_BUDGET.toSeconds() + " s): not every session key was read");
            long listed = unreadable ? r.unreadableCount() : r.sessions();
            String which = unreadable ? "unreadable values" : "most recently active sessions";
            String showing = shown < listed ? "; showing " + (unreadable ? "the first " : "the ") + shown + " " + which + ", --limit shows more"
                    : "";
            String hint = !unreadable && r.unreadableCount() > 0 ? "; --unreadable lists the values that are not sessions" : "";
            return counts + showing + hint;
        }

        private static String count(long n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }

        private Map<String, Object> jsonRow(SessionRow r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sessionId", showIds ? r.sessionId() : SessionId.mask(r.sessionId()));
            m.put("userId", r.userId());
            m.put("username", r.username());
            m.put("email", r.email());
            m.put("role", r.role());
            m.put("ipAddress", r.ipAddress());
            m.put("userAgent", r.userAgent());
            m.put("createdAt", r.createdAt());
            m.put("lastActive", r.lastActive());
            m.put("ttlSeconds", r.ttlMillis() == null || r.ttlMillis() < 0 ? r.ttlMillis() : r.ttlMillis() / 1000);
            m.put("malformed", r.problem());
            return m;
        }

        private void printTable(PrintWriter out, List<SessionRow> rows) {
            if (rows.isEmpty()) {
                out.println("No sessions.");
                return;
            }
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[]{"SESSION", "USER", "USERNAME", "ROLE", "IP", "CREATED", "LAST ACTIVE", "TTL", "USER AGENT"});
            for (SessionRow r : rows) {
                String id = showIds ? r.sessionId() : SessionId.mask(r.sessionId());
                if (r.malformed()) {
                    lines.add(new String[]{Printable.text(id), "-", "(malformed)", "-", "-", "-", "-", ttl(r.ttlMillis()),
                            Printable.message(r.problem())});
                } else {
                    // every text read from Redis is escaped: a username or user agent must not drive the terminal
                    lines.add(new String[]{Printable.text(id), String.valueOf(r.userId()), Printable.text(r.username()),
                            Printable.text(r.role()), Printable.text(r.ipAddress()), time(r.createdAt()), time(r.lastActive()),
                            ttl(r.ttlMillis()), shorten(Printable.text(r.userAgent()), 48)});
                }
            }
            int[] widths = new int[lines.get(0).length];
            for (String[] line : lines) {
                for (int i = 0; i < line.length - 1; i++) {
                    widths[i] = Math.max(widths[i], line[i].length());
                }
            }
            for (String[] line : lines) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < line.length; i++) {
                    b.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
                }
                out.println(b.toString().stripTrailing());
            }
        }

        private static String time(Instant t) {
            return t == null ? "-" : SECONDS.format(OffsetDateTime.ofInstant(t, ZoneId.systemDefault()));
        }

        private static String ttl(Long ms) {
            if (ms == null || ms == -2) {
                return "-";
            }
            if (ms == -1) {
                return "no expiry";
            }
            long s = ms / 1000;
            return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
        }

        private static String shorten(String s, int max) {
            return s.length() <= max ? s : s.substring(0, max - 1) + "…";
        }
    }

    /** Exactly one of {@code --session} and {@code --user}. */
    static final class KillTarget {
        @Option(names = "--session", paramLabel = "ID", required = true, description = "Kill this session.")
        String sessionId;

        @Option(names = "--user", paramLabel = "ID", required = true, description = "Kill every session of this user.")
        Long userId;
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = "Kill one session, or every session of a user (asks for confirmation unless --yes).")
    static final class Kill extends ActionCommand {

        @ArgGroup(exclusive = true, multiplicity = "1")
        KillTarget target;

        @Override
        void check() {
            if (target.sessionId != null && target.sessionId.isBlank()) {
                throw badOption("--session must not be empty");
            }
        }

        @Override
        ActionPlan<?> plan(RedisConnections r) {
            SessionActions sessions = SessionActions.of(r, AdminActions.defaultActor());
            if (target.userId != null) {
                try {
                    return sessions.killUser(target.userId);
                } catch (NoSuchSessionException none) {
                    throw refused(r, SessionActions.KILL_USER, "user " + target.userId, none);
                }
            }
            String id = Printable.parse(target.sessionId); // as `sessions list --show-ids` prints it
            if (SessionId.isMasked(id)) {
                String shown = id.length() <= 8 ? id : SessionId.mask(id); // what was typed, unless it holds more than a mask
                throw refused(r, SessionActions.KILL_SESSION, shown, new NoSuchSessionException("\"" + shown + "\" is a masked session id,"
                        + " as `sessions list` prints it: it names no session. `sessions list --show-ids` prints whole ids."));
            }
            try {
                return sessions.killSession(id);
            } catch (NoSuchSessionException none) {
                throw refused(r, SessionActions.KILL_SESSION, SessionId.mask(id), none);
            }
        }

        /**
         * Records in the audit trails (shared and local) that a kill named nothing to kill, as a
         * failed action, and returns the reason to throw (exit code 1). On a read-only connection,
         * where nothing can be recorded in Redis, only the reason.
         */
        private static NoSuchSessionException refused(RedisConnections r, String actionId, String target, NoSuchSessionException why) {
            if (r.settings().readOnly()) {
                return why;
            }
            AdminActions actions = new AdminActions(r, new AuditTrail(r), LocalAuditLog.in(ConfigFolders.resolve().data()),
                    AdminActions.defaultActor());
            ActionPlan<Void> attempt = new ActionPlan<>(actionId, target, "Kill " + target + "?", List.of(), "Kill",
                    () -> {
                        throw why;
                    }, null);
            try {
                actions.execute(attempt);
            } catch (NoSuchSessionException recorded) {
                return recorded;
            }
            return why;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove ids of sessions that no longer exist from the session index and the user session sets.")
    static final class Prune extends ActionCommand {

        @Override
        ActionPlan<?> plan(RedisConnections r) {
            return SessionActions.of(r, AdminActions.defaultActor()).prune();
        }
    }

}
