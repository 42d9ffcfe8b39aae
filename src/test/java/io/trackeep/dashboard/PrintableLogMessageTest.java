package io.trackeep.dashboard;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableLogMessageTest {

    @Test
    void aNameFromRedisInALogLineCannotDriveTheTerminal() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.trackeep.test");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN,
                "Ignoring malformed rate limit '{}'", null, new Object[]{"\u001b]0;owned\u0007\nfake line \uDCE9"});

        assertThat(new PrintableLogMessage().convert(event)).isEqualTo("Ignoring malformed rate limit '\\x1b]0;owned\\x07\\nfake line \\xe9'");
    }

    @Test
    void theConsoleLogEscapesMessagesWithIt() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var console = (ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root.getAppender("STDERR");
        var layout = ((ch.qos.logback.classic.encoder.PatternLayoutEncoder) console.getEncoder()).getLayout();
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), root, Level.WARN, "limiter '{}'", null, new Object[]{"a\u001b[31mb"});

        assertThat(layout.doLayout(event)).endsWith("limiter 'a\\x1b[31mb'" + System.lineSeparator());
    }
}
