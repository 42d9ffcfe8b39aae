package io.trackeep.dashboard.service.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates a {@code rediss://} connection accepts: those signed by the CA file
 * of the settings, or by the JDK's trust store without one; and, when one is refused, why, in
 * terms an admin can act on.
 *
 * <p>The CA file is read here, before any connection, so that a missing, unreadable or wrong
 * file is one plain sentence, not a stack trace from deep in the TLS layer. The trust manager
 * checks a server's chain first and its name second, so that "not signed by a trusted CA"
 * ({@link Untrusted}) and "signed, but for another name" ({@link NameMismatch}, with the names
 * the certificate has) are told apart: they need different fixes.
 */
final class TlsTrust {

    private static final Pattern COMMON_NAME = Pattern.compile("(?:^|,\\s*)CN=([^,]+)");

    private TlsTrust() {
    }

    /** The trust for a TLS connection with these settings. */
    static TrustManagerFactory of(RedisSettings settings) {
        try {
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            String trusted;
            if (settings.caFile() == null) {
                jdk.init((KeyStore) null);
                trusted = "the system's trusted CAs";
            } else {
                jdk.init(keyStoreOf(settings.caFile()));
                trusted = "the CA file " + settings.caFile();
            }
            X509ExtendedTrustManager delegate = null;
            for (TrustManager m : jdk.getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager x) {
                    delegate = x;
                }
            }
            if (delegate == null) {
                return jdk;
            }
            return factoryOf(new Explaining(delegate, trusted), jdk.getProvider(), jdk.getAlgorithm());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK's TLS trust cannot be set up: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a PEM (or DER) file of one or more CA certificates.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong with the file and what to give instead
     */
    static KeyStore keyStoreOf(Path caFile) {
        String advice = "; give the PEM file of the CA that signed the Redis server's certificate"
                + " (it starts with -----BEGIN CERTIFICATE-----)";
        Collection<? extends Certificate> certificates;
        if (Files.isDirectory(caFile)) {
            throw new IllegalArgumentException("The CA file " + caFile + " is a folder" + advice);
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("The CA file " + caFile + " does not exist" + advice, e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("The CA file " + caFile + " cannot be read (permission denied)" + advice, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("The CA file " + caFile + " cannot be read (" + e.getMessage() + ")" + advice, e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("The CA file " + caFile + " holds no readable certificate" + advice, e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("The CA file " + caFile + " holds no certificate" + advice);
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("An in-memory key store cannot be made: " + e.getMessage(), e);
        }
    }

    /** The server's certificate is not signed by a CA the connection trusts. */
    static final class Untrusted extends CertificateException {
        Untrusted(X509Certificate server, String trusted, CertificateException cause) {
            super("the server's TLS certificate" + issuer(server) + " is not signed by " + trusted
                    + "; give the profile (or --ca-file) the PEM file of the CA that signed it", cause);
        }

        private static String issuer(X509Certificate server) {
            if (server == null) {
                return "";
            }
            String cn = commonName(server.getIssuerX500Principal().getName());
            return " (issued by " + (cn != null ? cn : server.getIssuerX500Principal().getName()) + ")";
        }
    }

    /** The certificate is signed by a trusted CA but names other hosts than the one connected to. */
    static final class NameMismatch extends CertificateException {
        NameMismatch(String host, Set<String> names, CertificateException cause) {
            super("the server's TLS certificate is for " + (names.isEmpty() ? "no host name" : String.join(", ", names))
                    + ", not for " + host + "; connect by " + (names.size() == 1 ? "that name" : "one of those names")
                    + " or have the certificate reissued for " + host, cause);
        }
    }

    /** The names a certificate is for: its DNS and IP subject alternative names, else its common name. */
    static Set<String> names(X509Certificate cert) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    Object type = entry.get(0);
                    if ((Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) && entry.get(1) instanceof String s) {
                        names.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // unreadable extension: fall back to the common name
        }
        if (names.isEmpty()) {
            String cn = commonName(cert.getSubjectX500Principal().getName());
            if (cn != null) {
                names.add(cn);
            }
        }
        return names;
    }

    private static String commonName(String distinguishedName) {
        Matcher m = COMMON_NAME.matcher(distinguishedName);
        return m.find() ? m.group(1).strip() : null;
    }

    private static TrustManagerFactory factoryOf(TrustManager manager, Provider provider, String algorithm) {
        TrustManagerFactorySpi spi = new TrustManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore ks) {
                // set up already
            }

            @Override
            protected void engineInit(ManagerFactoryParameters spec) {
                // set up already
            }

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return new TrustManager[]{manager};
            }
        };
        return new TrustManagerFactory(spi, provider, algorithm) {
        };
    }

    /**
     * Checks the chain alone first (the CA question), then with the engine, which adds the host
     * name check that {@code SslVerifyMode.FULL} asks for (the name question).
     */
    private static final class Explaining extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final String trusted;

        Explaining(X509ExtendedTrustManager delegate, String trusted) {
            this.delegate = delegate;
            this.trusted = trusted;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkChain(chain, authType);
            try {
                delegate.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                throw new NameMismatch(engine == null ? "this host" : engine.getPeerHost(), names(chain[0]), e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkChain(chain, authType);
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checkChain(chain, authType);
        }

        private void checkChain(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                delegate.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw new Untrusted(chain == null || chain.length == 0 ? null : chain[0], trusted, e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
