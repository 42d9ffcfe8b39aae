package io.trackeep.dashboard;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The program's logging, set up in code: warnings (and with {@code -Dtrackeep.log.level=INFO} or
 * {@code DEBUG} more of the program's own lines) to standard error. Logback finds it through
 * {@code META-INF/services}; configuring in code spares every start, of the window and of each
 * command, Logback's XML configuration (its parser and the JDK's XML classes: some 600 classes,
 * about a fifth of a command's own start-up work).
 *
 * <p>Logs never contain secrets: settings print as {@code RedisSettings.describe()}, which omits
 * passwords. Messages quote names read from Redis and go to a terminal: {@code %msg} is
 * {@link PrintableLogMessage}, which escapes their control characters. An explicit {@code -Dlogback.configurationFile} still wins.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    static final String LEVEL_PROPERTY = "trackeep.log.level";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
    static final String RECONNECT_LOGGER = "io.lettuce.core.protocol.ConnectionWatchdog";
    static final String DROPPED_LOGGER = "reactor.core.publisher.Operators";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.NEUTRAL; // the user's own file, read by Logback's usual configurators
        }
        // messages quote names read from Redis: %msg escapes their control characters (what logback.xml's conversionRule did)
        converters(context).put("msg", PrintableLogMessage::new);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("io.trackeep").setLevel(Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.WARN));
        // Lettuce warns of every failed reconnect ("Cannot reconnect to …"), a line per attempt: the program
        // says the outage itself (the window's banner, a command's one error line), once and with its cause
        context.getLogger(RECONNECT_LOGGER).setLevel(Level.ERROR);
        // Lettuce's event bus publishes a connection event while a command's client shuts down; Reactor then
        // logs, at ERROR, "Operator called default onErrorDropped ... Scheduler unavailable" under the
        // command's own output: a race of the shutdown, nothing wrong and nothing to do (seen 1 run in 50)
        context.getLogger(DROPPED_LOGGER).setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The context's pattern words, which every pattern layout of the context consults before its defaults. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Supplier<DynamicConverter>> converters(LoggerContext context) {
        Map<String, Supplier<DynamicConverter>> rules = (Map<String, Supplier<DynamicConverter>>) context.getObject(
                CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        return rules;
    }
}
