package nz.raceday.ingest.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log event the JVM writes at the configured levels (what the log file of a run would hold) as text:
 * the formatted message and the full stack trace of any throwable, so a test can search all of it.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Appender appender = new Appender();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    private final class Appender extends AbstractAppender {
        Appender() {
            super("log-capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder line = new StringBuilder()
                    .append(event.getLevel()).append(' ')
                    .append(event.getLoggerName()).append(" [").append(event.getThreadName()).append("] ")
                    .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            synchronized (lines) {
                lines.add(line.toString());
            }
        }
    }

    public LogCapture() {
        appender.start();
        Configuration configuration = context.getConfiguration();
        LoggerConfig root = configuration.getRootLogger();
        root.addAppender(appender, Level.ALL, null);
        // loggers with their own level still pass events to the root's appenders
        configuration.getLoggers().values().forEach(logger -> {
            if (logger != root) {
                logger.addAppender(appender, Level.ALL, null);
            }
        });
        context.updateLoggers();
    }

    /** Everything captured so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Everything captured so far, as one text. */
    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        configuration.getLoggers().values().forEach(logger -> logger.removeAppender(appender.getName()));
        configuration.getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
