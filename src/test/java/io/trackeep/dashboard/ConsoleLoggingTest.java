package io.trackeep.dashboard;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The logging set up in code: what logback.xml said (warnings to standard error, the program's level by property, messages escaped by PrintableLogMessage), without XML. */
class ConsoleLoggingTest {

    private final String levelBefore = System.getProperty(ConsoleLogging.LEVEL_PROPERTY);

    @AfterEach
    void restoreLevel() {
        if (levelBefore == null) {
            System.clearProperty(ConsoleLogging.LEVEL_PROPERTY);
        } else {
            System.setProperty(ConsoleLogging.LEVEL_PROPERTY, levelBefore);
        }
    }

    @Test
    void logbackFindsItAsItsConfigurator() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(ConsoleLogging.class);
    }

    @Test
    void warningsOfEveryoneAndTheProgramsOwnLevelGoToStandardError() {
        System.setProperty(ConsoleLogging.LEVEL_PROPERTY, "INFO");
        LoggerContext context = configured();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.trackeep.dashboard.ui.overview.OverviewPanel").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.lettuce.core.RedisClient").getEffectiveLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern()).isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
    }

    @Test
    void withoutOrWithANonsenseLevelTheProgramSaysOnlyWarnings() {
        System.clearProperty(ConsoleLogging.LEVEL_PROPERTY);
        assertThat(configured().getLogger("io.trackeep").getLevel()).isEqualTo(Level.WARN);
        System.setProperty(ConsoleLogging.LEVEL_PROPERTY, "chatty");
        assertThat(configured().getLogger("io.trackeep").getLevel()).isEqualTo(Level.WARN);
    }

    /** A command whose Redis died printed Lettuce's "Cannot reconnect to …" warning above its own error line. */
    @Test
    void lettucesWarningPerFailedReconnectIsLeftToTheProgramsOwnMessage() {
        LoggerContext context = configured();
        assertThat(context.getLogger("io.lettuce.core.protocol.ConnectionWatchdog").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("io.lettuce.core.protocol.CommandHandler").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    /** {@code ratelimit usage --json} once ended with "ERROR r.c.p.Operators - Operator called default onErrorDropped". */
    @Test
    void reactorsErrorDroppedAsLettuceShutsDownIsNotPrintedUnderACommandsOutput() {
        assertThat(configured().getLogger("reactor.core.publisher.Operators").getEffectiveLevel()).isEqualTo(Level.OFF);
    }

    @Test
    void messagesQuotingNamesFromRedisCannotDriveTheTerminal() {
        LoggerContext context = configured();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), root, Level.WARN, "limiter '{}'", null,
                new Object[]{"\u001b]0;owned\u0007\nfake line"});

        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getLayout().doLayout(event))
                .endsWith(" - limiter '\\x1b]0;owned\\x07\\nfake line'" + System.lineSeparator());
    }

    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);
        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return context;
    }
}
