package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import io.trackeep.dashboard.service.redis.RedisUri;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The connection options every Redis command takes ({@code @Mixin RedisOptions redis}).
 * The password comes from the URI or from {@code REDIS_PASSWORD}, never from its own option,
 * so it does not end up in shell history or the process list more than the user chose.
 */
public final class RedisOptions {

    @Option(names = "--redis", paramLabel = "URI",
            description = {"Redis to use: redis://[user:password@]host:port[/db] or rediss:// for TLS "
                    + "(default: ${DEFAULT-VALUE}; password also from REDIS_PASSWORD).",
                    "A master named by Sentinels: redis-sentinel://[user:password@]s1:26379,s2:26379[/db]#master "
                            + "(the Sentinels' own password from REDIS_SENTINEL_PASSWORD, their ACL user from REDIS_SENTINEL_USER).",
                    "A Cluster: redis-cluster://[user:password@]node1:6379,node2:6379 (any nodes; the others are found). "
                            + "rediss-sentinel:// and rediss-cluster:// for TLS."},
            defaultValue = "${env:REDIS_URL:-redis://127.0.0.1:6379}")
    String uri;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = RedisSettings.DEFAULT_PREFIX,
            description = "Key prefix of the Trackeep data (default: ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--read-only", description = "Refuse every action that writes")
    boolean readOnly;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "CA certificate(s) to verify a rediss:// server")
    java.nio.file.Path caFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The settings these options describe. A URI or prefix that cannot be one is a usage error
     * (exit code 2, with the usage), said without the URI's password.
     */
    public RedisSettings settings() {
        try {
            return settings(uri, prefix, readOnly, caFile);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), RedisUri.redactAll(e.getMessage()));
        }
    }

    /**
     * Settings from a {@code --redis} URI and the options every command shares; the password from
     * {@code REDIS_PASSWORD} when the URI has none, and for Sentinels their own password from
     * {@code REDIS_SENTINEL_PASSWORD} (their ACL user from {@code REDIS_SENTINEL_USER}), which a URI
     * never holds. {@code local --redis} uses it too.
     */
    static RedisSettings settings(String uri, String prefix, boolean readOnly, java.nio.file.Path caFile) {
        RedisSettings s = RedisSettings.fromUri(uri).withPrefix(prefix).withReadOnly(readOnly).withCaFile(caFile);
        String envPassword = System.getenv("REDIS_PASSWORD");
        if (s.password() == null && envPassword != null && !envPassword.isEmpty()) {
            s = s.withPassword(envPassword);
        }
        String sentinelPassword = System.getenv("REDIS_SENTINEL_PASSWORD");
        if (s.topology() == Topology.SENTINEL && sentinelPassword != null && !sentinelPassword.isEmpty()) {
            s = s.withSentinelCredentials(System.getenv("REDIS_SENTINEL_USER"), sentinelPassword);
        }
        return s;
    }

    /** Connects (typed errors for unreachable / wrong password); the caller closes. */
    public RedisConnections open() {
        return RedisConnections.openForMonitoring(settings());
    }
}
