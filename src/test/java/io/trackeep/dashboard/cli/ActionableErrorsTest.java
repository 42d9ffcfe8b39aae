package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.local.LocalInstance;
import io.trackeep.dashboard.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The errors of issue 11, item 7, as the command line prints them: one line each, saying what is
 * wrong and what to do, with an exit code a script can tell apart; never a stack trace.
 */
class ActionableErrorsTest {

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static TestCertificates.TlsServer server;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.shared();
        server = certificates.startServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String tlsUri(String host) {
        return "rediss://:" + server.process().password() + "@" + host + ":" + server.tlsPort();
    }

    /** It printed a 48-line stack trace (Netty's, through the log) and then the wrong advice. */
    @Test
    void aCaFileWithoutCertificatesIsOneLineAndNoStackTrace() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "garbage\n");
        CliRunWithLog run = runCapturingLog("snapshot", "--redis", tlsUri("127.0.0.1"), "--ca-file", garbage.toString());

        assertThat(run.run.exit()).isEqualTo(CliErrors.FAILED);
        assertThat(run.run.err()).isEqualTo("error: The CA file " + garbage + " holds no readable certificate; give the PEM file"
                + " of the CA that signed the Redis server's certificate (it starts with -----BEGIN CERTIFICATE-----)\n");
        assertThat(run.log).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aCertificateForAnotherNameSaysWhichNameItHas() {
        CliRun run = CliRun.of("snapshot", "--redis", tlsUri("127.0.0.2"), "--ca-file", certificates.caFile().toString());

        assertThat(run.exit()).isEqualTo(CliErrors.REDIS_UNAVAILABLE);
        assertThat(run.err()).endsWith(": the server's TLS certificate is for 127.0.0.1, localhost, not for 127.0.0.2;"
                + " connect by one of those names or have the certificate reissued for 127.0.0.2\n").hasLineCount(1);
    }

    @Test
    void aMissingPasswordSaysWhereToGiveIt() {
        CliRun run = CliRun.of("snapshot", "--redis", "redis://127.0.0.1:" + server.process().port());

        assertThat(run.exit()).isEqualTo(CliErrors.REDIS_UNAVAILABLE);
        assertThat(run.err()).endsWith(": Redis asks for a password and none was given; set the profile's password"
                + " (command line: in the URI or REDIS_PASSWORD)\n").hasLineCount(1);
    }

    /** It said "Invalid first byte: 72 (H) at buffer index 1 decoding using null". */
    @Test
    void theLocalInstancesHttpPortIsNotTakenForRedis() {
        try (LocalInstance local = LocalInstance.start(LocalInstance.Options.defaults())) {
            CliRun run = CliRun.of("snapshot", "--redis", "redis://127.0.0.1:" + local.httpBaseUrl().getPort());

            assertThat(run.exit()).isEqualTo(CliErrors.REDIS_UNAVAILABLE);
            assertThat(run.err()).endsWith(": what answers on that host and port is not Redis (its reply starts with 'H',"
                    + " as an HTTP server's does); check the port\n").hasLineCount(1);
        }
    }

    @Test
    void localTakesTheCaFileForAnExternalTlsRedis() {
        CliRun run = CliRun.of("local", "--redis", tlsUri("127.0.0.1"), "--ca-file", certificates.caFile().toString(),
                "--duration", "1s");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Redis: rediss://127.0.0.1:" + server.tlsPort() + " prefix=tk\n");
    }

    @Test
    void localRefusesACaFileForTheEmbeddedRedis() {
        CliRun run = CliRun.of("local", "--ca-file", certificates.caFile().toString(), "--duration", "1s");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--ca-file is for a --redis rediss:// server; the embedded Redis runs without TLS");
    }

    private record CliRunWithLog(CliRun run, String log) {
    }

    /** The log goes to System.err (Logback's console appender looks it up on every write). */
    private static CliRunWithLog runCapturingLog(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            return new CliRunWithLog(CliRun.of(args), log.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
