package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.json.Json;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A benchmark of {@code bench}: it runs against a throw-away redis-server of its own
 * ({@code --redis-server}) and prints its result once, as a table or, with {@code --json}, as one
 * JSON document.
 */
abstract class Benchmark extends CliCommand {

    @Mixin
    RedisServerOption redisServer;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** The result on standard output: the {@code document} as indented JSON with {@code --json}, else the {@code table}. */
    final void report(Supplier<?> document, Consumer<PrintWriter> table) {
        PrintWriter out = out();
        if (json) {
            out.println(Json.writePretty(document.get()));
        } else {
            table.accept(out);
        }
        out.flush();
    }
}
