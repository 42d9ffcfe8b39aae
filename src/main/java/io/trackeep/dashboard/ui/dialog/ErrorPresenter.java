package io.trackeep.dashboard.ui.dialog;

import io.trackeep.dashboard.service.profile.ProfileStoreException;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns exceptions into messages for people: a title by kind of failure, the message without
 * stack trace or class names, and a hint what to do. Credentials that might sit in a URI inside a
 * message are masked. Unexpected exceptions (bugs) are logged with their stack trace here, once,
 * so callers only need to show the result.
 */
public final class ErrorPresenter {

    private static final Logger log = LoggerFactory.getLogger(ErrorPresenter.class);

    private ErrorPresenter() {
    }

    public static UserMessage describe(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof RedisAccessException rae) {
            return redis(rae);
        }
        if (e instanceof ProfileStoreException) {
            return new UserMessage("Profiles could not be saved", clean(e.getMessage()),
                    "Check that the configuration folder is writable.");
        }
        if (e instanceof IllegalArgumentException) {
            return new UserMessage("Invalid input", clean(e.getMessage()), null);
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return new UserMessage("File or network error", clean(e.getMessage()), null);
        }
        log.warn("Unexpected error shown to the user", e);
        String text = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return new UserMessage("Something went wrong", clean(text), "The log has the details.");
    }

    private static UserMessage redis(RedisAccessException e) {
        String message = clean(e.getMessage());
        return switch (e.kind()) {
            case UNREACHABLE -> new UserMessage("Redis is unreachable", message,
                    "Check that Redis is running and that host and port are right.");
            case AUTH_FAILED -> new UserMessage("Authentication failed", message,
                    "Check the user name and password of the profile.");
            case NOT_PERMITTED -> new UserMessage("Not permitted for this Redis user", message,
                    "The ACL user of this profile lacks the permission; ask for it or use another profile.");
            case TIMEOUT -> new UserMessage("Redis did not answer in time", message,
                    "Redis may be overloaded or the network slow; try again.");
            case READ_ONLY -> new UserMessage("Read-only connection", message,
                    "This profile is read-only. Edit the profile to allow changes.");
            case COMMAND_FAILED -> new UserMessage("Redis refused the command", message, commandHint(message));
        };
    }

    private static String commandHint(String message) {
        String m = message.toUpperCase(Locale.ROOT);
        if (m.contains("OOM")) {
            return "Redis is out of memory (maxmemory reached): free memory or raise maxmemory.";
        }
        if (m.contains("WRONGTYPE")) {
            return "The key holds a different type than Trackeep writes there.";
        }
        if (m.contains("READONLY")) {
            return "This server is a read-only replica; connect to the primary.";
        }
        if (m.contains("NOSCRIPT") || m.contains("BUSY")) {
            return "A script is running or missing on the server; try again.";
        }
        return null;
    }

    private static String clean(String message) {
        if (message == null) {
            return "";
        }
        return RedisUri.redactAll(message);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
