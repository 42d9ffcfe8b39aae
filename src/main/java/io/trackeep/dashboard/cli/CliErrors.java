package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisUri;
import picocli.CommandLine;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a failed command into one plain line on standard error and an exit code; a stack trace
 * only with {@code TRACKEEP_DEBUG=1}.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {

    /** Exit code when Redis could not be reached or refused the credentials. */
    static final int REDIS_UNAVAILABLE = 3;
    /** Exit code when a write was refused because of {@code --read-only}. */
    static final int READ_ONLY = 4;
    /** Exit code for any other failure. */
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        // messages quote names read from Redis: printable, and never a password
        cl.getErr().println("error: " + Printable.message(RedisUri.redactAll(describe(ex))));
        if ("1".equals(System.getenv("TRACKEEP_DEBUG"))) {
            ex.printStackTrace(cl.getErr());
        }
        if (ex instanceof RedisAccessException rae) {
            return switch (rae.kind()) {
                case READ_ONLY -> READ_ONLY;
                case UNREACHABLE, TIMEOUT, AUTH_FAILED -> REDIS_UNAVAILABLE;
                default -> FAILED;
            };
        }
        return FAILED;
    }

    /**
     * The failure's own message, or, for one that has none (a bug of ours, not a situation a user
     * can mend), what it is and where to learn more: "error: null" told nobody anything.
     */
    static String describe(Throwable ex) {
        Throwable shown = ex;
        while ((shown instanceof CompletionException || shown instanceof ExecutionException) && shown.getCause() != null) {
            shown = shown.getCause();
        }
        if (shown.getMessage() != null && !shown.getMessage().isBlank()) {
            return shown.getMessage();
        }
        return "unexpected failure (" + shown.getClass().getName() + ", no message); TRACKEEP_DEBUG=1 prints where it happened";
    }
}
