package io.trackeep.dashboard.service.redis;

import io.trackeep.dashboard.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code rediss://} against a real redis-server with TLS (the embedded binary is built with it),
 * certificates made for the test by the JDK's keytool: a test CA, and a server certificate for
 * 127.0.0.1 and localhost signed by it. Each way of getting TLS wrong is said with its own fix.
 */
class TlsConnectionTest {

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static TestCertificates.TlsServer server;

    @BeforeAll
    static void startTlsServer() throws Exception {
        certificates = TestCertificates.shared();
        server = certificates.startServer();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static RedisSettings tls(String host, int port) {
        return RedisSettings.fromUri("rediss://" + host + ":" + port)
                .withPassword(server.process().password())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private static RedisSettings tls() {
        return tls("127.0.0.1", server.tlsPort());
    }

    @Test
    void connectsWithTheCaFileAndVerifiesTheServer() {
        try (RedisConnections redis = RedisConnections.open(tls().withCaFile(certificates.caFile()))) {
            assertThat(redis.settings().tls()).isTrue();
            assertThat(redis.sync().ping()).isEqualTo("PONG");
            assertThat(redis.sync().clientInfo()).as("the server sees a TLS client").isNotBlank();
        }
    }

    @Test
    void aServerTheTrustStoreDoesNotKnowIsRefusedWithWhoIssuedItsCertificate() {
        // Without the CA file the JDK's trust store is used: it does not know the test CA.
        assertThatThrownBy(() -> RedisConnections.open(tls()))
                .isInstanceOfSatisfying(RedisAccessException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).isEqualTo("Connecting to rediss://127.0.0.1:" + server.tlsPort() + " prefix=tk:"
                            + " the server's TLS certificate (issued by Trackeep test CA) is not signed by the system's trusted CAs;"
                            + " give the profile (or --ca-file) the PEM file of the CA that signed it");
                });
    }

    /** It said "give the profile the CA file" here too, which cannot help: the CA is trusted, the name is wrong. */
    @Test
    void aCertificateForAnotherNameIsSaidWithTheNamesItHas() {
        assertThatThrownBy(() -> RedisConnections.open(tls("127.0.0.2", server.tlsPort()).withCaFile(certificates.caFile())))
                .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.getMessage())
                        .endsWith(": the server's TLS certificate is for 127.0.0.1, localhost, not for 127.0.0.2;"
                                + " connect by one of those names or have the certificate reissued for 127.0.0.2")
                        .doesNotContain("CA file"));
    }

    @Test
    void aCaFileThatCannotServeIsOneSentenceBeforeAnyConnection() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path[] wrong = {dir.resolve("missing.pem"), dir, garbage, empty, certificates.serverKey()};
        for (Path ca : wrong) {
            assertThatThrownBy(() -> RedisConnections.open(tls().withCaFile(ca)))
                    .as(ca.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The CA file " + ca + " ")
                    .hasMessageEndingWith("; give the PEM file of the CA that signed the Redis server's certificate"
                            + " (it starts with -----BEGIN CERTIFICATE-----)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void tlsToAPlainPortIsSaidAsSuch() {
        RedisSettings toPlainPort = tls("127.0.0.1", server.process().port()).withCaFile(certificates.caFile())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThatThrownBy(() -> RedisConnections.open(toPlainPort))
                .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.getMessage())
                        .contains("serves no TLS on this port (use redis:// for it)"));
    }

    @Test
    void plainToATlsPortIsSaidAsSuch() {
        RedisSettings plain = RedisSettings.fromUri("redis://127.0.0.1:" + server.tlsPort())
                .withPassword(server.process().password()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThatThrownBy(() -> RedisConnections.open(plain))
                .isInstanceOfSatisfying(RedisAccessException.class, e -> assertThat(e.getMessage()).contains("use rediss://"));
    }
}
