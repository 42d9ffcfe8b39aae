package io.trackeep.dashboard.service.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one Redis: everything a connection profile holds. Immutable; build variants with
 * the {@code with...} methods. {@link #toString()} never shows the password.
 *
 * @param uri            {@code redis://host:port} or {@code rediss://host:port} (TLS); user info and
 *                       a database path in the URI are taken over by {@link #fromUri(String)}
 * @param username       ACL user name, or null for the default user
 * @param password       password, or null when the server has none
 * @param database       database index (standalone only)
 * @param keyPrefix      the Trackeep key prefix, {@code tk} by default
 * @param connectTimeout how long to wait for a TCP/TLS connection and the handshake
 * @param commandTimeout how long one command may take before it fails with a timeout
 * @param readOnly       when true, every admin action that writes is refused
 * @param caFile         PEM file with the CA that signed the server certificate (TLS), or null for the JDK trust store
 */
public record RedisSettings(
        String uri,
        String username,
        String password,
        int database,
        String keyPrefix,
        Duration connectTimeout,
        Duration commandTimeout,
        boolean readOnly,
        Path caFile) {

    public static final String DEFAULT_PREFIX = "tk";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        URI parsed = parse(uri);
        if (parsed.getUserInfo() != null) {
            throw new IllegalArgumentException("Pass credentials separately, not inside the settings URI");
        }
        if (database < 0) {
            throw new IllegalArgumentException("Database index must be 0 or more, got " + database);
        }
        keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? DEFAULT_PREFIX : keyPrefix.strip();
        if (keyPrefix.contains(" ") || keyPrefix.contains("*")) {
            throw new IllegalArgumentException("Key prefix must not contain spaces or '*': " + keyPrefix);
        }
        connectTimeout = positiveOr(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        commandTimeout = positiveOr(commandTimeout, DEFAULT_COMMAND_TIMEOUT);
        username = username == null || username.isEmpty() ? null : username;
        password = password == null || password.isEmpty() ? null : password;
    }

    /**
     * Reads {@code redis[s]://[user[:password]@]host[:port][/db]}, with defaults for everything the
     * URI does not say: credentials and database move out of the URI into their own fields, so the
     * URI itself can be shown and stored safely.
     */
    public static RedisSettings fromUri(String uri) {
        URI parsed = parse(uri);
        String user = null;
        String pass = null;
        if (parsed.getRawUserInfo() != null) {
            String info = parsed.getRawUserInfo();
            int colon = info.indexOf(':');
            if (colon < 0) {
                // redis://secret@host is how redis-cli and Lettuce spell a password without user
                pass = decode(info);
            } else {
                user = decode(info.substring(0, colon));
                pass = decode(info.substring(colon + 1));
            }
        }
        int db = 0;
        String path = parsed.getPath();
        if (path != null && path.length() > 1) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Database in the URI must be a number: " + path.substring(1));
            }
        }
        int port = parsed.getPort() < 0 ? 6379 : parsed.getPort();
        String clean = parsed.getScheme() + "://" + parsed.getHost() + ":" + port;
        return new RedisSettings(clean, user, pass, db, DEFAULT_PREFIX, null, null, false, null);
    }

    public String host() {
        return parse(uri).getHost();
    }

    public int port() {
        return parse(uri).getPort();
    }

    public boolean tls() {
        return "rediss".equals(parse(uri).getScheme());
    }

    public RedisSettings withCredentials(String newUser, String newPassword) {
        return new RedisSettings(uri, newUser, newPassword, database, keyPrefix, connectTimeout, commandTimeout, readOnly, caFile);
    }

    public RedisSettings withPassword(String newPassword) {
        return withCredentials(username, newPassword);
    }

    public RedisSettings withPrefix(String prefix) {
        return new RedisSettings(uri, username, password, database, prefix, connectTimeout, commandTimeout, readOnly, caFile);
    }

    public RedisSettings withDatabase(int db) {
        return new RedisSettings(uri, username, password, db, keyPrefix, connectTimeout, commandTimeout, readOnly, caFile);
    }

    public RedisSettings withReadOnly(boolean ro) {
        return new RedisSettings(uri, username, password, database, keyPrefix, connectTimeout, commandTimeout, ro, caFile);
    }

    public RedisSettings withTimeouts(Duration connect, Duration command) {
        return new RedisSettings(uri, username, password, database, keyPrefix, connect, command, readOnly, caFile);
    }

    public RedisSettings withCaFile(Path ca) {
        return new RedisSettings(uri, username, password, database, keyPrefix, connectTimeout, commandTimeout, readOnly, ca);
    }

    /** The server and database, as an admin names it: {@code host:port/db}. */
    public String address() {
        return host() + ":" + (port() < 0 ? 6379 : port()) + "/" + database;
    }

    /** Where this points, for titles and logs: never includes the password. */
    public String describe() {
        return (username == null ? "" : username + "@") + uri + (database == 0 ? "" : "/" + database)
                + " prefix=" + keyPrefix + (readOnly ? " (read-only)" : "");
    }

    @Override
    public String toString() {
        return "RedisSettings[" + describe() + (password == null ? "" : " password=****") + "]";
    }

    private static URI parse(String uri) {
        URI parsed;
        try {
            parsed = URI.create(uri.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a valid Redis URI: " + redact(uri));
        }
        String scheme = parsed.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("Redis URI must start with redis:// or rediss://, got: " + redact(uri));
        }
        if (parsed.getHost() == null || parsed.getHost().isBlank()) {
            throw new IllegalArgumentException("Redis URI has no host: " + redact(uri));
        }
        return parsed;
    }

    /** A URI as it may appear in an error message: user info removed. */
    static String redact(String uri) {
        if (uri == null) {
            return "null";
        }
        return uri.replaceAll("//[^/@]*@", "//****@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static Duration positiveOr(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }
}
