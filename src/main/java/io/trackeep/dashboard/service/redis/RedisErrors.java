package io.trackeep.dashboard.service.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;

import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

/** Turns whatever Lettuce throws into a {@link RedisAccessException} with a plain message. */
public final class RedisErrors {

    private RedisErrors() {
    }

    /** Runs a Redis call and translates its failure. */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    public static RedisAccessException translate(String what, Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof RedisAccessException rae) {
            return rae;
        }
        String noPermission = firstMessageStartingWith(e, "NOPERM");
        if (noPermission != null) {
            return new RedisAccessException(RedisAccessException.Kind.NOT_PERMITTED,
                    what + ": not permitted for this Redis user (" + noPermission + ")", e);
        }
        String authMessage = authFailure(e);
        if (authMessage != null) {
            return new RedisAccessException(RedisAccessException.Kind.AUTH_FAILED,
                    what + ": authentication failed (" + authMessage + ")", e);
        }
        String tls = tlsFailure(e);
        if (tls != null) {
            return new RedisAccessException(RedisAccessException.Kind.UNREACHABLE, what + ": " + tls, e);
        }
        if (e instanceof RedisCommandTimeoutException || e instanceof TimeoutException) {
            return new RedisAccessException(RedisAccessException.Kind.TIMEOUT,
                    what + ": Redis did not answer in time", e);
        }
        if (e instanceof RedisCommandExecutionException) {
            return new RedisAccessException(RedisAccessException.Kind.COMMAND_FAILED,
                    what + ": Redis answered with an error: " + e.getMessage(), e);
        }
        if (e instanceof RedisConnectionException || e instanceof IOException
                || e instanceof RedisCommandInterruptedException || e instanceof CancellationException) {
            return new RedisAccessException(RedisAccessException.Kind.UNREACHABLE,
                    what + ": Redis is unreachable (" + rootMessage(e) + ")", e);
        }
        if (e instanceof RedisException) {
            // Lettuce uses plain RedisException for "Connection closed", "Currently not connected", ...
            return new RedisAccessException(RedisAccessException.Kind.UNREACHABLE,
                    what + ": Redis is unreachable (" + rootMessage(e) + ")", e);
        }
        return new RedisAccessException(RedisAccessException.Kind.COMMAND_FAILED,
                what + ": " + rootMessage(e), e);
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
                return m.length() > 160 ? m.substring(0, 160) : m;
            }
        }
        return null;
    }

    /** The server's WRONGPASS/NOAUTH text, if this failure (or its cause chain) is one. */
    private static String authFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.startsWith("WRONGPASS") || m.startsWith("NOAUTH")
                    || m.contains("invalid password") || m.contains("invalid username-password"))) {
                return m.length() > 160 ? m.substring(0, 160) : m;
            }
        }
        return null;
    }

    /** What went wrong in a TLS handshake, said for an admin, or null when this is no TLS failure. */
    private static String tlsFailure(Throwable e) {
        boolean handshake = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException
                    || t instanceof CertPathBuilderException) {
                return "the TLS certificate of the server is not trusted (" + rootMessage(e)
                        + "); give the profile the CA file that signed it";
            }
            handshake |= t instanceof SSLException;
        }
        return handshake ? "the TLS handshake failed (" + rootMessage(e) + ")" : null;
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
