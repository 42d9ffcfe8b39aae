package io.trackeep.dashboard.service.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URI naming a Sentinel-managed master or a Cluster:
 * <pre>
 * redis-sentinel://[[user]:password@]host1[:port1][,host2[:port2]...][/db]#masterName
 * redis-cluster://[[user]:password@]host1[:port1][,host2[:port2]...]
 * </pre>
 * with {@code rediss-sentinel://} and {@code rediss-cluster://} for TLS. The hosts are the
 * Sentinels (default port 26379) or the Cluster's seed nodes (default port 6379; any one that
 * answers is enough, the client learns the others). The user info is the data nodes' ACL user and
 * password, read as {@link RedisUri} reads it (the last {@code @} ends it, percent-decoded only: a
 * {@code +} stays a {@code +}); the
 * Sentinels' own password is never in the URI (see {@link RedisSettings#withSentinelCredentials}).
 * A Cluster has database 0 only.
 *
 * @param topology   {@link Topology#SENTINEL} or {@link Topology#CLUSTER}
 * @param nodes      the Sentinels or the seed nodes, in the order given, at least one
 * @param masterName the Sentinels' name of the master (Sentinel only, else null)
 */
public record TopologyUri(Topology topology, boolean tls, String username, String password, List<Node> nodes,
                          int database, String masterName) {

    public static final int DEFAULT_SENTINEL_PORT = 26_379;
    public static final int DEFAULT_CLUSTER_PORT = 6_379;

    private static final Pattern SCHEME = Pattern.compile("(?i)(rediss?)-(sentinel|cluster)://");
    private static final Pattern HOST_NAME = Pattern.compile("[^\\s/?#@\\[\\]:,]+");
    private static final Pattern IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+(?:%[\\w.-]+)?)]");
    private static final Pattern MASTER_NAME = Pattern.compile("[^\\s/?#@,]+");

    /** One Sentinel or seed node. */
    public record Node(String host, int port) {
        /** {@code host:port}, an IPv6 address in brackets. */
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public TopologyUri {
        nodes = List.copyOf(nodes);
        username = username == null || username.isEmpty() ? null : username;
        password = password == null || password.isEmpty() ? null : password;
    }

    /** True when {@code text} starts with one of the schemes read here (the rest may still be wrong). */
    public static boolean hasTopologyScheme(String text) {
        return text != null && SCHEME.matcher(text.strip()).lookingAt();
    }

    /**
     * Reads a Sentinel or Cluster URI.
     *
     * @throws IllegalArgumentException saying what is wrong, with the URI's user info hidden
     */
    public static TopologyUri parse(String text) {
        String uri = text == null ? "" : text.strip();
        Matcher scheme = SCHEME.matcher(uri);
        if (!scheme.lookingAt()) {
            throw new IllegalArgumentException("Expected redis-sentinel://, rediss-sentinel://, redis-cluster:// or "
                    + "rediss-cluster://, got: " + RedisUri.redact(uri));
        }
        boolean tls = scheme.group(1).length() == "rediss".length();
        Topology topology = scheme.group(2).toLowerCase(Locale.ROOT).equals("sentinel") ? Topology.SENTINEL : Topology.CLUSTER;
        RedisUri.UserInfo info = RedisUri.UserInfo.split(uri.substring(scheme.end()), uri);
        String rest = info.rest();

        String masterName = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            masterName = RedisUri.decode(rest.substring(hash + 1), "master name", uri);
            rest = rest.substring(0, hash);
        }
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        int database = database(path, uri);

        int defaultPort = topology == Topology.SENTINEL ? DEFAULT_SENTINEL_PORT : DEFAULT_CLUSTER_PORT;
        List<Node> nodes = new ArrayList<>();
        for (String hostPort : hosts.split(",", -1)) {
            nodes.add(node(hostPort.strip(), defaultPort, uri));
        }
        if (topology == Topology.SENTINEL) {
            if (masterName == null || masterName.isEmpty()) {
                throw new IllegalArgumentException("A Sentinel URI names the master after '#', e.g. "
                        + "redis-sentinel://h1:26379,h2:26379#mymaster: " + RedisUri.redact(uri));
            }
            if (!MASTER_NAME.matcher(masterName).matches()) {
                throw new IllegalArgumentException("The master name in the Sentinel URI has a blank, '/', '?', '#', '@' or ',': "
                        + RedisUri.redact(uri));
            }
        } else {
            if (masterName != null) {
                throw new IllegalArgumentException("A Cluster URI names no master ('#...'): " + RedisUri.redact(uri));
            }
            if (database != 0) {
                throw new IllegalArgumentException("A Redis Cluster has database 0 only: " + RedisUri.redact(uri));
            }
        }
        return new TopologyUri(topology, tls, info.user(), info.password(), nodes, database, masterName);
    }

    /** The same deployment with another database. */
    public TopologyUri withDatabase(int db) {
        return new TopologyUri(topology, tls, username, password, nodes, db, masterName);
    }

    /** The URI without user info: safe to show and store. */
    public String withoutCredentials() {
        StringBuilder b = new StringBuilder(scheme()).append("://");
        b.append(String.join(",", nodes.stream().map(Node::toString).toList()));
        if (database != 0) {
            b.append('/').append(database);
        }
        if (masterName != null) {
            b.append('#').append(masterName);
        }
        return b.toString();
    }

    /** The URI with the data nodes' user and password, percent-encoded so that {@link #parse} reads them back. A secret. */
    public String withCredentials() {
        String plain = withoutCredentials();
        if (username == null && password == null) {
            return plain;
        }
        String info = (username == null ? "" : RedisUri.encode(username))
                + (password == null ? "" : ":" + RedisUri.encode(password)) + "@";
        int start = scheme().length() + 3;
        return plain.substring(0, start) + info + plain.substring(start);
    }

    @Override
    public String toString() {
        return "TopologyUri[" + (username == null ? "" : username + "@") + withoutCredentials()
                + (password == null ? "" : " password=****") + "]";
    }

    private String scheme() {
        return (tls ? "rediss" : "redis") + "-" + topology.label();
    }

    private static Node node(String authority, int defaultPort, String uri) {
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("The Redis URI has an empty host in its host list: " + RedisUri.redact(uri));
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            Matcher v6 = IPV6.matcher(authority);
            if (close < 0 || !v6.region(0, close + 1).matches()) {
                throw new IllegalArgumentException("The Redis URI has an invalid IPv6 address: " + RedisUri.redact(uri));
            }
            host = v6.group(1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("The Redis URI has an invalid host: " + RedisUri.redact(uri));
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (!HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException("The Redis URI has an invalid host: " + RedisUri.redact(uri));
            }
        }
        if (portText == null) {
            return new Node(host, defaultPort);
        }
        if (!portText.matches("[0-9]{1,5}") || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65_535) {
            throw new IllegalArgumentException("A port in the Redis URI must be a number from 1 to 65535: "
                    + RedisUri.redact(uri));
        }
        return new Node(host, Integer.parseInt(portText));
    }

    private static int database(String path, String uri) {
        if (path.isEmpty()) {
            return 0;
        }
        if (!path.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("Database in the URI must be a number: " + RedisUri.redact(uri));
        }
        return Integer.parseInt(path);
    }
}
