package io.trackeep.dashboard.service.redis;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code rediss://} against a real redis-server with TLS (the embedded binary is built with it),
 * certificates made for the test by the JDK's keytool: a test CA, and a server certificate for
 * 127.0.0.1 signed by it.
 */
class TlsConnectionTest {

    private static final String STORE_PASSWORD = "test-only";

    @TempDir
    static Path dir;
    private static RedisServerProcess server;
    private static int tlsPort;

    @BeforeAll
    static void startTlsServer() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Trackeep test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-keystore", "server.p12");
        keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile", "server.crt", "-rfc",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2");
        keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.crt");
        writePrivateKeyPem(dir.resolve("server.p12"), dir.resolve("server.key"));

        try (ServerSocket s = new ServerSocket(0)) {
            tlsPort = s.getLocalPort();
        }
        server = RedisServerProcess.start(RedisServerProcess.Options.defaults().withConfig(
                "tls-port " + tlsPort,
                "tls-cert-file \"" + dir.resolve("server.crt") + "\"",
                "tls-key-file \"" + dir.resolve("server.key") + "\"",
                "tls-ca-cert-file \"" + dir.resolve("ca.crt") + "\"",
                "tls-auth-clients no"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static RedisSettings tls() {
        return RedisSettings.fromUri("rediss://127.0.0.1:" + tlsPort)
                .withPassword(server.settings().password())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void connectsWithTheCaFileAndVerifiesTheServer() {
        try (RedisConnections redis = RedisConnections.open(tls().withCaFile(dir.resolve("ca.crt")))) {
            assertThat(redis.settings().tls()).isTrue();
            assertThat(redis.sync().ping()).isEqualTo("PONG");
            assertThat(redis.sync().clientInfo()).as("the server sees a TLS client").isNotBlank();
        }
    }

    @Test
    void aServerTheTrustStoreDoesNotKnowIsRefusedPlainly() {
        // Without the CA file the JDK's trust store is used: it does not know the test CA.
        assertThatThrownBy(() -> RedisConnections.open(tls()))
                .isInstanceOfSatisfying(RedisAccessException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("certificate of the server is not trusted").contains("CA file");
                });
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-noprompt"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream out = p.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    /** The server's key as PKCS#8 PEM, which redis-server reads. */
    private static void writePrivateKeyPem(Path p12, Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        Key key = store.getKey("server", STORE_PASSWORD.toCharArray());
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    }
}
