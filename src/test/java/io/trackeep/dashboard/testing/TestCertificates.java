package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.local.redis.RedisServerProcess;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made for a test by the JDK's keytool: a test CA ({@code ca.crt}) and a server
 * certificate for {@code 127.0.0.1} and {@code localhost} signed by it ({@code server.crt},
 * {@code server.key}); and a redis-server (the embedded binary is built with TLS) serving them.
 */
public final class TestCertificates {

    private static final String STORE_PASSWORD = "test-only";
    private static TestCertificates shared;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * One set for the whole test run, made on first use in a temporary folder that is removed
     * when the JVM exits: RSA key generation takes seconds, and the certificates are read-only.
     */
    public static synchronized TestCertificates shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("trackeep-test-tls-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            shared = makeIn(dir);
        }
        return shared;
    }

    /** Makes the CA and the server certificate in {@code dir} (a few seconds: RSA key generation). */
    public static TestCertificates makeIn(Path dir) throws Exception {
        TestCertificates c = new TestCertificates(dir);
        c.keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Trackeep test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        c.keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-keystore", "server.p12");
        c.keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
        c.keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile", "server.crt", "-rfc",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2");
        c.keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.crt");
        writePrivateKeyPem(dir.resolve("server.p12"), dir.resolve("server.key"));
        return c;
    }

    public Path caFile() {
        return dir.resolve("ca.crt");
    }

    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** The TLS server: plain port as usual, TLS on the returned process's {@code tlsPort}, listening on 127.0.0.1 and 127.0.0.2. */
    public TlsServer startServer() throws IOException {
        int tlsPort;
        try (ServerSocket s = new ServerSocket(0)) {
            tlsPort = s.getLocalPort();
        }
        RedisServerProcess server = RedisServerProcess.start(RedisServerProcess.Options.defaults().withConfig(
                "bind 127.0.0.1 127.0.0.2", // 127.0.0.2: an address the certificate is not for
                "tls-port " + tlsPort,
                "tls-cert-file \"" + dir.resolve("server.crt") + "\"",
                "tls-key-file \"" + dir.resolve("server.key") + "\"",
                "tls-ca-cert-file \"" + dir.resolve("ca.crt") + "\"",
                "tls-auth-clients no"));
        return new TlsServer(server, tlsPort);
    }

    /** A redis-server with TLS on {@code tlsPort} besides its plain port. */
    public record TlsServer(RedisServerProcess process, int tlsPort) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it eventually
        }
    }

    private void keytool(String... args) throws IOException, InterruptedException {
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
