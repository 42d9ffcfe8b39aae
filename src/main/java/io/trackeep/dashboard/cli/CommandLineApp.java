package io.trackeep.dashboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Arrays;
import java.util.List;

/**
 * The program's command line: every command of the jar and the installed launcher. Commands
 * write results to standard output (JSON where asked) and errors to standard error with a
 * non-zero exit code.
 *
 * <p>picocli reads every command's annotations when a command is added to the tree, so a run
 * builds only the branch its first argument names (about a third of a command's own start-up
 * work otherwise); {@code --help}, {@code help}, {@code --version} and anything unknown get the
 * whole tree, so usage and errors read as before.
 */
@Command(name = "trackeep-redis-dashboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Dashboard and command line for the Redis shared by Trackeep backends.%n"
                + "Without arguments it opens the dashboard window.")
public final class CommandLineApp implements Runnable {

    /** The top-level commands, in the order usage lists them. */
    static final List<String> COMMANDS = List.of("help", "bench", "cache", "clients", "failover", "leaderboard", "local", "pubsub",
            "ratelimit", "sessions", "snapshot");

    /** A new instance of one top-level command (a switch rather than a map of lambdas: each lambda costs a start). */
    private static Object command(String name) {
        return switch (name) {
            case "help" -> new CommandLine.HelpCommand();
            case "bench" -> new BenchCommand();
            case "cache" -> new CacheCommand();
            case "clients" -> new ClientsCommand();
            case "failover" -> new FailoverCommand();
            case "leaderboard" -> new LeaderboardCommand();
            case "local" -> new LocalCommand();
            case "pubsub" -> new PubSubCommand();
            case "ratelimit" -> new RateLimitCommand();
            case "sessions" -> new SessionsCommand();
            case "snapshot" -> new SnapshotCommand();
            default -> throw new IllegalArgumentException("No command " + name);
        };
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static int run(String... args) {
        return newCommandLine(args).execute(args);
    }

    /** The whole configured picocli tree. */
    public static CommandLine newCommandLine() {
        return newCommandLine(new String[0]);
    }

    /**
     * The tree that {@code args} need: the one command they name (with all of its subcommands),
     * or every command when they name none. Tests call {@link CommandLine#execute} on it with
     * their own streams.
     */
    public static CommandLine newCommandLine(String... args) {
        String first = args.length > 0 ? args[0] : "";
        CommandLine cl = new CommandLine(new CommandLineApp());
        if (COMMANDS.contains(first) && !first.equals("help")) {
            cl.addSubcommand(first, command(first));
        } else {
            for (String name : COMMANDS) {
                cl.addSubcommand(name, command(name));
            }
        }
        cl.setExecutionExceptionHandler(new CliErrors());
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, parsed) -> {
            int code = usage.handleParseException(ex, parsed);
            // a monitoring plugin's usage error is UNKNOWN (3): picocli's 2 would read as CRITICAL
            List<String> given = Arrays.asList(parsed);
            return given.contains("snapshot") && given.contains("--check") ? SnapshotCommand.Check.State.UNKNOWN.exitCode() : code;
        });
        return cl;
    }
}
