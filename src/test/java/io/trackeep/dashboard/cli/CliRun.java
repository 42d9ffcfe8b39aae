package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** One run of the command line with captured output, against a test server. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = CommandLineApp.newCommandLine(args); // the tree the program builds for these arguments
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** {@code redis://:<password>@127.0.0.1:<port>} of the test server. */
    static String uri(RedisServerProcess server) {
        return "redis://:" + URLEncoder.encode(server.settings().password(), StandardCharsets.UTF_8) + "@127.0.0.1:" + server.port();
    }
}
