package io.trackeep.dashboard;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.trackeep.dashboard.service.redis.Printable;

/**
 * The {@code %msg} of the log: log lines quote limiter names, keys and members as read from
 * Redis, and go to the terminal's standard error, so control characters in them are escaped
 * ({@link Printable#message}) like everything else the command line prints.
 */
public final class PrintableLogMessage extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Printable.message(super.convert(event));
    }
}
