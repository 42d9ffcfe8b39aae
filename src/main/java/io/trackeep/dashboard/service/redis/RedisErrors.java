package io.trackeep.dashboard.service.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.protocol.RedisProtocolException;
import io.netty.channel.ConnectTimeoutException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns whatever Lettuce throws into a {@link RedisAccessException} whose message is one
 * sentence an admin can act on: what went wrong, and what to do where that is not obvious.
 * The one translator: the command line and the window show these messages as they are.
 *
 * <p>Failures are told apart by what they need: a server that refuses connections (stopped,
 * restarting, wrong port) from one that accepts them but stopped answering (stalled, overloaded,
 * network cut); a missing password from a wrong one; a certificate from a CA nobody trusts from
 * one issued for another name; a port where something else than Redis answers.
 */
public final class RedisErrors {

    /** Longest server text quoted; longer ones are cut at a word and marked with an ellipsis. */
    private static final int MAX_QUOTE = 200;
    private static final Pattern INVALID_FIRST_BYTE = Pattern.compile("Invalid first byte: (-?\\d+)");
    private static final Pattern TIMED_OUT_AFTER = Pattern.compile("timed out after (\\d+ \\S+)");

    private RedisErrors() {
    }

    /** What a WRONGTYPE reply means; it keeps the word, which callers match. */
    public static final String WRONG_TYPE = "the key holds another type of value than Trackeep keeps there (WRONGTYPE),"
            + " written by something else; nothing was changed";

    /** Runs a Redis call and translates its failure. */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    public static RedisAccessException translate(String what, Throwable error) {
        return translate(what, error, null);
    }

    /**
     * As {@link #translate(String, Throwable)}, for a connection that knows why it is down: a
     * command rejected while disconnected says that reason (refused, or not answering) rather
     * than Lettuce's bare "Currently not connected".
     */
    static RedisAccessException translate(String what, Throwable error, String whyDisconnected) {
        Throwable e = unwrap(error);
        if (e instanceof RedisAccessException rae) {
            return rae;
        }
        String noPermission = firstMessageStartingWith(e, "NOPERM");
        if (noPermission != null) {
            return new RedisAccessException(RedisAccessException.Kind.NOT_PERMITTED,
                    what + ": not permitted for this Redis user (" + quote(noPermission) + ")", e);
        }
        if (firstMessageStartingWith(e, "NOAUTH") != null) {
            return new RedisAccessException(RedisAccessException.Kind.AUTH_FAILED,
                    what + ": Redis asks for a password and none was given; set the profile's password"
                            + " (command line: in the URI or REDIS_PASSWORD)", e);
        }
        if (firstMessageStartingWith(e, "ERR DB index is out of range") != null) {
            // the server answers: it is the URI's /db that names nothing, and no retry mends that
            return new RedisAccessException(RedisAccessException.Kind.UNREACHABLE,
                    what + ": the server has no database of the number in the URI (ERR DB index is out of range);"
                            + " use one below its 'databases' setting (16 by default)", e);
        }
        String authMessage = authFailure(e);
        if (authMessage != null) {
            return new RedisAccessException(RedisAccessException.Kind.AUTH_FAILED,
                    what + ": authentication failed, the user name or password is wrong (" + quote(authMessage) + ")", e);
        }
        String tls = tlsFailure(e);
        if (tls != null) {
            return new RedisAccessException(RedisAccessException.Kind.UNREACHABLE, what + ": " + tls, e);
        }
        String notRedis = notRedis(e);
        if (notRedis != null) {
            return new RedisAccessException(RedisAccessException.Kind.UNREACHABLE, what + ": " + notRedis, e);
        }
        if (e instanceof RedisCommandTimeoutException || e instanceof TimeoutException) {
            return new RedisAccessException(RedisAccessException.Kind.TIMEOUT,
                    what + ": Redis stopped answering (no reply" + after(e) + "): it is stalled, overloaded or cut off", e);
        }
        String failover = failoverState(e);
        if (failover != null && failover.startsWith("READONLY")) {
            // a replica: not a moment to wait out, unless a failover is turning it into the master
            return new RedisAccessException(RedisAccessException.Kind.UNREACHABLE,
                    what + ": this server is a read-only replica, nothing was written (" + scriptless(failover)
                            + "); connect to the master, or try again if a failover is under way", e);
        }
        if (failover != null) {
            return new RedisAccessException(RedisAccessException.Kind.UNREACHABLE,
                    what + ": Redis is not serving this right now (" + failover + ")", e);
        }
        if (e instanceof RedisCommandExecutionException && e.getMessage() != null && e.getMessage().contains("WRONGTYPE Operation")) {
            // said for the admin, without the script's sha and line that Redis adds inside a script
            // (6.2: "ERR Error running script (call to f_<sha>): @user_script:1: WRONGTYPE ...", 7.0: "WRONGTYPE ... script: <sha>, on @user_script:3.")
            return new RedisAccessException(RedisAccessException.Kind.COMMAND_FAILED,
                    what + ": " + WRONG_TYPE, e);
        }
        if (e instanceof RedisCommandExecutionException) {
            return new RedisAccessException(RedisAccessException.Kind.COMMAND_FAILED,
                    what + ": Redis answered with an error: " + quote(e.getMessage()), e);
        }
        if (isNotConnected(e)) {
            return new RedisAccessException(RedisAccessException.Kind.UNREACHABLE, what + ": Redis is unreachable ("
                    + (whyDisconnected != null ? whyDisconnected : "the connection is down") + "; reconnecting)", e);
        }
        String connect = connectFailure(e);
        if (connect != null) {
            return new RedisAccessException(RedisAccessException.Kind.UNREACHABLE, what + ": Redis is unreachable (" + connect + ")", e);
        }
        if (e instanceof RedisConnectionException || e instanceof IOException || e instanceof RedisException
                || e instanceof RedisCommandInterruptedException || e instanceof CancellationException) {
            // Lettuce uses plain RedisException for "Connection closed" and the like
            return new RedisAccessException(RedisAccessException.Kind.UNREACHABLE,
                    what + ": Redis is unreachable (" + rootMessage(e) + ")", e);
        }
        return new RedisAccessException(RedisAccessException.Kind.COMMAND_FAILED, what + ": " + rootMessage(e), e);
    }

    /**
     * True when a connect failed on Lettuce's handshake closing its own channel rather than on
     * the server: a failed HELLO (a wrong password) closes the channel before it completes the
     * handshake with the error, and the close can win ("Connection closed prematurely", "…not
     * registered"). Measured: 3 of 300 connects with a wrong password to Redis 6.2 under load.
     */
    static boolean lostHandshakeRace(RedisAccessException e) {
        String root = e.getCause() == null ? null : rootMessage(e.getCause());
        return e.kind() == RedisAccessException.Kind.UNREACHABLE && root != null
                && (root.equals("Connection closed prematurely") || root.endsWith("HandshakeHandler not registered"));
    }

    /**
     * A failed connection attempt to {@code settings}, said with what only the settings tell:
     * a TLS connection that gets no handshake may be talking to a port without TLS, and a plain
     * one that the server drops at once may be talking to a TLS port.
     */
    static RedisAccessException translateConnect(RedisSettings settings, Throwable error) {
        String what = "Connecting to " + settings.describe();
        RedisAccessException e = translate(what, error);
        if (e.kind() != RedisAccessException.Kind.UNREACHABLE) {
            return e;
        }
        boolean timedOut = hasCause(error, RedisCommandTimeoutException.class);
        if (settings.tls() && timedOut && tlsFailure(unwrap(error)) == null) {
            return new RedisAccessException(e.kind(), what + ": no TLS handshake" + after(causeOf(error, RedisCommandTimeoutException.class))
                    + ": the server is stalled, or serves no TLS on this port (use redis:// for it)", error);
        }
        if (!settings.tls() && "Connection reset".equals(rootMessage(error))) {
            return new RedisAccessException(e.kind(), what + ": the server dropped the connection at once;"
                    + " if it serves TLS on this port, use rediss://", error);
        }
        return e;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return causeOf(e, type) != null;
    }

    private static Throwable causeOf(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Why a connection attempt failed, said for the reconnect loop's record: refused, or
     * accepted without an answer. Null when the cause says neither.
     */
    static String connectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused: nothing accepts connections on that host and port; is Redis running?";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage() + ": check the host name";
            }
            if (t instanceof RedisCommandTimeoutException || t instanceof ConnectTimeoutException) {
                return "it stopped answering: no reply" + after(t) + " to a new connection (stalled, overloaded or cut off)";
            }
        }
        return null;
    }

    private static boolean isNotConnected(Throwable e) {
        return e instanceof RedisException && e.getMessage() != null && e.getMessage().startsWith("Currently not connected");
    }

    private static String after(Throwable e) {
        Matcher m = TIMED_OUT_AFTER.matcher(e.getMessage() == null ? "" : e.getMessage());
        return m.find() ? " within " + m.group(1) : " in time";
    }

    /**
     * The server's answer when it refused a command for a passing state of the deployment, not
     * for the command: a failover or slot move under way (CLUSTERDOWN, TRYAGAIN, MASTERDOWN, a
     * write reaching a replica that is being promoted: READONLY) or a restarted node loading its
     * data (LOADING). Retrying later works, so callers treat it as Redis being unavailable (a
     * limiter falls back to its failure mode) rather than as a wrong command. Null otherwise.
     */
    private static String failoverState(Throwable e) {
        if (!(e instanceof RedisCommandExecutionException)) {
            return null;
        }
        String m = e.getMessage();
        if (m != null && (m.startsWith("CLUSTERDOWN") || m.startsWith("TRYAGAIN") || m.startsWith("MASTERDOWN")
                || m.startsWith("READONLY") || m.startsWith("LOADING"))) {
            return m.length() > 160 ? m.substring(0, 160) : m;
        }
        return null;
    }

    /** A server text without what Redis 7 appends inside a script (" script: <sha>, on @user_script:8."). */
    private static String scriptless(String m) {
        int script = m.indexOf(" script: ");
        return script < 0 ? m : m.substring(0, script);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstMessageStartingWith(Throwable e, String prefix) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.startsWith(prefix)) {
                return m;
            }
        }
        return null;
    }

    /** The server's WRONGPASS text, if this failure (or its cause chain) is one. */
    private static String authFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.startsWith("WRONGPASS") || m.contains("invalid password") || m.contains("invalid username-password"))) {
                return m;
            }
        }
        return null;
    }

    /**
     * What went wrong in a TLS handshake, said for an admin, or null when this is no TLS failure.
     * A Cluster client that could reach none of its seeds says why per seed, as suppressed exceptions.
     */
    private static String tlsFailure(Throwable e) {
        boolean handshake = false;
        for (Throwable t : causesAndSuppressed(e)) {
            if (t instanceof TlsTrust.Untrusted || t instanceof TlsTrust.NameMismatch) {
                return t.getMessage();
            }
            if (t instanceof CertificateException || t instanceof CertPathValidatorException
                    || t instanceof CertPathBuilderException) {
                return "the server's TLS certificate is not trusted (" + rootMessage(e)
                        + "); give the profile (or --ca-file) the PEM file of the CA that signed it";
            }
            if (t instanceof SSLException && t.getMessage() != null && t.getMessage().contains("Unsupported or unrecognized SSL message")) {
                return "the server answered without TLS; use redis:// for it, or the port where it serves TLS";
            }
            handshake |= t instanceof SSLException;
        }
        return handshake ? "the TLS handshake failed (" + rootMessage(e) + ")" : null;
    }

    /** Something answered that does not speak RESP (an HTTP server, an SSH daemon, a TLS port with redis://). */
    private static String notRedis(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t instanceof RedisProtocolException && t.getMessage() != null
                    ? INVALID_FIRST_BYTE.matcher(t.getMessage()) : null;
            if (m != null && m.find()) {
                char first = (char) (Integer.parseInt(m.group(1)) & 0xff);
                boolean printable = first >= 0x20 && first <= 0x7e;
                String like = first == 'H' || first == '<' ? ", as an HTTP server's does"
                        : first == 'S' ? ", as an SSH server's does" : printable ? "" : ", binary: a TLS port?";
                return "what answers on that host and port is not Redis (its reply starts with "
                        + (printable ? "'" + first + "'" : "byte " + (int) first) + like + "); check the port";
            }
        }
        return null;
    }

    /** A server text, whole unless very long; then cut at a word, never inside one. */
    static String quote(String text) {
        String t = text.strip();
        if (t.length() <= MAX_QUOTE) {
            return t;
        }
        int cut = t.lastIndexOf(' ', MAX_QUOTE);
        return t.substring(0, cut > MAX_QUOTE / 2 ? cut : MAX_QUOTE) + "…";
    }

    /** {@code e}, its causes, and the suppressed exceptions of each (and their causes), each once. */
    private static List<Throwable> causesAndSuppressed(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty() && all.size() < 50) {
            Throwable t = todo.poll();
            if (all.stream().anyMatch(seen -> seen == t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        return all;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
