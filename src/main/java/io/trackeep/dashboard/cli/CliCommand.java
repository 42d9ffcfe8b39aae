package io.trackeep.dashboard.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A command that runs: where it prints, and how it refuses a bad option. */
abstract class CliCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard output: what the command was asked for. */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error: notes, warnings and questions. */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A bad option value, refused with the usage (exit code 2) before anything is read. */
    final CommandLine.ParameterException badOption(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
