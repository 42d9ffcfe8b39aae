package io.trackeep.dashboard.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Collects what is logged (at the levels configured) while it is open: for "no stack trace in the log" checks. */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** Everything logged so far. */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // the appender appends under its own lock
            return List.copyOf(appender.list);
        }
    }

    /** The events that carry a stack trace. */
    public List<ILoggingEvent> withStackTraces() {
        return events().stream().filter(e -> e.getThrowableProxy() != null).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
