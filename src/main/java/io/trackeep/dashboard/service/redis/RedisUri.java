package io.trackeep.dashboard.service.redis;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code redis[s]://[[user]:password@]host[:port][/db]} as redis-cli and Lettuce read it, and
 * the one place that hides its secret when it is shown.
 *
 * <p>Not parsed with {@link java.net.URI}: that one ends the authority at the first {@code /},
 * {@code ?} or {@code #}, so a base64 password ({@code a/b+c=}) would turn into a path and the
 * password into the "host". Here the last {@code @} ends the user info (a host never contains one),
 * the first {@code :} in it ends the user name, and both are percent-decoded only: a {@code +}
 * stays a {@code +} (form decoding, as {@link java.net.URLDecoder} does it, would make it a space).
 * User info without a colon is a password, as redis-cli reads {@code redis://secret@host}.
 *
 * <p>Every message this class produces about a URI it could not read shows it through
 * {@link #redact(String)}: the user info is replaced by {@code ****}.
 *
 * @param tls      {@code rediss://}
 * @param username ACL user name, or null
 * @param password password, or null
 * @param host     host name or IP address (an IPv6 address without its brackets)
 * @param port     port, {@value #DEFAULT_PORT} when the URI names none
 * @param database database index, 0 when the URI names none
 */
public record RedisUri(boolean tls, String username, String password, String host, int port, int database) {

    public static final int DEFAULT_PORT = 6379;

    private static final Pattern SCHEME = Pattern.compile("(?i)(rediss?)://");
    private static final Pattern ANY_SCHEME = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://");
    /** A URI with user info inside free text: from the scheme up to the last {@code @} before a blank. */
    private static final Pattern CREDENTIALS_IN_TEXT = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*)://\\S*@");
    private static final Pattern HOST_NAME = Pattern.compile("[^\\s/?#@\\[\\]:]+");
    private static final Pattern IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+(?:%[\\w.-]+)?)]");

    public RedisUri {
        username = username == null || username.isEmpty() ? null : username;
        password = password == null || password.isEmpty() ? null : password;
    }

    /**
     * Reads a Redis URI.
     *
     * @throws IllegalArgumentException saying what is wrong, with the URI's user info hidden
     */
    public static RedisUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The Redis URI is empty; expected redis://host:port or rediss://host:port");
        }
        String uri = text.strip();
        Matcher scheme = SCHEME.matcher(uri);
        if (!scheme.lookingAt()) {
            throw new IllegalArgumentException("Redis URI must start with redis:// or rediss:// (or redis-sentinel://, "
                    + "redis-cluster:// for Sentinel and Cluster), got: " + redact(uri));
        }
        boolean tls = scheme.group(1).length() == "rediss".length();
        UserInfo info = UserInfo.split(uri.substring(scheme.end()), uri);
        String rest = info.rest();

        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        HostAndPort hp = hostAndPort(authority, uri);
        return new RedisUri(tls, info.user(), info.password(), hp.host, hp.port, database(path, uri));
    }

    /**
     * The user info of a URI after its scheme: up to the last {@code @} (a password may hold one),
     * {@code password} or {@code user:password}, percent-decoded; {@code rest} is what follows it.
     * Also {@link TopologyUri}'s.
     */
    record UserInfo(String user, String password, String rest) {

        static UserInfo split(String afterScheme, String uri) {
            int at = afterScheme.lastIndexOf('@');
            if (at < 0) {
                return new UserInfo(null, null, afterScheme);
            }
            String info = afterScheme.substring(0, at);
            String rest = afterScheme.substring(at + 1);
            int colon = info.indexOf(':');
            if (colon < 0) {
                return new UserInfo(null, decode(info, "password", uri), rest);
            }
            return new UserInfo(decode(info.substring(0, colon), "user name", uri),
                    decode(info.substring(colon + 1), "password", uri), rest);
        }
    }

    /**
     * {@code text} as it may appear in a message or a log: everything between the scheme (or the
     * start, when there is none) and the last {@code @} replaced by {@code ****}. For input that may
     * not even parse, so it assumes nothing but that a host never contains an {@code @}.
     */
    public static String redact(String text) {
        if (text == null) {
            return "null";
        }
        Matcher scheme = ANY_SCHEME.matcher(text);
        int start = scheme.lookingAt() ? scheme.end() : 0;
        int at = text.lastIndexOf('@');
        return at < start ? text : text.substring(0, start) + "****" + text.substring(at);
    }

    /** Free text (an exception message, a log line) with the user info of every URI in it hidden. */
    public static String redactAll(String text) {
        if (text == null) {
            return null;
        }
        return CREDENTIALS_IN_TEXT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "://****@"));
    }

    /** {@code redis://host:port} or {@code rediss://host:port}: no credentials, no database. */
    public String endpoint() {
        return scheme() + "://" + hostForUri() + ":" + port;
    }

    /**
     * The whole URI with user name and password, percent-encoded so that {@link #parse} (and
     * redis-cli) read back exactly these values. A secret: for the user's own instance only.
     */
    public String withCredentials() {
        String info = "";
        if (username != null || password != null) {
            info = (username == null ? "" : encode(username)) + (password == null ? "" : ":" + encode(password)) + "@";
        }
        return scheme() + "://" + info + hostForUri() + ":" + port + (database == 0 ? "" : "/" + database);
    }

    @Override
    public String toString() {
        return "RedisUri[" + (username == null ? "" : username + "@") + endpoint() + (database == 0 ? "" : "/" + database)
                + (password == null ? "" : " password=****") + "]";
    }

    private String scheme() {
        return tls ? "rediss" : "redis";
    }

    private String hostForUri() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    private record HostAndPort(String host, int port) {
    }

    private static HostAndPort hostAndPort(String authority, String uri) {
        String host;
        String portText = null;
        Matcher v6 = IPV6.matcher(authority);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0 || !v6.region(0, close + 1).matches()) {
                throw new IllegalArgumentException("Redis URI has an invalid IPv6 address: " + redact(uri));
            }
            host = v6.group(1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("Redis URI has an invalid host: " + redact(uri));
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("Redis URI has no host: " + redact(uri));
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException("Redis URI has an invalid host: " + redact(uri));
            }
        }
        return new HostAndPort(host, port(portText, uri));
    }

    private static int port(String text, String uri) {
        if (text == null) {
            return DEFAULT_PORT;
        }
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65_535) {
            throw new IllegalArgumentException("The port in the Redis URI must be a number from 1 to 65535: " + redact(uri));
        }
        return Integer.parseInt(text);
    }

    private static int database(String path, String uri) {
        if (path.isEmpty()) {
            return 0;
        }
        if (!path.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("Database in the URI must be a number: " + redact(uri));
        }
        return Integer.parseInt(path);
    }

    /** Percent-decoding only ({@code %2B} is {@code +}, a {@code +} stays one), into UTF-8. */
    static String decode(String s, String what, String uri) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            int percent = s.indexOf('%', i);
            bytes.writeBytes(s.substring(i, percent < 0 ? s.length() : percent).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            if (percent + 2 >= s.length() || !isHex(s.charAt(percent + 1)) || !isHex(s.charAt(percent + 2))) {
                throw new IllegalArgumentException("The " + what + " in the Redis URI has a '%' that is not followed by"
                        + " two hex digits (write a '%' as %25): " + redact(uri));
            }
            bytes.write(HexFormat.fromHexDigits(s, percent + 1, percent + 3));
            i = percent + 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The " + what + " in the Redis URI is not UTF-8 once decoded: " + redact(uri));
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** Everything but unreserved characters percent-encoded, so that any value survives {@link #decode}. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }
}
