package io.trackeep.dashboard.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** A run builds only the branch of the picocli tree it needs; usage, help and errors still see every command. */
class CommandLineTreeTest {

    @Test
    void aCommandBuildsOnlyItsOwnBranchWithAllOfItsSubcommands() {
        CommandLine cl = CommandLineApp.newCommandLine("ratelimit", "list", "--redis", "redis://127.0.0.1:1");

        assertThat(cl.getSubcommands()).containsOnlyKeys("ratelimit");
        assertThat(cl.getSubcommands().get("ratelimit").getSubcommands()).containsKeys("list", "usage", "reset", "set");
    }

    @Test
    void noCommandHelpVersionAndUnknownNamesGetTheWholeTree() {
        for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"help", "sessions"}, {"sesions", "list"}}) {
            assertThat(CommandLineApp.newCommandLine(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(CommandLineApp.COMMANDS);
        }
    }

    @Test
    void usageListsEveryCommandAndHelpOfOneCommandStillWorks() {
        assertThat(run("--help").out()).contains("bench", "cache", "clients", "failover", "leaderboard", "local", "pubsub", "ratelimit",
                "sessions", "snapshot");
        CliRun help = run("help", "sessions");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: trackeep-redis-dashboard sessions", "list", "kill", "prune");
        CliRun typo = run("sesions", "list");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("sesions").contains("sessions");
    }

    private static CliRun run(String... args) {
        CommandLine cl = CommandLineApp.newCommandLine(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new CliRun(cl.execute(args), out.toString(), err.toString());
    }
}
