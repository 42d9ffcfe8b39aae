package io.trackeep.dashboard.service.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach one Redis: everything a connection profile holds. Immutable; build variants with
 * the {@code with...} methods. {@link #toString()} never shows the password.
 *
 * @param uri              {@code redis://host:port} or {@code rediss://host:port} (TLS), read by {@link RedisUri};
 *                         or a Sentinel or Cluster URI, read by {@link TopologyUri}; user info and a database
 *                         path in a URI are taken over by {@link #fromUri(String)}
 * @param username         ACL user name, or null for the default user
 * @param password         password, or null when the server has none
 * @param database         database index (standalone and Sentinel only: a Cluster has database 0)
 * @param keyPrefix        the Trackeep key prefix, {@code tk} by default
 * @param connectTimeout   how long to wait for a TCP/TLS connection and the handshake
 * @param commandTimeout   how long one command may take before it fails with a timeout
 * @param readOnly         when true, every admin action that writes is refused
 * @param caFile           PEM file with the CA that signed the server certificate (TLS), or null for the JDK trust store
 * @param sentinelUsername ACL user name on the Sentinels (Sentinel only), or null for the default user
 * @param sentinelPassword the Sentinels' own password (Sentinel only), or null when they have none;
 *                         separate from {@code password}, which is the data nodes'
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
        Path caFile,
        String sentinelUsername,
        String sentinelPassword) {

    public static final String DEFAULT_PREFIX = "tk";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        if (TopologyUri.hasTopologyScheme(uri)) {
            TopologyUri parsed = TopologyUri.parse(uri);
            if (parsed.username() != null || parsed.password() != null) {
                throw new IllegalArgumentException("Pass credentials separately, not inside the settings URI");
            }
            if (parsed.database() != 0) {
                if (database != 0 && database != parsed.database()) {
                    throw new IllegalArgumentException("The URI names database " + parsed.database() + ", the settings " + database);
                }
                database = parsed.database();
            }
            if (parsed.topology() == Topology.CLUSTER && database != 0) {
                throw new IllegalArgumentException("A Redis Cluster has database 0 only, not " + database);
            }
            // the database is a field of its own, as with redis://
            uri = parsed.withDatabase(0).withoutCredentials();
        } else {
            RedisUri parsed = RedisUri.parse(uri);
            if (parsed.username() != null || parsed.password() != null) {
                throw new IllegalArgumentException("Pass credentials separately, not inside the settings URI");
            }
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
        sentinelUsername = sentinelUsername == null || sentinelUsername.isEmpty() ? null : sentinelUsername;
        sentinelPassword = sentinelPassword == null || sentinelPassword.isEmpty() ? null : sentinelPassword;
    }

    /** Settings without Sentinel credentials (a standalone server or a Cluster, or Sentinels without a password). */
    public RedisSettings(String uri, String username, String password, int database, String keyPrefix,
                         Duration connectTimeout, Duration commandTimeout, boolean readOnly, Path caFile) {
        this(uri, username, password, database, keyPrefix, connectTimeout, commandTimeout, readOnly, caFile, null, null);
    }

    /**
     * Reads {@code redis[s]://[user[:password]@]host[:port][/db]} as redis-cli does (see
     * {@link RedisUri}), or a Sentinel or Cluster URI (see {@link TopologyUri}), with defaults for
     * everything the URI does not say: credentials and database move out of the URI into their own
     * fields, so the URI itself can be shown and stored safely. The Sentinels' own password is
     * never in a URI ({@link #withSentinelCredentials}).
     *
     * @throws IllegalArgumentException saying what is wrong, never with the password
     */
    public static RedisSettings fromUri(String uri) {
        if (TopologyUri.hasTopologyScheme(uri)) {
            TopologyUri t = TopologyUri.parse(uri);
            return new RedisSettings(t.withDatabase(0).withoutCredentials(), t.username(), t.password(), t.database(),
                    DEFAULT_PREFIX, null, null, false, null);
        }
        RedisUri parsed = RedisUri.parse(uri);
        return new RedisSettings(parsed.endpoint(), parsed.username(), parsed.password(), parsed.database(),
                DEFAULT_PREFIX, null, null, false, null);
    }

    /** Standalone, Sentinel or Cluster, as the URI's scheme says. */
    public Topology topology() {
        return TopologyUri.hasTopologyScheme(uri) ? TopologyUri.parse(uri).topology() : Topology.STANDALONE;
    }

    /** The server (standalone), the Sentinels or the Cluster's seed nodes, in the URI's order. */
    public List<TopologyUri.Node> nodes() {
        return TopologyUri.hasTopologyScheme(uri) ? TopologyUri.parse(uri).nodes() : List.of(new TopologyUri.Node(host(), port()));
    }

    /** The Sentinels' name of the master (Sentinel only), else null. */
    public String masterName() {
        return TopologyUri.hasTopologyScheme(uri) ? TopologyUri.parse(uri).masterName() : null;
    }

    /** The server's host; with Sentinels or a Cluster, the first node's. */
    public String host() {
        return TopologyUri.hasTopologyScheme(uri) ? TopologyUri.parse(uri).nodes().get(0).host() : RedisUri.parse(uri).host();
    }

    /** The server's port; with Sentinels or a Cluster, the first node's. */
    public int port() {
        return TopologyUri.hasTopologyScheme(uri) ? TopologyUri.parse(uri).nodes().get(0).port() : RedisUri.parse(uri).port();
    }

    /** TLS to every node (and to the Sentinels). */
    public boolean tls() {
        return TopologyUri.hasTopologyScheme(uri) ? TopologyUri.parse(uri).tls() : RedisUri.parse(uri).tls();
    }

    /**
     * The whole URI with the data nodes' credentials and database, percent-encoded so that
     * {@link #fromUri} reads back exactly these settings (the Sentinels' password is not in it). A
     * secret: for the user's own throw-away instance only; show {@link #describe()} anywhere else.
     */
    public String uriWithCredentials() {
        if (TopologyUri.hasTopologyScheme(uri)) {
            TopologyUri t = TopologyUri.parse(uri);
            return new TopologyUri(t.topology(), t.tls(), username, password, t.nodes(), database, t.masterName()).withCredentials();
        }
        RedisUri endpoint = RedisUri.parse(uri);
        return new RedisUri(endpoint.tls(), username, password, endpoint.host(), endpoint.port(), database).withCredentials();
    }

    public RedisSettings withCredentials(String newUser, String newPassword) {
        return new RedisSettings(uri, newUser, newPassword, database, keyPrefix, connectTimeout, commandTimeout, readOnly, caFile,
                sentinelUsername, sentinelPassword);
    }

    public RedisSettings withPassword(String newPassword) {
        return withCredentials(username, newPassword);
    }

    /**
     * The Sentinels' own ACL user and password (Sentinel only), separate from the data nodes'
     * ({@link #withCredentials}); null for none.
     */
    public RedisSettings withSentinelCredentials(String user, String newPassword) {
        return new RedisSettings(uri, username, password, database, keyPrefix, connectTimeout, commandTimeout, readOnly, caFile,
                user, newPassword);
    }

    public RedisSettings withPrefix(String prefix) {
        return new RedisSettings(uri, username, password, database, prefix, connectTimeout, commandTimeout, readOnly, caFile,
                sentinelUsername, sentinelPassword);
    }

    public RedisSettings withReadOnly(boolean ro) {
        return new RedisSettings(uri, username, password, database, keyPrefix, connectTimeout, commandTimeout, ro, caFile,
                sentinelUsername, sentinelPassword);
    }

    public RedisSettings withTimeouts(Duration connect, Duration command) {
        return new RedisSettings(uri, username, password, database, keyPrefix, connect, command, readOnly, caFile,
                sentinelUsername, sentinelPassword);
    }

    public RedisSettings withCaFile(Path ca) {
        return new RedisSettings(uri, username, password, database, keyPrefix, connectTimeout, commandTimeout, readOnly, ca,
                sentinelUsername, sentinelPassword);
    }

    /**
     * The deployment and database, as an admin names it: {@code host:port/db}; for a Sentinel
     * master {@code master 'name' via h1:p1,h2:p2/db}; for a Cluster {@code cluster h1:p1,h2:p2}.
     */
    public String address() {
        return switch (topology()) {
            case STANDALONE -> host() + ":" + port() + "/" + database;
            case SENTINEL -> "master '" + masterName() + "' via " + joinedNodes() + "/" + database;
            case CLUSTER -> "cluster " + joinedNodes();
        };
    }

    private String joinedNodes() {
        return String.join(",", nodes().stream().map(TopologyUri.Node::toString).toList());
    }

    /** Where this points, for titles and logs: never includes a password. */
    public String describe() {
        return (username == null ? "" : username + "@") + uri + (database == 0 ? "" : "/" + database)
                + " prefix=" + keyPrefix + (readOnly ? " (read-only)" : "");
    }

    @Override
    public String toString() {
        return "RedisSettings[" + describe() + (password == null ? "" : " password=****")
                + (sentinelPassword == null ? "" : " sentinel-password=****") + "]";
    }

    private static Duration positiveOr(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }
}
