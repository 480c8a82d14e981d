package nz.raceday.ingest.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Deque;

/**
 * Reads the options of {@code replay} and {@code journal}, in order: each is {@code --name value} (no
 * {@code --name=value}), a repeated option's last value wins, {@code --help} or {@code -h} stops with the command's
 * usage. The first problem stops reading with an {@link CommandLine.Invalid} that carries that command's usage.
 */
final class OptionReader {

    /** Reading stopped: {@link #result()} is the {@link CommandLine.Help} or {@link CommandLine.Invalid} to return. */
    static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient CommandLine result;

        private Stop(CommandLine result) {
            // a usage answer, not a failure: no stack trace to fill in
            super(null, null, false, false);
            this.result = result;
        }

        CommandLine result() {
            return result;
        }
    }

    private final Deque<String> rest;
    private final String command;
    private final String usage;
    private String name;
    private String value;

    /**
     * @param rest    the arguments after the command word (and its action), consumed as they are read
     * @param command the command's name as an error message names it ({@code replay}, {@code journal})
     * @param usage   the command's own usage text, printed with {@code --help} and with every error
     */
    OptionReader(Deque<String> rest, String command, String usage) {
        this.rest = rest;
        this.command = command;
        this.usage = usage;
    }

    /**
     * Reads the next option and its value.
     *
     * @return false when no argument is left
     * @throws Stop at {@code --help} / {@code -h}, or when the option has no value after it
     */
    boolean next() throws Stop {
        if (rest.isEmpty()) {
            return false;
        }
        name = rest.poll();
        if (name.equals("--help") || name.equals("-h")) {
            throw new Stop(new CommandLine.Help(usage));
        }
        value = rest.poll();
        if (value == null) {
            throw invalid(name + " needs a value");
        }
        return true;
    }

    /** The option just read, as given ({@code --day}). */
    String name() {
        return name;
    }

    /** Its value, as given. */
    String value() {
        return value;
    }

    Path path() {
        return Path.of(value);
    }

    LocalDate date() throws Stop {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be YYYY-MM-DD, got '" + value + "'");
        }
    }

    /** The option just read is not one of the command's. */
    Stop unknown() {
        return invalid("unknown option '" + name + "' for " + command);
    }

    /** A usage error of this command: the reason above the command's usage. */
    Stop invalid(String reason) {
        return new Stop(new CommandLine.Invalid(reason, usage));
    }
}
