package io.trackeep.dashboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Arrays;
import java.util.List;

/**
 * The program's command line: every command of the jar and the installed launcher. Commands
 * write results to standard output (JSON where asked) and errors to standard error with a
 * non-zero exit code.
 */
@Command(name = "trackeep-redis-dashboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Dashboard and command line for the Redis shared by Trackeep backends.%n"
                + "Without arguments it opens the dashboard window.",
        subcommands = {
                CommandLine.HelpCommand.class,
                BenchCommand.class,
                CacheCommand.class,
                ClientsCommand.class,
                LeaderboardCommand.class,
                LocalCommand.class,
                PubSubCommand.class,
                RateLimitCommand.class,
                SessionsCommand.class,
                SnapshotCommand.class,
        })
public final class CommandLineApp implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** The configured picocli tree; tests call {@link CommandLine#execute} on it with their own streams. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new CommandLineApp());
        cl.setExecutionExceptionHandler(new CliErrors());
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> {
            int code = usage.handleParseException(ex, args);
            // a monitoring plugin's usage error is UNKNOWN (3): picocli's 2 would read as CRITICAL
            List<String> given = Arrays.asList(args);
            return given.contains("snapshot") && given.contains("--check") ? SnapshotCommand.Check.State.UNKNOWN.exitCode() : code;
        });
        return cl;
    }
}
