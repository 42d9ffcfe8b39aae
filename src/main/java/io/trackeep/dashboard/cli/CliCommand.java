package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.json.Json;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

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

    /** What was read, on standard output: with {@code --json} one line of JSON, else as {@code table} prints it. */
    final <T> void printJsonOrTable(boolean json, T value, BiConsumer<T, PrintWriter> table) {
        if (json) {
            out().println(Json.write(value));
        } else {
            table.accept(value, out());
        }
    }

    /** A bad option value, refused with the usage (exit code 2) before anything is read. */
    final CommandLine.ParameterException badOption(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
