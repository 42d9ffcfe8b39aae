package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.monitor.leaderboards.BoardPlace;
import io.trackeep.dashboard.monitor.leaderboards.BoardSummary;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsProbe;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsSnapshot;
import io.trackeep.dashboard.monitor.leaderboards.Points;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.LeaderboardActions;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.leaderboard.Leaderboard;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisConnections;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code leaderboard list|top|remove|reset}: the Leaderboards panel on the command line, through
 * the same probe and the same admin plans as the window.
 */
@Command(name = "leaderboard",
        mixinStandardHelpOptions = true,
        description = "Challenge leaderboards: list boards, show the top, remove a member, reset a score.",
        subcommands = {LeaderboardCommand.ListBoards.class, LeaderboardCommand.Top.class,
                LeaderboardCommand.Remove.class, LeaderboardCommand.Reset.class})
public final class LeaderboardCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every board (found by a bounded SCAN) with its number of members.")
    static final class ListBoards extends RedisCommand {

        @Option(names = "--top", paramLabel = "N", defaultValue = "0", description = "Also the first N places of each board (default: none).")
        int top;
        @Option(names = "--json", description = "Print [{\"id\",\"size\",\"top\":[...]}].")
        boolean json;

        @Override
        public Integer call() {
            checkTop(this, top, 0);
            try (RedisConnections c = redis.open()) {
                LeaderboardsSnapshot s = LeaderboardsProbe.complete(top).collect(c);
                printJsonOrTable(json, s, (boards, out) -> print(boards, out, c.keys().leaderboardPattern()));
                if (s.unrecognisedKeys() > 0) {
                    err().println("note: " + count(s.unrecognisedKeys())
                            + (s.unrecognisedKeys() == 1 ? " key" : " keys") + " named like a board "
                            + (s.unrecognisedKeys() == 1 ? "is" : "are") + " not one (a challenge id with ':' or '*') and "
                            + (s.unrecognisedKeys() == 1 ? "is" : "are") + " not listed");
                }
                if (!s.complete()) {
                    err().println("warning: the scan budget ran out; more boards may exist");
                }
            }
            return 0;
        }
    }

    @Command(name = "top", mixinStandardHelpOptions = true, description = "The first places of one board, with competition ranks.")
    static final class Top extends RedisCommand {

        @Mixin
        Challenge challenge;
        @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "How many places (default ${DEFAULT-VALUE}, at most 1000).")
        int top;
        @Option(names = "--json", description = "Print {\"id\",\"size\",\"top\":[{\"userId\",\"score\",\"rank\"}]}.")
        boolean json;

        @Override
        public Integer call() {
            checkTop(this, top, 1);
            challenge.check(this);
            String id = challenge.id();
            try (RedisConnections c = redis.open()) {
                BoardSummary b = LeaderboardsProbe.top(c, id, top);
                if (b.problem() != null) {
                    throw new IllegalStateException("Leaderboard " + Printable.text(id) + " " + b.problem());
                }
                printJsonOrTable(json, b, (board, out) -> printTop(id, board, out));
            }
            return 0;
        }

        private static void printTop(String id, BoardSummary b, PrintWriter out) {
            out.println("Challenge " + Printable.text(id) + ": " + count(b.size()) + (b.size() == 1 ? " member" : " members"));
            if (!b.top().isEmpty()) {
                out.printf("%6s  %-20s %14s%n", "RANK", "USER", "SCORE");
                b.top().forEach(p -> printPlace(out, p));
            }
        }
    }

    /** {@code --challenge ID}: the board a command reads or changes. */
    static final class Challenge {
        @Option(names = "--challenge", paramLabel = "ID", required = true, description = "The challenge id, as `leaderboard list` shows it.")
        String challenge;

        /** The id as stored in Redis, read back from how `leaderboard list` prints it ({@link Printable#parse}). */
        String id() {
            return Printable.parse(challenge);
        }

        /** An id that cannot name a board is a usage error, found before connecting. */
        void check(CliCommand command) {
            if (!KeySchema.isValidName(id())) {
                throw command.badOption("--challenge must be a challenge id (not empty, without ':' or '*'), got '" + challenge + "'");
            }
        }
    }

    /** Exactly one of --user and --member. */
    static final class MemberChoice {
        @Option(names = "--user", paramLabel = "UID", required = true, description = "A user id.")
        Long user;
        @Option(names = "--member", paramLabel = "TEXT", required = true,
                description = "A member as `leaderboard top` shows it, for members that are not user ids "
                        + "(\\xNN is a byte that is not UTF-8, \\\\ a backslash).")
        String member;

        String stored() {
            return user != null ? Long.toString(user) : Printable.parse(member);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a member from a board (asks first unless --yes; audited).")
    static final class Remove extends ActionCommand {

        @Mixin
        Challenge challenge;
        @ArgGroup(exclusive = true, multiplicity = "1")
        MemberChoice who;

        @Override
        void check() {
            challenge.check(this);
        }

        @Override
        ActionPlan<?> plan(RedisConnections c) {
            return new LeaderboardActions(c).removeMember(challenge.id(), who.stored());
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Sets a user's score to 0; the user stays on the board (asks first unless --yes; audited).")
    static final class Reset extends ActionCommand {

        @Mixin
        Challenge challenge;
        @Option(names = "--user", paramLabel = "UID", required = true, description = "The user id.")
        long user;

        @Override
        void check() {
            challenge.check(this);
        }

        @Override
        ActionPlan<?> plan(RedisConnections c) {
            return new LeaderboardActions(c).resetScore(challenge.id(), user);
        }
    }

    /** The table of {@code leaderboard list}, also the leaderboard section of {@code snapshot}. */
    static void print(LeaderboardsSnapshot s, PrintWriter out, String pattern) {
        if (s.boards().isEmpty()) {
            out.println("No leaderboards (keys " + pattern + ").");
            return;
        }
        out.printf("%-16s %10s%n", "CHALLENGE", "MEMBERS");
        for (BoardSummary b : s.boards()) {
            out.printf("%-16s %10s%s%n", Printable.text(b.id()), b.size() == null ? "-" : count(b.size()),
                    b.problem() == null ? "" : "  " + b.problem());
            b.top().forEach(p -> printPlace(out, p));
        }
    }

    private static void checkTop(RedisCommand command, int top, int min) {
        if (top < min || top > Leaderboard.MAX_PAGE) {
            throw command.badOption("--top must be between " + min + " and " + Leaderboard.MAX_PAGE + ", got " + top);
        }
    }

    private static void printPlace(PrintWriter out, BoardPlace p) {
        String who = p.foreign() ? "\"" + Printable.text(p.member()) + "\"" : Long.toString(p.userId());
        out.printf("%6s  %-20s %14s%s%n", count(p.rank()), who, Points.text(p.score(), Locale.ROOT), p.foreign() ? "  (not a user id)" : "");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
