package io.trackeep.dashboard.cli;

import picocli.CommandLine.Command;

/**
 * Benchmarks that start their own throw-away redis-server, so they measure this program and
 * nothing else. Every figure is reported against a baseline taken in the same run.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks against a throw-away local redis-server.",
        subcommands = {RateLimitBench.class, CensusBench.class, StartupBench.class})
public final class BenchCommand extends CommandGroup {
}
