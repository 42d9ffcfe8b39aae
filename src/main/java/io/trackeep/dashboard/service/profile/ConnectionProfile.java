package io.trackeep.dashboard.service.profile;

import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A named way to reach one Redis, as the admin saved it. Holds no password: whether one is saved
 * is a flag, the password itself stays encrypted inside {@link ProfileStore} until a connection
 * needs it, so a profile can be shown, logged and passed around freely.
 *
 * @param name          unique name (case-insensitive) shown in the profile selector
 * @param uri           {@code redis://host:port} or {@code rediss://host:port} (TLS), a Sentinel set
 *                      ({@code redis-sentinel://h1:p1,h2:p2#master}) or a Cluster ({@code redis-cluster://h1:p1,h2:p2}),
 *                      without credentials
 * @param username      ACL user name, or null for the default user
 * @param database      database index
 * @param keyPrefix     Trackeep key prefix, {@code tk} when blank
 * @param readOnly      when true, every admin action that writes is refused
 * @param caFile        PEM file of the CA that signed the server certificate, or null for the JDK trust store
 * @param passwordSaved whether {@link ProfileStore} holds an encrypted password for this profile
 * @param sentinelUsername      the Sentinels' own ACL user (Sentinel only), or null for the default user
 * @param sentinelPasswordSaved whether {@link ProfileStore} holds the Sentinels' own password, encrypted like the
 *                              data nodes' (Sentinel only; Sentinels without a password need none)
 */
public record ConnectionProfile(
        String name,
        String uri,
        String username,
        int database,
        String keyPrefix,
        boolean readOnly,
        Path caFile,
        boolean passwordSaved,
        String sentinelUsername,
        boolean sentinelPasswordSaved) {

    /** Name of the built-in profile that starts a local instance; reserved, never stored. */
    public static final String LOCAL_INSTANCE_NAME = "Local instance";

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        name = name.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A profile needs a name");
        }
        if (name.length() > 80) {
            throw new IllegalArgumentException("Profile name is longer than 80 characters");
        }
        // Validates scheme and host and refuses credentials inside the URI (they would be stored in plain text).
        RedisSettings checked = new RedisSettings(Objects.requireNonNull(uri, "uri").strip(), username, null,
                database, keyPrefix, null, null, readOnly, caFile);
        uri = checked.uri();
        username = checked.username();
        keyPrefix = checked.keyPrefix();
        sentinelUsername = sentinelUsername == null || sentinelUsername.isBlank() ? null : sentinelUsername.strip();
        if (checked.topology() != Topology.SENTINEL) {
            sentinelUsername = null; // only Sentinels have credentials of their own
        }
    }

    /** A profile without Sentinel credentials. */
    public ConnectionProfile(String name, String uri, String username, int database, String keyPrefix, boolean readOnly, Path caFile,
                             boolean passwordSaved) {
        this(name, uri, username, database, keyPrefix, readOnly, caFile, passwordSaved, null, false);
    }

    /** Standalone, Sentinel or Cluster, as the URI says. */
    public Topology topology() {
        return toSettings(null).topology();
    }

    /** A new profile with defaults: database 0, prefix {@code tk}, writable, no CA file, no saved password. */
    public static ConnectionProfile of(String name, String uri) {
        return new ConnectionProfile(name, uri, null, 0, RedisSettings.DEFAULT_PREFIX, false, null, false);
    }

    /**
     * The built-in profile. Its URI is a placeholder: the local instance picks a free loopback
     * port and a random password each time it starts.
     */
    public static ConnectionProfile localInstance() {
        return new ConnectionProfile(LOCAL_INSTANCE_NAME, "redis://127.0.0.1:6379", null, 0,
                RedisSettings.DEFAULT_PREFIX, false, null, false, null, false);
    }

    public boolean isLocalInstance() {
        return LOCAL_INSTANCE_NAME.equalsIgnoreCase(name);
    }

    /** Connection settings for this profile with the given password (null for none). */
    public RedisSettings toSettings(String password) {
        return new RedisSettings(uri, username, password, database, keyPrefix, null, null, readOnly, caFile);
    }

    /** Connection settings with the data nodes' password and the Sentinels' own (each null for none). */
    public RedisSettings toSettings(String password, String sentinelPassword) {
        return toSettings(password).withSentinelCredentials(sentinelUsername, sentinelPassword);
    }

    /** Where this points, for titles and logs: never includes a password. */
    public String describe() {
        return toSettings(null).describe();
    }

    public ConnectionProfile withName(String newName) {
        return new ConnectionProfile(newName, uri, username, database, keyPrefix, readOnly,
                caFile, passwordSaved, sentinelUsername, sentinelPasswordSaved);
    }

    public ConnectionProfile withPasswordSaved(boolean saved) {
        return new ConnectionProfile(name, uri, username, database, keyPrefix, readOnly,
                caFile, saved, sentinelUsername, sentinelPasswordSaved);
    }

    public ConnectionProfile withUsername(String user) {
        return new ConnectionProfile(name, uri, user, database, keyPrefix, readOnly,
                caFile, passwordSaved, sentinelUsername, sentinelPasswordSaved);
    }

    public ConnectionProfile withReadOnly(boolean ro) {
        return new ConnectionProfile(name, uri, username, database, keyPrefix, ro,
                caFile, passwordSaved, sentinelUsername, sentinelPasswordSaved);
    }

    public ConnectionProfile withSentinelPasswordSaved(boolean saved) {
        return new ConnectionProfile(name, uri, username, database, keyPrefix, readOnly, caFile, passwordSaved, sentinelUsername, saved);
    }
}
