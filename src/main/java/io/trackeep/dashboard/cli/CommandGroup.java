package io.trackeep.dashboard.cli;

import picocli.CommandLine;

/** A command that only groups its subcommands ({@code sessions}, {@code cache}, ...): alone, it prints its usage. */
abstract class CommandGroup implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
